"""German for every GUI string: fills resources/translations/traymon_de.ts after pyside6-lupdate.

Run by ``make translations``: lupdate (new strings appear in the .ts), this script
(fills the ones it knows, reports the ones it does not), lrelease (the .qm).
Keys are (context, English source); a missing key fails loudly so no string ships
half-translated.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

GERMAN: dict[tuple[str, str], str] = {
    ("AboutDialog", "Traymon — About and diagnostics"): "Traymon — Info und Diagnose",
    ("AboutDialog", "About Traymon and diagnostics"): "Über Traymon und Diagnose",
    (
        "AboutDialog",
        "Traymon {version} shows how your company's cloud services are doing.\n"
        "If you contact your IT helpdesk, copy the details below into your message.",
    ): "Traymon {version} zeigt, wie es den Cloud-Diensten Ihrer Firma geht.\n"
    "Wenn Sie sich an Ihren IT-Helpdesk wenden, kopieren Sie die Angaben unten in Ihre Nachricht.",
    ("AboutDialog", "Diagnostics"): "Diagnose",
    ("AboutDialog", "&Copy diagnostics"): "Diagnose &kopieren",
    ("AboutDialog", "Copy diagnostics to the clipboard"): "Diagnose in die Zwischenablage kopieren",
    (
        "App",
        "Traymon found no system tray on this desktop; "
        "run `traymon check` to see the same information in a terminal.",
    ): "Traymon hat auf diesem Desktop keinen Infobereich gefunden; "
    "`traymon check` zeigt dieselben Angaben im Terminal.",
    (
        "App",
        "Traymon is already running; its window has been brought forward.",
    ): "Traymon läuft bereits; sein Fenster wurde nach vorn geholt.",
    (
        "App",
        "Traymon is already running and still starting; open its window from the "
        "Traymon icon in the system tray once the icon appears.",
    ): "Traymon läuft bereits und startet noch; öffnen Sie sein Fenster über das "
    "Traymon-Symbol im Infobereich, sobald das Symbol erscheint.",
    (
        "App",
        "Traymon is already running but did not confirm that its window came forward; "
        "if it did not, open it from the Traymon icon in the system tray.",
    ): "Traymon läuft bereits, hat aber nicht bestätigt, dass sein Fenster nach vorn "
    "geholt wurde; falls nicht, öffnen Sie es über das Traymon-Symbol im Infobereich.",
    (
        "App",
        "Traymon seems to be running already but did not answer; open its window from "
        "the Traymon icon in the system tray, or quit it there and start Traymon again.",
    ): "Traymon scheint bereits zu laufen, hat aber nicht geantwortet; öffnen Sie sein "
    "Fenster über das Traymon-Symbol im Infobereich, oder beenden Sie es dort und "
    "starten Sie Traymon erneut.",
    ("DetailWindow", "Traymon — cloud service status"): "Traymon — Status der Cloud-Dienste",
    ("DetailWindow", "Traymon service status"): "Traymon Dienststatus",
    ("DetailWindow", "Checking your services…"): "Ihre Dienste werden geprüft…",
    ("DetailWindow", "Overall state"): "Gesamtzustand",
    ("DetailWindow", "&Problems only"): "Nur &Probleme",
    ("DetailWindow", "Show only services with problems"): "Nur Dienste mit Problemen zeigen",
    ("DetailWindow", "Services"): "Dienste",
    ("DetailWindow", "Service details"): "Dienstdetails",
    ("DetailWindow", "Overall: {state}"): "Gesamt: {state}",
    ("AnnouncementBanner", "Announcements from IT"): "Mitteilungen der IT",
    ("AnnouncementBanner", "and {count} more"): "und {count} weitere",
    ("AnnouncementBanner", "IT: {message}"): "IT: {message}",
    ("AnnouncementBanner", "from {who}"): "von {who}",
    ("AnnouncementBanner", "since {time}"): "seit {time}",
    ("AnnouncementBanner", "until {time}"): "bis {time}",
    ("TimelineView", "What happened"): "Was geschah",
    (
        "TimelineView",
        "&What happened in the last 24 hours",
    ): "&Was in den letzten 24 Stunden geschah",
    ("TimelineView", "What happened in the last 24 hours"): "Was in den letzten 24 Stunden geschah",
    (
        "TimelineView",
        "No changes in the last 24 hours.",
    ): "Keine Änderungen in den letzten 24 Stunden.",
    (
        "TimelineView",
        "State changes in the last 24 hours, newest first",
    ): "Zustandsänderungen der letzten 24 Stunden, neueste zuerst",
    ("TimelineView", "{time} {change}"): "{time} {change}",
    ("TimelineView", "{when}: {old} → {new}"): "{when}: {old} → {new}",
    ("Timeline", "{name}: back to normal"): "{name}: wieder normal",
    (
        "Timeline",
        "{name}: no fresh answer, state unknown",
    ): "{name}: keine frische Antwort, Zustand unbekannt",
    ("Timeline", "yesterday {time}"): "gestern {time}",
    ("ServiceDetail", "Changes in the last 24 hours"): "Änderungen der letzten 24 Stunden",
    ("ServiceDetail", "Last 24 h:"): "Letzte 24 h:",
    ("ServiceDetail", "… and {n} earlier"): "… und {n} frühere",
    ("ServiceDetail", "no changes"): "keine Änderungen",
    ("Notices", "… and {n} more"): "… und {n} weitere",
    ("Notices", "Traymon: {name} — {state}"): "Traymon: {name} — {state}",
    ("Notices", "Traymon: {n} services changed"): "Traymon: {n} Dienste haben sich geändert",
    ("Notices", "{name}: working again"): "{name}: funktioniert wieder",
    (
        "Notices",
        "Traymon: while notifications were paused",
    ): "Traymon: während die Benachrichtigungen pausiert waren",
    ("Notices", "Traymon: while your quiet hours lasted"): "Traymon: während Ihrer Ruhezeit",
    ("Notices", "Traymon: while you were busy"): "Traymon: während Sie beschäftigt waren",
    ("Notices", "Open backup webmail"): "Ersatz-Webmail öffnen",
    ("Notices", "Switch mail"): "E-Mail umstellen",
    ("Notices", "Details"): "Details",
    ("Notices", "Mute for today"): "Für heute stummschalten",
    ("Notices", "{name}: still a problem ({trouble})"): "{name}: weiterhin gestört ({trouble})",
    (
        "Notices",
        "{name}: still a problem since {time} ({trouble})",
    ): "{name}: weiterhin gestört seit {time} ({trouble})",
    (
        "Notices",
        "{name}: had a problem, state unknown now",
    ): "{name}: war gestört, Zustand jetzt unbekannt",
    ("Notices", "{name}: working again since {time}"): "{name}: funktioniert wieder seit {time}",
    (
        "Notices",
        "{name}: problems {n} times between {start} and {end}, working again now",
    ): "{name}: {n}-mal gestört zwischen {start} und {end}, funktioniert jetzt wieder",
    (
        "Notices",
        "{name}: a problem from {start} to {end}, working again now",
    ): "{name}: gestört von {start} bis {end}, funktioniert jetzt wieder",
    (
        "Notices",
        "fails from this PC, the vendor reports no problem",
    ): "gestört von diesem PC aus, der Anbieter meldet kein Problem",
    (
        "Notices",
        "fails from this PC, {vendor} reports no problem",
    ): "gestört von diesem PC aus, {vendor} meldet kein Problem",
    ("Notices", "outage reported by the vendor"): "Ausfall vom Anbieter gemeldet",
    ("Notices", "outage reported by {vendor}"): "Ausfall gemeldet von {vendor}",
    ("Notices", "reported by the vendor: {state}"): "vom Anbieter gemeldet: {state}",
    ("Notices", "reported by {vendor}: {state}"): "gemeldet von {vendor}: {state}",
    ("Notices", "yesterday {time}"): "gestern {time}",
    ("ServiceDetail", "Copy"): "Kopieren",
    ("ServiceDetail", "It's not working for me"): "Bei mir funktioniert es nicht",
    ("ServiceDetail", "Thank you: counted for your site"): ("Danke: für Ihren Standort gezählt"),
    ("ServiceDetail", "Copy the instructions"): "Die Anleitung kopieren",
    (
        "TrayController",
        "This computer seems to be offline; checking again…",
    ): "Dieser Computer scheint offline zu sein; es wird erneut geprüft …",
    ("MailSwitch", "Traymon"): "Traymon",
    ("TrayMenu", "Mute a service"): "Einen Dienst stummschalten",
    ("TrayMenu", "Tell me when it's back"): "Melden, wenn es wieder geht",
    ("MailSwitch", "Switch the mail client"): "Das E-Mail-Programm umstellen",
    ("MailSwitch", "Starting {client} for you."): "{client} wird für Sie gestartet.",
    ("ServiceDetail", "Service details"): "Dienstdetails",
    ("ServiceDetail", "Service"): "Dienst",
    ("ServiceDetail", "and {count} more, all operational"): "und {count} weitere, alle in Betrieb",
    ("ServiceDetail", "State and whose problem it is"): "Zustand und wessen Problem es ist",
    ("ServiceDetail", "Last checked"): "Zuletzt geprüft",
    ("ServiceDetail", "Latency"): "Antwortzeit",
    ("ServiceDetail", "Components"): "Komponenten",
    ("ServiceDetail", "Open incidents"): "Offene Störungen",
    ("ServiceDetail", "What to do meanwhile"): "Was Sie solange tun können",
    ("ServiceDetail", "Fallback instructions"): "Ausweichanleitung",
    ("ServiceDetail", "State:"): "Zustand:",
    ("ServiceDetail", "Checked:"): "Geprüft:",
    ("ServiceDetail", "Latency:"): "Antwortzeit:",
    ("ServiceDetail", "Components:"): "Komponenten:",
    ("ServiceDetail", "Incidents:"): "Störungen:",
    ("ServiceDetail", "90 days:"): "90 Tage:",
    (
        "ServiceDetail",
        "Choose a service to see its details.",
    ): "Wählen Sie einen Dienst, um Details zu sehen.",
    (
        "ServiceDetail",
        "{state} — {verdict}\n{sentence}\n{summary}",
    ): "{state} — {verdict}\n{sentence}\n{summary}",
    ("ServiceDetail", "not checked yet"): "noch nicht geprüft",
    ("ServiceDetail", "{time}, {age}"): "{time}, {age}",
    ("ServiceDetail", "none reported"): "keine gemeldet",
    ("ServiceDetail", "none open"): "keine offen",
    ("ServiceDetail", "no update text yet"): "noch keine Meldung",
    ("ServiceDetail", "Watch only these…"): "Nur diese beobachten …",
    ("ServiceDetail", "Choose the components to watch"): "Die zu beobachtenden Komponenten wählen",
    ("ServiceDetail", "{count} more not watched"): "{count} weitere nicht beobachtet",
    (
        "ServiceDetail",
        "Not on this page, so not watched: {names}",
    ): "Nicht auf dieser Seite, daher nicht beobachtet: {names}",
    ("WatchComponentsDialog", "Watch only these — {service}"): "Nur diese beobachten — {service}",
    (
        "WatchComponentsDialog",
        "Tick the parts of {service} you use. Problems elsewhere on its status "
        "page then leave the icon alone; an incident that names no part still counts.",
    ): "Haken Sie die Teile von {service} an, die Sie nutzen. Probleme anderswo auf seiner "
    "Statusseite lassen das Symbol dann in Ruhe; eine Störung, die keinen Teil nennt, "
    "zählt weiterhin.",
    ("WatchComponentsDialog", "Component"): "Komponente",
    ("WatchComponentsDialog", "State"): "Zustand",
    ("WatchComponentsDialog", "Components to watch"): "Zu beobachtende Komponenten",
    ("WatchComponentsDialog", "Watch everything"): "Alles beobachten",
    ("WatchComponentsDialog", "Watch the whole page"): "Die ganze Seite beobachten",
    ("ServiceTableModel", "Service"): "Dienst",
    ("ServiceTableModel", "State"): "Zustand",
    ("ServiceTableModel", "Whose problem"): "Wessen Problem",
    ("ServiceTableModel", "Summary"): "Zusammenfassung",
    ("ServiceTableModel", "Last checked"): "Zuletzt geprüft",
    ("ServiceTableModel", "Latency"): "Antwortzeit",
    ("ServiceTableModel", "not checked yet"): "noch nicht geprüft",
    ("ServiceTableModel", "{time} ({age})"): "{time} ({age})",
    ("SettingsDialog", "Traymon — Settings"): "Traymon — Einstellungen",
    ("SettingsDialog", "Traymon settings"): "Traymon-Einstellungen",
    ("SettingsDialog", "Search services…"): "Dienste suchen…",
    ("SettingsDialog", "Search services"): "Dienste suchen",
    ("SettingsDialog", "Number of watched services"): "Anzahl der beobachteten Dienste",
    ("SettingsDialog", "Watching 1 service"): "1 Dienst wird beobachtet",
    ("SettingsDialog", "Watching {count} services"): "{count} Dienste werden beobachtet",
    (
        "SettingsDialog",
        "Services to watch (checked ones are watched)",
    ): "Beobachtete Dienste (angehakte werden beobachtet)",
    ("SettingsDialog", "Minutes between checks"): "Minuten zwischen den Prüfungen",
    ("SettingsDialog", " min"): " Min.",
    (
        "SettingsDialog",
        "Show &notifications when a service changes",
    ): "&Benachrichtigen, wenn sich ein Dienst ändert",
    ("SettingsDialog", "&Quiet hours"): "&Ruhezeit",
    (
        "SettingsDialog",
        "Quiet hours: no notifications between these times",
    ): "Ruhezeit: keine Benachrichtigungen zwischen diesen Uhrzeiten",
    ("SettingsDialog", "Quiet hours start"): "Beginn der Ruhezeit",
    ("SettingsDialog", "Quiet hours end"): "Ende der Ruhezeit",
    ("SettingsDialog", "Start Traymon when I &log in"): "Traymon bei der &Anmeldung starten",
    (
        "SettingsDialog",
        "Show the number of affected services on the icon",
    ): "Anzahl betroffener Dienste im Symbol zeigen",
    ("SettingsDialog", "to"): "bis",
    ("SettingsDialog", "&Services:"): "&Dienste:",
    ("SettingsDialog", "Check &every:"): "Prüfen &alle:",
    ("SettingsDialog", "Notifications:"): "Benachrichtigungen:",
    ("SettingsDialog", "Start:"): "Start:",
    ("SettingsDialog", "Icon:"): "Symbol:",
    ("SettingsDialog", "Locked"): "Gesperrt",
    ("SettingsDialog", "Set by your IT department"): "Von Ihrer IT-Abteilung festgelegt",
    ("SettingsDialog", "At least {minutes} min (set by your IT department)"): (
        "Mindestens {minutes} Min. (von Ihrer IT-Abteilung festgelegt)"
    ),
    (
        "SettingsDialog",
        "{name} (set by your IT department)",
    ): "{name} (von Ihrer IT-Abteilung festgelegt)",
    ("TrayController", "not checked yet"): "noch nicht geprüft",
    (
        "TrayController",
        "Traymon — checking your services…",
    ): "Traymon — Ihre Dienste werden geprüft…",
    ("TrayController", "Traymon — {state}"): "Traymon — {state}",
    ("TrayController", "… and {n} more"): "… und {n} weitere",
    ("TrayController", "All {n} services operational"): "Alle {n} Dienste in Betrieb",
    (
        "TrayController",
        "Showing the last known states; checking again…",
    ): "Letzter bekannter Stand; wird neu geprüft…",
    ("TrayMenu", "Traymon menu"): "Traymon-Menü",
    ("TrayMenu", "Check now"): "Jetzt prüfen",
    ("TrayMenu", "Pause notifications"): "Benachrichtigungen pausieren",
    ("TrayMenu", "For 1 hour"): "Für 1 Stunde",
    ("TrayMenu", "For 4 hours"): "Für 4 Stunden",
    ("TrayMenu", "Until {time} tomorrow"): "Bis morgen {time} Uhr",
    ("TrayMenu", "Resume notifications"): "Benachrichtigungen fortsetzen",
    ("TrayMenu", "Open status page"): "Statusseite öffnen",
    ("TrayMenu", "Settings…"): "Einstellungen…",
    ("TrayMenu", "About and diagnostics…"): "Info und Diagnose…",
    ("TrayMenu", "Quit"): "Beenden",
    ("TrayMenu", "Traymon — {state}"): "Traymon — {state}",
    ("TrayMenu", "{name} — not checked yet"): "{name} — noch nicht geprüft",
    ("TrayMenu", "{name} — last known"): "{name} — letzter Stand",
    ("TrayMenu", "Notifications paused until {time}"): "Benachrichtigungen pausiert bis {time}",
    ("UptimeBar", "90-day history"): "Verlauf der letzten 90 Tage",
    (
        "UptimeBar",
        "No history yet: the last 90 days fill in as Traymon runs.",
    ): "Noch kein Verlauf: die letzten 90 Tage füllen sich, während Traymon läuft.",
    ("UptimeBar", "{state}: {n} days"): "{state}: {n} Tage",
    (
        "UptimeBar",
        "Last 90 days, worst state per day — {parts}",
    ): "Letzte 90 Tage, schlechtester Zustand pro Tag — {parts}",
    ("Wording", "Operational"): "In Betrieb",
    ("Wording", "Maintenance"): "Wartung",
    ("Wording", "Degraded"): "Beeinträchtigt",
    ("Wording", "Partial outage"): "Teilausfall",
    ("Wording", "Major outage"): "Großer Ausfall",
    ("Wording", "Unknown"): "Unbekannt",
    ("Wording", "Offline"): "Offline",
    ("Wording", "No problem known"): "Kein Problem bekannt",
    ("Wording", "Reported by the vendor"): "Vom Anbieter gemeldet",
    ("Wording", "Reported by {vendor}"): "Gemeldet von {vendor}",
    (
        "Wording",
        "{name}: maintenance announced by the vendor",
    ): "{name}: Wartung vom Anbieter angekündigt",
    ("Wording", "{name}: outage reported by the vendor"): "{name}: Ausfall vom Anbieter gemeldet",
    (
        "Wording",
        "{name}: {state} (reported by the vendor)",
    ): "{name}: {state} (vom Anbieter gemeldet)",
    (
        "Wording",
        "{name}: fails from this PC, the vendor reports no problem",
    ): "{name}: gestört von diesem PC aus, der Anbieter meldet kein Problem",
    ("Wording", "Fails from this PC only"): "Nur von diesem PC aus gestört",
    ("Wording", "It's not just you: many PCs here fail too"): (
        "Nicht nur bei Ihnen: viele PCs hier sind auch gestört"
    ),
    ("Wording", "Only this PC: others here are fine"): (
        "Nur dieser PC: bei den anderen hier funktioniert es"
    ),
    (
        "Wording",
        "{name}: it's not just you; many PCs at your site fail too, probably our company's network",
    ): (
        "{name}: nicht nur bei Ihnen; viele PCs an Ihrem Standort sind auch gestört, "
        "wahrscheinlich das Netz unserer Firma"
    ),
    (
        "Wording",
        "{name}: fails from this PC only; other PCs at your site are fine",
    ): "{name}: nur von diesem PC aus gestört; bei anderen PCs an Ihrem Standort funktioniert es",
    ("Wording", "This PC is offline"): "Dieser PC ist offline",
    ("Wording", "Last known, checking again"): "Letzter Stand, wird neu geprüft",
    (
        "Wording",
        "{name}: maintenance announced by {vendor}",
    ): "{name}: Wartung angekündigt von {vendor}",
    ("Wording", "{name}: outage reported by {vendor}"): "{name}: Ausfall gemeldet von {vendor}",
    (
        "Wording",
        "{name}: {state} (reported by {vendor})",
    ): "{name}: {state} (gemeldet von {vendor})",
    (
        "Wording",
        "{name}: fails from this PC, {vendor} reports no problem",
    ): "{name}: gestört von diesem PC aus, {vendor} meldet kein Problem",
    (
        "Wording",
        "{name}: cannot be reached, this PC seems to be offline",
    ): "{name}: nicht erreichbar, dieser PC scheint offline zu sein",
    (
        "Wording",
        "{name}: {state} when last checked; checking again",
    ): "{name}: {state} bei der letzten Prüfung; wird neu geprüft",
    ("Wording", "{name}: state unknown. {reason}"): "{name}: Zustand unbekannt. {reason}",
    ("Wording", "{name}: {state}"): "{name}: {state}",
    ("Wording", "never"): "nie",
    ("Wording", "just now"): "gerade eben",
    ("Wording", "{n} min ago"): "vor {n} Min.",
    ("Wording", "{n} h ago"): "vor {n} Std.",
    ("Wording", "{n} days ago"): "vor {n} Tagen",
    ("Wording", "{ms} ms"): "{ms} ms",
    (
        "Reasons",
        "No state could be read from the status page's answer.",
    ): "Aus der Antwort der Statusseite ließ sich kein Zustand lesen.",
    ("Reasons", "Answered."): "Hat geantwortet.",
    ("Reasons", "Answered in {ms} ms."): "Antwort nach {ms} ms.",
    (
        "Reasons",
        "The test from this computer failed.",
    ): "Der Test von diesem Computer aus ist fehlgeschlagen.",
    ("Reasons", "{title} — {status}"): "{title} — {status}",
    ("Reasons", "{component}: {state}"): "{component}: {state}",
    ("Reasons", "{line} (+{count} more)"): "{line} (+{count} weitere)",
    (
        "Reasons",
        "A company proxy or security software may be in the way.",
    ): "Womöglich steht ein Proxy der Firma oder eine Sicherheitssoftware im Weg.",
    (
        "Reasons",
        "Check this computer's date and time.",
    ): "Prüfen Sie Datum und Uhrzeit dieses Computers.",
    (
        "Reasons",
        "Check this computer's network connection.",
    ): "Prüfen Sie die Netzwerkverbindung dieses Computers.",
    ("Reasons", "The problem is on the server's side."): "Das Problem liegt beim Server.",
    ("Reasons", "Please tell your IT helpdesk."): "Bitte sagen Sie Ihrem IT-Helpdesk Bescheid.",
    (
        "Reasons",
        "The check failed; the log has the details.",
    ): "Die Prüfung ist fehlgeschlagen; Einzelheiten stehen im Protokoll.",
    ("Reasons", "{n} MB"): "{n} MB",
    (
        "Reasons",
        "The name {host} could not be found (DNS).",
    ): "Der Name {host} wurde nicht gefunden (DNS).",
    (
        "Reasons",
        "The server's name could not be found (DNS).",
    ): "Der Name des Servers wurde nicht gefunden (DNS).",
    ("Reasons", "{host} refused the connection."): "{host} hat die Verbindung abgelehnt.",
    ("Reasons", "The server refused the connection."): "Der Server hat die Verbindung abgelehnt.",
    (
        "Reasons",
        "{host} did not answer within {seconds} s.",
    ): "{host} hat nicht innerhalb von {seconds} s geantwortet.",
    ("Reasons", "No answer within {seconds} s."): "Keine Antwort innerhalb von {seconds} s.",
    (
        "Reasons",
        "The server's certificate is not trusted (issued by {issuer}).",
    ): "Dem Zertifikat des Servers wird nicht vertraut (ausgestellt von {issuer}).",
    (
        "Reasons",
        "The server's certificate is not trusted.",
    ): "Dem Zertifikat des Servers wird nicht vertraut.",
    (
        "Reasons",
        "The server's certificate expired on {day}.",
    ): "Das Zertifikat des Servers ist am {day} abgelaufen.",
    (
        "Reasons",
        "The server's certificate has expired.",
    ): "Das Zertifikat des Servers ist abgelaufen.",
    (
        "Reasons",
        "The server's certificate is for another name ({names}).",
    ): "Das Zertifikat des Servers gilt für einen anderen Namen ({names}).",
    (
        "Reasons",
        "The server's certificate is for another name.",
    ): "Das Zertifikat des Servers gilt für einen anderen Namen.",
    (
        "Reasons",
        "The server answered HTTP {status} instead of {expected}.",
    ): "Der Server hat mit HTTP {status} statt {expected} geantwortet.",
    (
        "Reasons",
        "The server asks to be asked less often (HTTP 429).",
    ): "Der Server bittet, seltener gefragt zu werden (HTTP 429).",
    (
        "Reasons",
        "The server is not available at the moment (HTTP {status}).",
    ): "Der Server ist im Moment nicht verfügbar (HTTP {status}).",
    (
        "Reasons",
        "The server answered with an error (HTTP {status}).",
    ): "Der Server hat mit einem Fehler geantwortet (HTTP {status}).",
    (
        "Reasons",
        "The answer is too large (more than {size}).",
    ): "Die Antwort ist zu groß (mehr als {size}).",
    (
        "Reasons",
        "Answered in {ms} ms, slower than the {limit} ms allowed.",
    ): "Antwort nach {ms} ms, langsamer als die erlaubten {limit} ms.",
    (
        "Reasons",
        "No fresh answer since {time}; last known: {state}.",
    ): "Keine frische Antwort seit {time}; zuletzt bekannt: {state}.",
    ("Reasons", "No fresh answer since {time}."): "Keine frische Antwort seit {time}.",
    ("Reasons", "{stale} {cause}"): "{stale} {cause}",
    ("Reasons", "The server reset the connection."): "Der Server hat die Verbindung zurückgesetzt.",
    ("Reasons", "The network is unreachable."): "Das Netzwerk ist nicht erreichbar.",
    ("Reasons", "Could not connect to the server."): "Es kam keine Verbindung zum Server zustande.",
    (
        "Reasons",
        "Connected, but the mail server did not answer STARTTLS within {seconds} s.",
    ): "Verbunden, aber der Mailserver hat STARTTLS nicht innerhalb von {seconds} s beantwortet.",
    (
        "Reasons",
        "Connected, but the secure connection (TLS) was not set up within {seconds} s.",
    ): "Verbunden, aber die sichere Verbindung (TLS) kam nicht innerhalb von {seconds} s zustande.",
    (
        "Reasons",
        "The server's certificate is not valid yet; is this computer's clock right?",
    ): "Das Zertifikat des Servers ist noch nicht gültig; geht die Uhr dieses Computers richtig?",
    (
        "Reasons",
        "The server's certificate has been revoked.",
    ): "Das Zertifikat des Servers wurde widerrufen.",
    (
        "Reasons",
        "The server's certificate could not be verified.",
    ): "Das Zertifikat des Servers ließ sich nicht prüfen.",
    (
        "Reasons",
        "The server closed the connection while setting up encryption (TLS).",
    ): "Der Server hat die Verbindung beim Aufbau der Verschlüsselung (TLS) geschlossen.",
    (
        "Reasons",
        "The server refused the secure connection (TLS).",
    ): "Der Server hat die sichere Verbindung (TLS) abgelehnt.",
    (
        "Reasons",
        "The secure connection (TLS) failed.",
    ): "Die sichere Verbindung (TLS) ist fehlgeschlagen.",
    (
        "Reasons",
        "The server sent far more than a secure connection needs.",
    ): "Der Server hat weit mehr gesendet, als eine sichere Verbindung braucht.",
    (
        "Reasons",
        "The server's answer is not a secure connection (TLS).",
    ): "Die Antwort des Servers ist keine sichere Verbindung (TLS).",
    (
        "Reasons",
        "The mail server did not agree to encrypt the connection (STARTTLS).",
    ): "Der Mailserver hat der Verschlüsselung der Verbindung nicht zugestimmt (STARTTLS).",
    (
        "Reasons",
        "Connected, but the server broke off.",
    ): "Verbunden, aber der Server hat abgebrochen.",
    (
        "Reasons",
        "The server answered, but not in valid HTTP.",
    ): "Der Server hat geantwortet, aber nicht in gültigem HTTP.",
    (
        "Reasons",
        "The server closed the connection before it answered.",
    ): "Der Server hat die Verbindung geschlossen, bevor er geantwortet hat.",
    (
        "Reasons",
        "The server redirected more than {limit} times.",
    ): "Der Server hat mehr als {limit}-mal weitergeleitet.",
    (
        "Reasons",
        "Traymon did not follow a redirect to an address it may not ask.",
    ): "Traymon ist einer Weiterleitung nicht gefolgt: Diese Adresse darf es nicht abfragen.",
    (
        "Reasons",
        "The address of this service is not valid.",
    ): "Die Adresse dieses Dienstes ist ungültig.",
    (
        "Reasons",
        "The server answered that nothing changed, although nothing was asked.",
    ): "Der Server hat geantwortet, es habe sich nichts geändert, "
    "obwohl danach nicht gefragt wurde.",
    (
        "Reasons",
        "The server's compressed answer is damaged.",
    ): "Die komprimierte Antwort des Servers ist beschädigt.",
    (
        "Reasons",
        "The server compressed its answer in a way Traymon does not read.",
    ): "Der Server hat seine Antwort auf eine Weise komprimiert, die Traymon nicht liest.",
    (
        "Reasons",
        "The server's answer is compressed too many times over.",
    ): "Die Antwort des Servers ist zu oft übereinander komprimiert.",
    (
        "Reasons",
        "The answer does not contain the expected text.",
    ): "Die Antwort enthält den erwarteten Text nicht.",
    (
        "Reasons",
        "The answer could not be read as this kind of status page.",
    ): "Die Antwort ließ sich nicht als Statusseite dieser Art lesen.",
    (
        "Reasons",
        "Reading the answer took too long.",
    ): "Das Lesen der Antwort hat zu lange gedauert.",
    (
        "Reasons",
        "The sign-in was refused; IT should check the app's registration and secret.",
    ): "Die Anmeldung wurde abgelehnt; die IT sollte die Registrierung "
    "und das Geheimnis der App prüfen.",
    (
        "Reasons",
        "The sign-in answered without an access token.",
    ): "Die Anmeldung hat ohne Zugriffstoken geantwortet.",
    (
        "Reasons",
        "Signed in, but the app may not read the service health (HTTP {status}).",
    ): "Angemeldet, aber die App darf den Zustand der Dienste nicht lesen (HTTP {status}).",
    (
        "Reasons",
        "The secret this service needs is not stored on this computer.",
    ): "Das Geheimnis, das dieser Dienst braucht, ist auf diesem Computer nicht gespeichert.",
    (
        "Reasons",
        "The system's keyring could not be read.",
    ): "Der Schlüsselbund des Systems ließ sich nicht lesen.",
    (
        "Reasons",
        "The company's status document cannot be checked: IT has not set its key.",
    ): "Das Statusdokument der Firma lässt sich nicht prüfen: "
    "Die IT hat seinen Schlüssel nicht hinterlegt.",
    (
        "Reasons",
        "The company's status document was refused: it could not be verified.",
    ): "Das Statusdokument der Firma wurde abgelehnt: Es ließ sich nicht prüfen.",
    (
        "Reasons",
        "The answer does not list this service.",
    ): "Die Antwort führt diesen Dienst nicht auf.",
    (
        "Reasons",
        "Traymon failed while checking; the log has the details.",
    ): "Traymon ist bei der Prüfung gescheitert; Einzelheiten stehen im Protokoll.",
    (
        "Reasons",
        "Traymon failed while testing the connection; the log has the details.",
    ): "Traymon ist beim Testen der Verbindung gescheitert; Einzelheiten stehen im Protokoll.",
    # The window's answer first (gui/answer_words.py, gui/answer_view.py)
    ("Answer", "Checking your services…"): "Ihre Dienste werden geprüft …",
    ("Answer", "You are offline"): "Sie sind offline",
    ("Answer", "Everything is working"): "Alles funktioniert",
    (
        "Answer",
        "This PC reaches none of the services, so nobody else is to blame. "
        "Check the network cable, Wi-Fi or VPN; Traymon checks again by itself.",
    ): "Dieser PC erreicht keinen der Dienste, es liegt also nicht an den Anbietern. "
    "Prüfen Sie Netzwerkkabel, WLAN oder VPN; Traymon prüft von selbst erneut.",
    (
        "Answer",
        "The first answers usually take a few seconds.",
    ): "Die ersten Antworten dauern meist ein paar Sekunden.",
    (
        "Answer",
        "Your IT department has declared an outage of {name} until {time}.",
    ): "Ihre IT-Abteilung hat für {name} einen Ausfall bis {time} Uhr ausgerufen.",
    (
        "Answer",
        "Your IT department has declared an outage of {name}.",
    ): "Ihre IT-Abteilung hat für {name} einen Ausfall ausgerufen.",
    ("Answer", "In force until {time}"): "Gilt bis {time} Uhr",
    ("CardView", "What your IT department says:"): "Was Ihre IT-Abteilung sagt:",
    ("CardView", "Caption"): "Überschrift",
    ("Answer", "{problem} — {progress}."): "{problem} – {progress}.",
    (
        "Answer",
        "{name} fails for many PCs at your site — probably our company's network, not the vendor.",
    ): "{name} funktioniert an Ihrem Standort auf vielen PCs nicht – wahrscheinlich liegt es "
    "am Netz unserer Firma, nicht am Anbieter.",
    (
        "Answer",
        "{name} fails from this PC only — other PCs at your site are fine.",
    ): "{name} funktioniert nur auf diesem PC nicht – andere PCs an Ihrem Standort sind in Ordnung.",
    (
        "Answer",
        "{name} fails from this PC only — {vendor} reports no problem.",
    ): "{name} funktioniert nur auf diesem PC nicht – {vendor} meldet kein Problem.",
    (
        "Answer",
        "{name} fails from this PC only — the vendor reports no problem.",
    ): "{name} funktioniert nur auf diesem PC nicht – der Anbieter meldet kein Problem.",
    (
        "Answer",
        "{name} cannot be reached from this PC.",
    ): "{name} ist von diesem PC aus nicht erreichbar.",
    (
        "Answer",
        "Showing what Traymon last knew — checking again…",
    ): "Angezeigt wird der letzte bekannte Stand – Traymon prüft erneut …",
    (
        "Answer",
        "Traymon cannot tell how {name} is doing right now.",
    ): "Traymon kann gerade nicht feststellen, wie es {name} geht.",
    (
        "Answer",
        "Everything is working — {name} has planned maintenance.",
    ): "Alles funktioniert – bei {name} laufen geplante Wartungsarbeiten.",
    ("Answer", "{name} is down for everyone"): "{name} ist für alle ausgefallen",
    ("Answer", "{name} is partly down for everyone"): "{name} ist für alle teilweise ausgefallen",
    ("Answer", "{name} has problems for everyone"): "{name} hat Probleme für alle",
    (
        "Answer",
        "{vendor} is working on it (since {time})",
    ): "{vendor} arbeitet daran (seit {time} Uhr)",
    ("Answer", "{vendor} is working on it"): "{vendor} arbeitet daran",
    (
        "Answer",
        "the vendor is working on it (since {time})",
    ): "der Anbieter arbeitet daran (seit {time} Uhr)",
    ("Answer", "the vendor is working on it"): "der Anbieter arbeitet daran",
    ("Answer", "Use the backup webmail."): "Nutzen Sie das Ersatz-Webmail.",
    (
        "Answer",
        "You can switch your mail to the backup account.",
    ): "Sie können Ihre E-Mail auf das Ersatzkonto umstellen.",
    ("Answer", "Try: {steps}"): "Versuchen Sie: {steps}",
    ("Answer", "IT says: {steps}"): "Die IT sagt: {steps}",
    (
        "Answer",
        "Your IT department says what to do below.",
    ): "Was zu tun ist, sagt Ihnen Ihre IT-Abteilung weiter unten.",
    (
        "Answer",
        "If it persists, call your helpdesk.",
    ): "Wenn es anhält, rufen Sie Ihren Helpdesk an.",
    ("Answer", "{state} — reported by {vendor}"): "{state} – gemeldet von {vendor}",
    ("Answer", "{state} — reported by the vendor"): "{state} – vom Anbieter gemeldet",
    (
        "Answer",
        "{state} when last checked; checking again",
    ): "{state} bei der letzten Prüfung; wird erneut geprüft",
    (
        "Answer",
        "Its status page could not be read",
    ): "Seine Statusseite konnte nicht gelesen werden",
    (
        "Answer",
        "Planned maintenance announced by {vendor}",
    ): "Geplante Wartung, angekündigt von {vendor}",
    (
        "Answer",
        "Planned maintenance announced by the vendor",
    ): "Geplante Wartung, vom Anbieter angekündigt",
    ("Answer", "What failed: {sentence}"): "Was fehlschlug: {sentence}",
    (
        "Answer",
        "What failed (the connection to {host}): {sentence}",
    ): "Was fehlschlug (die Verbindung zu {host}): {sentence}",
    ("Answer", "Since {time}"): "Seit {time} Uhr",
    ("Answer", "IT: {text}"): "IT: {text}",
    ("Answer", "Latest from {vendor}: {text}"): "Neuestes von {vendor}: {text}",
    ("Answer", "Latest update: {text}"): "Neuester Stand: {text}",
    ("Answer", "Outage declared by IT"): "Ausfall von der IT ausgerufen",
    ("Answer", "Fails from this PC"): "Fällt auf diesem PC aus",
    ("Answer", "Not reachable from here"): "Von hier nicht erreichbar",
    ("Answer", "Last known"): "Zuletzt bekannt",
    ("Answer", "Open backup webmail"): "Ersatz-Webmail öffnen",
    ("Answer", "Switch mail to backup"): "E-Mail auf Ersatzkonto umstellen",
    ("Answer", "Open status page"): "Statusseite öffnen",
    ("Answer", "Details"): "Details",
    ("Answer", "Write to {label}"): "An {label} schreiben",
    ("Answer", "Call {label}"): "{label} anrufen",
    ("Answer", "Open {label}"): "{label} öffnen",
    ("Answer", "{button} ({name})"): "{button} ({name})",
    ("Answer", "1 service working"): "1 Dienst funktioniert",
    ("Answer", "{n} services working"): "{n} Dienste funktionieren",
    ("Answer", "1 other service working"): "1 weiterer Dienst funktioniert",
    ("Answer", "{n} other services working"): "{n} weitere Dienste funktionieren",
    ("Answer", "{line}, {n} not checked yet"): "{line}, {n} noch nicht geprüft",
    (
        "Answer",
        "{n} more with problems (see the details), {line}",
    ): "{n} weitere mit Problemen (siehe Details), {line}",
    ("AnswerView", "What is going on"): "Was los ist",
    ("AnswerView", "Headline"): "Überschrift",
    ("AnswerView", "More about it"): "Mehr dazu",
    ("AnswerView", "Services working"): "Dienste, die funktionieren",
    ("AnswerView", "All services and &details"): "Alle Dienste und &Details",
    (
        "AnswerView",
        "Show all services and their details",
    ): "Alle Dienste und ihre Details anzeigen",
    ("CardView", "{name}: {state}"): "{name}: {state}",
    ("CardView", "Service"): "Dienst",
    ("CardView", "Cause"): "Ursache",
    ("CardView", "Since when"): "Seit wann",
    ("CardView", "Latest update"): "Neuester Stand",
    ("CardView", "What your IT department says"): "Was Ihre IT-Abteilung sagt",
    ("DetailWindow", "← &Back to the overview"): "← &Zurück zur Übersicht",
    ("DetailWindow", "Back to the overview"): "Zurück zur Übersicht",
    ("DetailWindow", "All services and details"): "Alle Dienste und Details",
    ("Wording", "Fails from this PC"): "Fällt auf diesem PC aus",
    (
        "ServiceDetail",
        "{verdict}\n{sentence}\nThe vendor's page says: {summary}",
    ): "{verdict}\n{sentence}\nDie Seite des Anbieters sagt: {summary}",
}


def fill(ts_file: Path) -> list[tuple[str, str]]:
    """Write the German text into every message of ``ts_file``; return the unknown ones."""
    tree = ET.parse(ts_file)
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            assert translation is not None
            german = GERMAN.get((name, source))
            if german is None:
                missing.append((name, source))
                continue
            translation.text = german
            translation.attrib.pop("type", None)  # no longer "unfinished"
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    unknown = fill(Path(sys.argv[1]))
    for context, source in unknown:
        print(f"no German for {context}: {source!r}", file=sys.stderr)
    sys.exit(1 if unknown else 0)

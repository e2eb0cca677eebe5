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
    ("Wording", "{name}: state unknown ({reason})"): "{name}: Zustand unbekannt ({reason})",
    ("Wording", "{name}: {state}"): "{name}: {state}",
    ("Wording", "never"): "nie",
    ("Wording", "just now"): "gerade eben",
    ("Wording", "{n} min ago"): "vor {n} Min.",
    ("Wording", "{n} h ago"): "vor {n} Std.",
    ("Wording", "{n} days ago"): "vor {n} Tagen",
    ("Wording", "{ms} ms"): "{ms} ms",
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

<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../traymon/gui/about.py" line="73" />
        <source>Traymon — About and diagnostics</source>
        <translation>Traymon — Info und Diagnose</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/about.py" line="74" />
        <source>About Traymon and diagnostics</source>
        <translation>Über Traymon und Diagnose</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/about.py" line="77" />
        <source>Traymon {version} shows how your company's cloud services are doing.
If you contact your IT helpdesk, copy the details below into your message.</source>
        <translation>Traymon {version} zeigt, wie es den Cloud-Diensten Ihrer Firma geht.
Wenn Sie sich an Ihren IT-Helpdesk wenden, kopieren Sie die Angaben unten in Ihre Nachricht.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/about.py" line="84" />
        <source>Diagnostics</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/about.py" line="85" />
        <source>&amp;Copy diagnostics</source>
        <translation>Diagnose &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/about.py" line="86" />
        <source>Copy diagnostics to the clipboard</source>
        <translation>Diagnose in die Zwischenablage kopieren</translation>
    </message>
</context>
<context>
    <name>AnnouncementBanner</name>
    <message>
        <location filename="../../traymon/gui/announcement_banner.py" line="38" />
        <source>Announcements from IT</source>
        <extracomment>A calm information colour (not a state colour: an announcement is not an outage).</extracomment>
        <translation>Mitteilungen der IT</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/announcement_banner.py" line="48" />
        <source>and {count} more</source>
        <translation>und {count} weitere</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/announcement_banner.py" line="70" />
        <source>IT: {message}</source>
        <translation>IT: {message}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/announcement_banner.py" line="75" />
        <source>from {who}</source>
        <translation>von {who}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/announcement_banner.py" line="77" />
        <source>since {time}</source>
        <translation>seit {time}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/announcement_banner.py" line="79" />
        <source>until {time}</source>
        <translation>bis {time}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../traymon/gui/app.py" line="107" />
        <source>Traymon is already running; its window has been brought forward.</source>
        <translation>Traymon läuft bereits; sein Fenster wurde nach vorn geholt.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/app.py" line="111" />
        <source>Traymon is already running and still starting; open its window from the Traymon icon in the system tray once the icon appears.</source>
        <translation>Traymon läuft bereits und startet noch; öffnen Sie sein Fenster über das Traymon-Symbol im Infobereich, sobald das Symbol erscheint.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/app.py" line="117" />
        <source>Traymon is already running but did not confirm that its window came forward; if it did not, open it from the Traymon icon in the system tray.</source>
        <translation>Traymon läuft bereits, hat aber nicht bestätigt, dass sein Fenster nach vorn geholt wurde; falls nicht, öffnen Sie es über das Traymon-Symbol im Infobereich.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/app.py" line="122" />
        <source>Traymon seems to be running already but did not answer; open its window from the Traymon icon in the system tray, or quit it there and start Traymon again.</source>
        <translation>Traymon scheint bereits zu laufen, hat aber nicht geantwortet; öffnen Sie sein Fenster über das Traymon-Symbol im Infobereich, oder beenden Sie es dort und starten Sie Traymon erneut.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/app.py" line="84" />
        <source>Traymon found no system tray on this desktop; run `traymon check` to see the same information in a terminal.</source>
        <extracomment>At login the panel may start after Traymon: wait this long for a tray before giving up.</extracomment>
        <translation>Traymon hat auf diesem Desktop keinen Infobereich gefunden; `traymon check` zeigt dieselben Angaben im Terminal.</translation>
    </message>
</context>
<context>
    <name>DetailWindow</name>
    <message>
        <location filename="../../traymon/gui/window.py" line="73" />
        <source>Traymon — cloud service status</source>
        <translation>Traymon — Status der Cloud-Dienste</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="74" />
        <source>Traymon service status</source>
        <translation>Traymon Dienststatus</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="78" />
        <source>Checking your services…</source>
        <translation>Ihre Dienste werden geprüft…</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="79" />
        <source>Overall state</source>
        <translation>Gesamtzustand</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="80" />
        <source>&amp;Problems only</source>
        <translation>Nur &amp;Probleme</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="81" />
        <source>Show only services with problems</source>
        <translation>Nur Dienste mit Problemen zeigen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="96" />
        <source>Service details</source>
        <translation>Dienstdetails</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="132" />
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="222" />
        <source>Overall: {state}</source>
        <translation>Gesamt: {state}</translation>
    </message>
</context>
<context>
    <name>MailSwitch</name>
    <message>
        <location filename="../../traymon/gui/mail_switch.py" line="195" />
        <source>Traymon</source>
        <extracomment>A question is on screen (tests and the diagnostics read it). A sentence for the person: what was done, or why it was refused. The mail client was looked for (found or not); decisions start from here.</extracomment>
        <translation>Traymon</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/mail_switch.py" line="196" />
        <source>Switch the mail client</source>
        <translation>Das E-Mail-Programm umstellen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/mail_switch.py" line="250" />
        <source>Starting {client} for you.</source>
        <translation>{client} wird für Sie gestartet.</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../traymon/gui/notices.py" line="57" />
        <location filename="../../traymon/gui/notices.py" line="98" />
        <source>… and {n} more</source>
        <extracomment>The service the window opens at when the message is clicked. The worst state among the message's services (for the message's own icon).</extracomment>
        <translation>… und {n} weitere</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="60" />
        <source>Traymon: {name} — {state}</source>
        <translation>Traymon: {name} — {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="64" />
        <source>Traymon: {n} services changed</source>
        <translation>Traymon: {n} Dienste haben sich geändert</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="72" />
        <location filename="../../traymon/gui/notices.py" line="118" />
        <source>{name}: working again</source>
        <translation>{name}: funktioniert wieder</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="89" />
        <source>Traymon: while your quiet hours lasted</source>
        <translation>Traymon: während Ihrer Ruhezeit</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="91" />
        <source>Traymon: while you were busy</source>
        <translation>Traymon: während Sie beschäftigt waren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="93" />
        <source>Traymon: while notifications were paused</source>
        <translation>Traymon: während die Benachrichtigungen pausiert waren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="110" />
        <source>{name}: still a problem ({trouble})</source>
        <translation>{name}: weiterhin gestört ({trouble})</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="112" />
        <source>{name}: still a problem since {time} ({trouble})</source>
        <translation>{name}: weiterhin gestört seit {time} ({trouble})</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="115" />
        <source>{name}: had a problem, state unknown now</source>
        <translation>{name}: war gestört, Zustand jetzt unbekannt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="119" />
        <source>{name}: working again since {time}</source>
        <translation>{name}: funktioniert wieder seit {time}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="123" />
        <source>{name}: problems {n} times between {start} and {end}, working again now</source>
        <translation>{name}: {n}-mal gestört zwischen {start} und {end}, funktioniert jetzt wieder</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="127" />
        <source>{name}: a problem from {start} to {end}, working again now</source>
        <translation>{name}: gestört von {start} bis {end}, funktioniert jetzt wieder</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="135" />
        <source>fails from this PC, the vendor reports no problem</source>
        <translation>gestört von diesem PC aus, der Anbieter meldet kein Problem</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="136" />
        <source>fails from this PC, {vendor} reports no problem</source>
        <translation>gestört von diesem PC aus, {vendor} meldet kein Problem</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="142" />
        <source>outage reported by the vendor</source>
        <translation>Ausfall vom Anbieter gemeldet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="143" />
        <source>outage reported by {vendor}</source>
        <translation>Ausfall gemeldet von {vendor}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="145" />
        <source>reported by the vendor: {state}</source>
        <translation>vom Anbieter gemeldet: {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="147" />
        <source>reported by {vendor}: {state}</source>
        <translation>gemeldet von {vendor}: {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/notices.py" line="158" />
        <source>yesterday {time}</source>
        <translation>gestern {time}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/native_notify.py" line="43" />
        <source>Open backup webmail</source>
        <extracomment>While something is held, how often the desktop is asked whether focus has ended: soon at first (a short call, a quick look away), then less often (a morning in DND). Notifications whose buttons are still answered (older ones are long off the screen).</extracomment>
        <translation>Ersatz-Webmail öffnen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/native_notify.py" line="45" />
        <source>Switch mail</source>
        <translation>E-Mail umstellen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/native_notify.py" line="47" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/native_notify.py" line="48" />
        <source>Mute for today</source>
        <translation>Für heute stummschalten</translation>
    </message>
</context>
<context>
    <name>ServiceDetail</name>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="87" />
        <source>Service details</source>
        <extracomment>Operational components listed by name before the rest are only counted: a page like Zoom's or Atlassian's has a hundred, and a person looks for the ones in trouble. The person's "It's not working for me" (a service id): one fleet report, sent now. "Watch only these…" (a service id): the session opens gui/watch_components.py.</extracomment>
        <translation>Dienstdetails</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="88" />
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="93" />
        <source>State and whose problem it is</source>
        <translation>Zustand und wessen Problem es ist</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="94" />
        <source>Last checked</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="95" />
        <source>Latency</source>
        <translation>Antwortzeit</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="96" />
        <source>Components</source>
        <translation>Komponenten</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="97" />
        <source>Open incidents</source>
        <translation>Offene Störungen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="100" />
        <source>Changes in the last 24 hours</source>
        <translation>Änderungen der letzten 24 Stunden</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="101" />
        <source>What to do meanwhile</source>
        <translation>Was Sie solange tun können</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="102" />
        <location filename="../../traymon/gui/service_detail.py" line="103" />
        <source>Fallback instructions</source>
        <translation>Ausweichanleitung</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="109" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="110" />
        <source>Copy the instructions</source>
        <translation>Die Anleitung kopieren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="119" />
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="120" />
        <source>Checked:</source>
        <translation>Geprüft:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="121" />
        <source>Latency:</source>
        <translation>Antwortzeit:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="122" />
        <source>Components:</source>
        <translation>Komponenten:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="123" />
        <source>Incidents:</source>
        <translation>Störungen:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="124" />
        <source>90 days:</source>
        <translation>90 Tage:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="125" />
        <source>Last 24 h:</source>
        <translation>Letzte 24 h:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="132" />
        <location filename="../../traymon/gui/service_detail.py" line="176" />
        <source>It's not working for me</source>
        <translation>Bei mir funktioniert es nicht</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="138" />
        <source>Watch only these…</source>
        <translation>Nur diese beobachten …</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="139" />
        <source>Choose the components to watch</source>
        <translation>Die zu beobachtenden Komponenten wählen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="160" />
        <source>Thank you: counted for your site</source>
        <translation>Danke: für Ihren Standort gezählt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="163" />
        <source>Choose a service to see its details.</source>
        <translation>Wählen Sie einen Dienst, um Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="181" />
        <source>{state} — {verdict}
{sentence}
{summary}</source>
        <translation>{state} — {verdict}
{sentence}
{summary}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="189" />
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="192" />
        <source>{time}, {age}</source>
        <translation>{time}, {age}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="222" />
        <source>and {count} more, all operational</source>
        <translation>und {count} weitere, alle in Betrieb</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="225" />
        <source>{count} more not watched</source>
        <translation>{count} weitere nicht beobachtet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="228" />
        <source>Not on this page, so not watched: {names}</source>
        <translation>Nicht auf dieser Seite, daher nicht beobachtet: {names}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="232" />
        <source>none reported</source>
        <translation>keine gemeldet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="256" />
        <source>… and {n} earlier</source>
        <translation>… und {n} frühere</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="257" />
        <source>no changes</source>
        <translation>keine Änderungen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="278" />
        <source>none open</source>
        <translation>keine offen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="286" />
        <source>no update text yet</source>
        <translation>noch keine Meldung</translation>
    </message>
</context>
<context>
    <name>ServiceTableModel</name>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="57" />
        <source>Service</source>
        <extracomment>The role that sorts: severity for the state, seconds for times, text otherwise.</extracomment>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="58" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="59" />
        <source>Whose problem</source>
        <translation>Wessen Problem</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="60" />
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="61" />
        <source>Last checked</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="62" />
        <source>Latency</source>
        <translation>Antwortzeit</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="137" />
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="139" />
        <source>{time} ({age})</source>
        <translation>{time} ({age})</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="69" />
        <source>Traymon — Settings</source>
        <extracomment>Where each list item keeps the words the search matches besides its name.</extracomment>
        <translation>Traymon — Einstellungen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="70" />
        <source>Traymon settings</source>
        <translation>Traymon-Einstellungen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="76" />
        <source>Search services…</source>
        <translation>Dienste suchen…</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="77" />
        <source>Search services</source>
        <translation>Dienste suchen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="80" />
        <source>Services to watch (checked ones are watched)</source>
        <translation>Beobachtete Dienste (angehakte werden beobachtet)</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="104" />
        <source>Number of watched services</source>
        <translation>Anzahl der beobachteten Dienste</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="113" />
        <source>Minutes between checks</source>
        <translation>Minuten zwischen den Prüfungen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="116" />
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="121" />
        <source>At least {minutes} min (set by your IT department)</source>
        <translation>Mindestens {minutes} Min. (von Ihrer IT-Abteilung festgelegt)</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="124" />
        <source>Show &amp;notifications when a service changes</source>
        <translation>&amp;Benachrichtigen, wenn sich ein Dienst ändert</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="126" />
        <source>&amp;Quiet hours</source>
        <translation>&amp;Ruhezeit</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="127" />
        <source>Quiet hours: no notifications between these times</source>
        <translation>Ruhezeit: keine Benachrichtigungen zwischen diesen Uhrzeiten</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="131" />
        <source>Quiet hours start</source>
        <translation>Beginn der Ruhezeit</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="133" />
        <source>Quiet hours end</source>
        <translation>Ende der Ruhezeit</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="135" />
        <source>Start Traymon when I &amp;log in</source>
        <translation>Traymon bei der &amp;Anmeldung starten</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="137" />
        <source>Show the number of affected services on the icon</source>
        <translation>Anzahl betroffener Dienste im Symbol zeigen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="152" />
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="156" />
        <source>&amp;Services:</source>
        <translation>&amp;Dienste:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="162" />
        <source>Check &amp;every:</source>
        <translation>Prüfen &amp;alle:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="163" />
        <source>Notifications:</source>
        <translation>Benachrichtigungen:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="165" />
        <source>Start:</source>
        <translation>Start:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="166" />
        <source>Icon:</source>
        <translation>Symbol:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="186" />
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="187" />
        <location filename="../../traymon/gui/settings_dialog.py" line="209" />
        <source>Set by your IT department</source>
        <translation>Von Ihrer IT-Abteilung festgelegt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="212" />
        <source>{name} (set by your IT department)</source>
        <translation>{name} (von Ihrer IT-Abteilung festgelegt)</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="232" />
        <source>Watching 1 service</source>
        <translation>1 Dienst wird beobachtet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="234" />
        <source>Watching {count} services</source>
        <translation>{count} Dienste werden beobachtet</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="53" />
        <source>{name}: back to normal</source>
        <extracomment>One change, whether it came live or from history: history keeps times as float seconds, so a live event and its stored copy are compared to the millisecond.</extracomment>
        <translation>{name}: wieder normal</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="55" />
        <source>{name}: no fresh answer, state unknown</source>
        <translation>{name}: keine frische Antwort, Zustand unbekannt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="73" />
        <source>yesterday {time}</source>
        <translation>gestern {time}</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="102" />
        <source>What happened</source>
        <extracomment>A change was activated (Enter, double click): the service it is about. The list was drawn anew (the detail pane shows the chosen service's part of it).</extracomment>
        <translation>Was geschah</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="104" />
        <source>&amp;What happened in the last 24 hours</source>
        <translation>&amp;Was in den letzten 24 Stunden geschah</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="105" />
        <source>What happened in the last 24 hours</source>
        <translation>Was in den letzten 24 Stunden geschah</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="109" />
        <location filename="../../traymon/gui/timeline.py" line="110" />
        <source>No changes in the last 24 hours.</source>
        <translation>Keine Änderungen in den letzten 24 Stunden.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="112" />
        <source>State changes in the last 24 hours, newest first</source>
        <translation>Zustandsänderungen der letzten 24 Stunden, neueste zuerst</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="184" />
        <source>{time} {change}</source>
        <translation>{time} {change}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="188" />
        <source>{when}: {old} → {new}</source>
        <translation>{when}: {old} → {new}</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../traymon/gui/tray.py" line="100" />
        <source>not checked yet</source>
        <extracomment>Windows keeps only 127 characters of a tray tooltip and cuts mid-word; elsewhere no limit. One affected service needs no number: the icon already says "something is wrong". Emitted with every notification actually shown (tests and the diagnostics read it). The pause started or ended: the end (aware datetime) or None (the session tells the engine, which decides, and keeps it across restarts). The person muted or unmuted a service's notifications (id, muted). "Tell me when it's back" for a service id. Shown in the menu only; the engine holds the pause that silences notifications.</extracomment>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="150" />
        <source>Traymon — checking your services…</source>
        <translation>Traymon — Ihre Dienste werden geprüft…</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="151" />
        <source>Traymon — {state}</source>
        <translation>Traymon — {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="153" />
        <source>This computer seems to be offline; checking again…</source>
        <translation>Dieser Computer scheint offline zu sein; es wird erneut geprüft …</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="158" />
        <source>… and {n} more</source>
        <translation>… und {n} weitere</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="161" />
        <source>All {n} services operational</source>
        <translation>Alle {n} Dienste in Betrieb</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="163" />
        <source>Showing the last known states; checking again…</source>
        <translation>Letzter bekannter Stand; wird neu geprüft…</translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="33" />
        <source>Traymon menu</source>
        <translation>Traymon-Menü</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="39" />
        <source>Check now</source>
        <translation>Jetzt prüfen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="40" />
        <location filename="../../traymon/gui/tray_menu.py" line="148" />
        <source>Pause notifications</source>
        <translation>Benachrichtigungen pausieren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="43" />
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="44" />
        <source>For 4 hours</source>
        <translation>Für 4 Stunden</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="47" />
        <source>Until {time} tomorrow</source>
        <translation>Bis morgen {time} Uhr</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="54" />
        <source>Resume notifications</source>
        <translation>Benachrichtigungen fortsetzen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="57" />
        <source>Mute a service</source>
        <translation>Einen Dienst stummschalten</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="58" />
        <source>Tell me when it's back</source>
        <translation>Melden, wenn es wieder geht</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="63" />
        <source>Open status page</source>
        <extracomment>Services whose notifications are muted (the tray sets it). Services the person asked "tell me when it's back" for, not told yet (the tray sets it).</extracomment>
        <translation>Statusseite öffnen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="64" />
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="65" />
        <source>About and diagnostics…</source>
        <translation>Info und Diagnose…</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="66" />
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="108" />
        <source>Traymon — {state}</source>
        <translation>Traymon — {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="132" />
        <source>{name} — not checked yet</source>
        <translation>{name} — noch nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="134" />
        <source>{name} — last known</source>
        <translation>{name} — letzter Stand</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray_menu.py" line="144" />
        <source>Notifications paused until {time}</source>
        <translation>Benachrichtigungen pausiert bis {time}</translation>
    </message>
</context>
<context>
    <name>UptimeBar</name>
    <message>
        <location filename="../../traymon/gui/uptime_bar.py" line="32" />
        <source>90-day history</source>
        <translation>Verlauf der letzten 90 Tage</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/uptime_bar.py" line="50" />
        <source>No history yet: the last 90 days fill in as Traymon runs.</source>
        <translation>Noch kein Verlauf: die letzten 90 Tage füllen sich, während Traymon läuft.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/uptime_bar.py" line="53" />
        <source>{state}: {n} days</source>
        <translation>{state}: {n} Tage</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/uptime_bar.py" line="56" />
        <source>Last 90 days, worst state per day — {parts}</source>
        <translation>Letzte 90 Tage, schlechtester Zustand pro Tag — {parts}</translation>
    </message>
</context>
<context>
    <name>WatchComponentsDialog</name>
    <message>
        <location filename="../../traymon/gui/watch_components.py" line="40" />
        <source>Watch only these — {service}</source>
        <extracomment>How a child is written under its group: Statuspage's own way in its incident updates.</extracomment>
        <translation>Nur diese beobachten — {service}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/watch_components.py" line="44" />
        <source>Tick the parts of {service} you use. Problems elsewhere on its status page then leave the icon alone; an incident that names no part still counts.</source>
        <translation>Haken Sie die Teile von {service} an, die Sie nutzen. Probleme anderswo auf seiner Statusseite lassen das Symbol dann in Ruhe; eine Störung, die keinen Teil nennt, zählt weiterhin.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/watch_components.py" line="50" />
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/watch_components.py" line="50" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/watch_components.py" line="51" />
        <source>Components to watch</source>
        <translation>Zu beobachtende Komponenten</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/watch_components.py" line="73" />
        <source>Watch everything</source>
        <translation>Alles beobachten</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/watch_components.py" line="74" />
        <source>Watch the whole page</source>
        <translation>Die ganze Seite beobachten</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../traymon/gui/wording.py" line="24" />
        <source>Operational</source>
        <translation>In Betrieb</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="25" />
        <source>Maintenance</source>
        <translation>Wartung</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="26" />
        <source>Degraded</source>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="27" />
        <source>Partial outage</source>
        <translation>Teilausfall</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="28" />
        <source>Major outage</source>
        <translation>Großer Ausfall</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="29" />
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="30" />
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="39" />
        <source>It's not just you: many PCs here fail too</source>
        <translation>Nicht nur bei Ihnen: viele PCs hier sind auch gestört</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="41" />
        <source>Only this PC: others here are fine</source>
        <translation>Nur dieser PC: bei den anderen hier funktioniert es</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="43" />
        <source>Reported by {vendor}</source>
        <translation>Gemeldet von {vendor}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="45" />
        <source>No problem known</source>
        <translation>Kein Problem bekannt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="46" />
        <source>Reported by the vendor</source>
        <translation>Vom Anbieter gemeldet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="47" />
        <source>Fails from this PC only</source>
        <translation>Nur von diesem PC aus gestört</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="48" />
        <source>This PC is offline</source>
        <translation>Dieser PC ist offline</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="49" />
        <source>Last known, checking again</source>
        <translation>Letzter Stand, wird neu geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="67" />
        <source>{name}: maintenance announced by {vendor}</source>
        <translation>{name}: Wartung angekündigt von {vendor}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="71" />
        <source>{name}: outage reported by {vendor}</source>
        <translation>{name}: Ausfall gemeldet von {vendor}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="75" />
        <source>{name}: {state} (reported by {vendor})</source>
        <translation>{name}: {state} (gemeldet von {vendor})</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="64" />
        <source>{name}: {state} when last checked; checking again</source>
        <translation>{name}: {state} bei der letzten Prüfung; wird neu geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="69" />
        <source>{name}: maintenance announced by the vendor</source>
        <translation>{name}: Wartung vom Anbieter angekündigt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="73" />
        <source>{name}: outage reported by the vendor</source>
        <translation>{name}: Ausfall vom Anbieter gemeldet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="77" />
        <source>{name}: {state} (reported by the vendor)</source>
        <translation>{name}: {state} (vom Anbieter gemeldet)</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="80" />
        <source>{name}: it's not just you; many PCs at your site fail too, probably our company's network</source>
        <translation>{name}: nicht nur bei Ihnen; viele PCs an Ihrem Standort sind auch gestört, wahrscheinlich das Netz unserer Firma</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="86" />
        <source>{name}: fails from this PC only; other PCs at your site are fine</source>
        <translation>{name}: nur von diesem PC aus gestört; bei anderen PCs an Ihrem Standort funktioniert es</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="90" />
        <source>{name}: fails from this PC, {vendor} reports no problem</source>
        <translation>{name}: gestört von diesem PC aus, {vendor} meldet kein Problem</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="92" />
        <source>{name}: fails from this PC, the vendor reports no problem</source>
        <translation>{name}: gestört von diesem PC aus, der Anbieter meldet kein Problem</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="94" />
        <source>{name}: cannot be reached, this PC seems to be offline</source>
        <translation>{name}: nicht erreichbar, dieser PC scheint offline zu sein</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="96" />
        <source>{name}: state unknown ({reason})</source>
        <translation>{name}: Zustand unbekannt ({reason})</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="98" />
        <source>{name}: {state}</source>
        <translation>{name}: {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="105" />
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="107" />
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="109" />
        <source>{n} min ago</source>
        <translation>vor {n} Min.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="111" />
        <source>{n} h ago</source>
        <translation>vor {n} Std.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="112" />
        <source>{n} days ago</source>
        <translation>vor {n} Tagen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="120" />
        <source>{ms} ms</source>
        <translation>{ms} ms</translation>
    </message>
</context>
</TS>
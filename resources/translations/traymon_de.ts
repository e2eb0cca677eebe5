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
    <name>Answer</name>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="38" />
        <source>Checking your services…</source>
        <translation>Ihre Dienste werden geprüft …</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="40" />
        <source>You are offline</source>
        <translation>Sie sind offline</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="42" />
        <source>Everything is working</source>
        <translation>Alles funktioniert</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="53" />
        <source>This PC reaches none of the services, so nobody else is to blame. Check the network cable, Wi-Fi or VPN; Traymon checks again by itself.</source>
        <translation>Dieser PC erreicht keinen der Dienste, es liegt also nicht an den Anbietern. Prüfen Sie Netzwerkkabel, WLAN oder VPN; Traymon prüft von selbst erneut.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="59" />
        <source>The first answers usually take a few seconds.</source>
        <translation>Die ersten Antworten dauern meist ein paar Sekunden.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="68" />
        <source>Your IT department has declared an outage of {name} until {time}.</source>
        <translation>Ihre IT-Abteilung hat für {name} einen Ausfall bis {time} Uhr ausgerufen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="71" />
        <source>Your IT department has declared an outage of {name}.</source>
        <translation>Ihre IT-Abteilung hat für {name} einen Ausfall ausgerufen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="75" />
        <source>{problem} — {progress}.</source>
        <translation>{problem} – {progress}.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="80" />
        <source>{name} fails for many PCs at your site — probably our company's network, not the vendor.</source>
        <translation>{name} funktioniert an Ihrem Standort auf vielen PCs nicht – wahrscheinlich liegt es am Netz unserer Firma, nicht am Anbieter.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="86" />
        <source>{name} fails from this PC only — other PCs at your site are fine.</source>
        <translation>{name} funktioniert nur auf diesem PC nicht – andere PCs an Ihrem Standort sind in Ordnung.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="90" />
        <source>{name} fails from this PC only — {vendor} reports no problem.</source>
        <translation>{name} funktioniert nur auf diesem PC nicht – {vendor} meldet kein Problem.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="94" />
        <source>{name} fails from this PC only — the vendor reports no problem.</source>
        <translation>{name} funktioniert nur auf diesem PC nicht – der Anbieter meldet kein Problem.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="99" />
        <source>{name} cannot be reached from this PC.</source>
        <translation>{name} ist von diesem PC aus nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="104" />
        <source>Traymon cannot tell how {name} is doing right now.</source>
        <translation>Traymon kann gerade nicht feststellen, wie es {name} geht.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="108" />
        <source>Everything is working — {name} has planned maintenance.</source>
        <translation>Alles funktioniert – bei {name} laufen geplante Wartungsarbeiten.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="115" />
        <source>{name} is down for everyone</source>
        <translation>{name} ist für alle ausgefallen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="117" />
        <source>{name} is partly down for everyone</source>
        <translation>{name} ist für alle teilweise ausgefallen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="118" />
        <source>{name} has problems for everyone</source>
        <translation>{name} hat Probleme für alle</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="123" />
        <source>{vendor} is working on it (since {time})</source>
        <translation>{vendor} arbeitet daran (seit {time} Uhr)</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="125" />
        <source>{vendor} is working on it</source>
        <translation>{vendor} arbeitet daran</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="127" />
        <source>the vendor is working on it (since {time})</source>
        <translation>der Anbieter arbeitet daran (seit {time} Uhr)</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="129" />
        <source>the vendor is working on it</source>
        <translation>der Anbieter arbeitet daran</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="138" />
        <source>Use the backup webmail.</source>
        <translation>Nutzen Sie das Ersatz-Webmail.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="140" />
        <source>You can switch your mail to the backup account.</source>
        <translation>Sie können Ihre E-Mail auf das Ersatzkonto umstellen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="148" />
        <source>IT says: {steps}</source>
        <translation>Die IT sagt: {steps}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="149" />
        <source>Try: {steps}</source>
        <translation>Versuchen Sie: {steps}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="151" />
        <source>Your IT department says what to do below.</source>
        <translation>Was zu tun ist, sagt Ihnen Ihre IT-Abteilung weiter unten.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="153" />
        <source>If it persists, call your helpdesk.</source>
        <translation>Wenn es anhält, rufen Sie Ihren Helpdesk an.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="162" />
        <source>In force until {time}</source>
        <translation>Gilt bis {time} Uhr</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="201" />
        <source>What failed (the connection to {host}): {sentence}</source>
        <translation>Was fehlschlug (die Verbindung zu {host}): {sentence}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="230" />
        <source>Outage declared by IT</source>
        <translation>Ausfall von der IT ausgerufen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="167" />
        <source>{state} — reported by {vendor}</source>
        <translation>{state} – gemeldet von {vendor}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="102" />
        <source>Showing what Traymon last knew — checking again…</source>
        <translation>Angezeigt wird der letzte bekannte Stand – Traymon prüft erneut …</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="169" />
        <source>{state} — reported by the vendor</source>
        <translation>{state} – vom Anbieter gemeldet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="174" />
        <source>{state} when last checked; checking again</source>
        <translation>{state} bei der letzten Prüfung; wird erneut geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="178" />
        <source>Its status page could not be read</source>
        <translation>Seine Statusseite konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="180" />
        <source>Planned maintenance announced by {vendor}</source>
        <translation>Geplante Wartung, angekündigt von {vendor}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="183" />
        <source>Planned maintenance announced by the vendor</source>
        <translation>Geplante Wartung, vom Anbieter angekündigt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="204" />
        <source>What failed: {sentence}</source>
        <translation>Was fehlschlug: {sentence}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="212" />
        <source>Since {time}</source>
        <translation>Seit {time} Uhr</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="219" />
        <source>IT: {text}</source>
        <translation>IT: {text}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="221" />
        <source>Latest from {vendor}: {text}</source>
        <translation>Neuestes von {vendor}: {text}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="224" />
        <source>Latest update: {text}</source>
        <translation>Neuester Stand: {text}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="232" />
        <source>Fails from this PC</source>
        <translation>Fällt auf diesem PC aus</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="234" />
        <source>Not reachable from here</source>
        <translation>Von hier nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="236" />
        <source>Last known</source>
        <translation>Zuletzt bekannt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="242" />
        <source>Open backup webmail</source>
        <translation>Ersatz-Webmail öffnen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="244" />
        <source>Switch mail to backup</source>
        <translation>E-Mail auf Ersatzkonto umstellen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="246" />
        <source>Open status page</source>
        <translation>Statusseite öffnen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="248" />
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="252" />
        <source>Write to {label}</source>
        <translation>An {label} schreiben</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="254" />
        <source>Call {label}</source>
        <translation>{label} anrufen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="255" />
        <source>Open {label}</source>
        <translation>{label} öffnen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="260" />
        <source>{button} ({name})</source>
        <translation>{button} ({name})</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="268" />
        <source>1 service working</source>
        <translation>1 Dienst funktioniert</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="270" />
        <source>{n} services working</source>
        <translation>{n} Dienste funktionieren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="274" />
        <source>1 other service working</source>
        <translation>1 weiterer Dienst funktioniert</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="276" />
        <source>{n} other services working</source>
        <translation>{n} weitere Dienste funktionieren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="280" />
        <source>{n} more with problems (see the details), {line}</source>
        <translation>{n} weitere mit Problemen (siehe Details), {line}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_words.py" line="284" />
        <source>{line}, {n} not checked yet</source>
        <translation>{line}, {n} noch nicht geprüft</translation>
    </message>
</context>
<context>
    <name>AnswerView</name>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="182" />
        <source>What is going on</source>
        <translation>Was los ist</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="192" />
        <source>Headline</source>
        <translation>Überschrift</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="197" />
        <source>More about it</source>
        <translation>Mehr dazu</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="219" />
        <source>Services working</source>
        <translation>Dienste, die funktionieren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="224" />
        <source>All services and &amp;details</source>
        <translation>Alle Dienste und &amp;Details</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="225" />
        <source>Show all services and their details</source>
        <translation>Alle Dienste und ihre Details anzeigen</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../traymon/gui/app.py" line="109" />
        <source>Traymon is already running; its window has been brought forward.</source>
        <translation>Traymon läuft bereits; sein Fenster wurde nach vorn geholt.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/app.py" line="113" />
        <source>Traymon is already running and still starting; open its window from the Traymon icon in the system tray once the icon appears.</source>
        <translation>Traymon läuft bereits und startet noch; öffnen Sie sein Fenster über das Traymon-Symbol im Infobereich, sobald das Symbol erscheint.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/app.py" line="119" />
        <source>Traymon is already running but did not confirm that its window came forward; if it did not, open it from the Traymon icon in the system tray.</source>
        <translation>Traymon läuft bereits, hat aber nicht bestätigt, dass sein Fenster nach vorn geholt wurde; falls nicht, öffnen Sie es über das Traymon-Symbol im Infobereich.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/app.py" line="124" />
        <source>Traymon seems to be running already but did not answer; open its window from the Traymon icon in the system tray, or quit it there and start Traymon again.</source>
        <translation>Traymon scheint bereits zu laufen, hat aber nicht geantwortet; öffnen Sie sein Fenster über das Traymon-Symbol im Infobereich, oder beenden Sie es dort und starten Sie Traymon erneut.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/app.py" line="86" />
        <source>Traymon found no system tray on this desktop; run `traymon check` to see the same information in a terminal.</source>
        <extracomment>At login the panel may start after Traymon: wait this long for a tray before giving up.</extracomment>
        <translation>Traymon hat auf diesem Desktop keinen Infobereich gefunden; `traymon check` zeigt dieselben Angaben im Terminal.</translation>
    </message>
</context>
<context>
    <name>CardView</name>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="120" />
        <source>{name}: {state}</source>
        <extracomment>The card's icon: the state's own shape and colour; a failure seen only from here has its own.</extracomment>
        <translation>{name}: {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="122" />
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="127" />
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="129" />
        <source>Since when</source>
        <translation>Seit wann</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="131" />
        <source>Latest update</source>
        <translation>Neuester Stand</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="134" />
        <source>Caption</source>
        <translation>Überschrift</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="139" />
        <source>What your IT department says</source>
        <translation>Was Ihre IT-Abteilung sagt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/answer_view.py" line="136" />
        <source>What your IT department says:</source>
        <translation>Was Ihre IT-Abteilung sagt:</translation>
    </message>
</context>
<context>
    <name>DetailWindow</name>
    <message>
        <location filename="../../traymon/gui/window.py" line="76" />
        <source>Traymon — cloud service status</source>
        <extracomment>The person asked to switch the mail client to the backup (a card's or the headline's button); the session hands it to the mail switch. The service id it was asked on.</extracomment>
        <translation>Traymon — Status der Cloud-Dienste</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="77" />
        <source>Traymon service status</source>
        <translation>Traymon Dienststatus</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="87" />
        <source>← &amp;Back to the overview</source>
        <translation>← &amp;Zurück zur Übersicht</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="88" />
        <source>Back to the overview</source>
        <translation>Zurück zur Übersicht</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="90" />
        <source>&amp;Problems only</source>
        <translation>Nur &amp;Probleme</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="91" />
        <source>Show only services with problems</source>
        <translation>Nur Dienste mit Problemen zeigen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="107" />
        <source>Service details</source>
        <translation>Dienstdetails</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="133" />
        <source>All services and details</source>
        <translation>Alle Dienste und Details</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/window.py" line="161" />
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
</context>
<context>
    <name>MailSwitch</name>
    <message>
        <location filename="../../traymon/gui/mail_switch.py" line="129" />
        <source>Traymon</source>
        <extracomment>A question is on screen (tests and the diagnostics read it). A sentence for the person: what was done, or why it was refused. The mail client was looked for (found or not); decisions start from here.</extracomment>
        <translation>Traymon</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/mail_switch.py" line="130" />
        <source>Switch the mail client</source>
        <translation>Das E-Mail-Programm umstellen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/mail_switch.py" line="162" />
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
    <name>Reasons</name>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="33" />
        <location filename="../../traymon/gui/reason_words.py" line="82" />
        <source>No state could be read from the status page's answer.</source>
        <translation>Aus der Antwort der Statusseite ließ sich kein Zustand lesen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="41" />
        <source>Answered.</source>
        <translation>Hat geantwortet.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="42" />
        <source>Answered in {ms} ms.</source>
        <translation>Antwort nach {ms} ms.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="45" />
        <source>The test from this computer failed.</source>
        <translation>Der Test von diesem Computer aus ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="72" />
        <source>{title} — {status}</source>
        <translation>{title} — {status}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="77" />
        <source>{component}: {state}</source>
        <translation>{component}: {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="89" />
        <source>{line} (+{count} more)</source>
        <translation>{line} (+{count} weitere)</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="96" />
        <source>A company proxy or security software may be in the way.</source>
        <translation>Womöglich steht ein Proxy der Firma oder eine Sicherheitssoftware im Weg.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="98" />
        <source>Check this computer's date and time.</source>
        <translation>Prüfen Sie Datum und Uhrzeit dieses Computers.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="100" />
        <source>Check this computer's network connection.</source>
        <translation>Prüfen Sie die Netzwerkverbindung dieses Computers.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="102" />
        <source>The problem is on the server's side.</source>
        <translation>Das Problem liegt beim Server.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="104" />
        <source>Please tell your IT helpdesk.</source>
        <translation>Bitte sagen Sie Ihrem IT-Helpdesk Bescheid.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="128" />
        <location filename="../../traymon/gui/reason_words.py" line="330" />
        <source>The check failed; the log has the details.</source>
        <translation>Die Prüfung ist fehlgeschlagen; Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="139" />
        <source>{n} MB</source>
        <translation>{n} MB</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="148" />
        <source>The name {host} could not be found (DNS).</source>
        <translation>Der Name {host} wurde nicht gefunden (DNS).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="149" />
        <source>The server's name could not be found (DNS).</source>
        <translation>Der Name des Servers wurde nicht gefunden (DNS).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="154" />
        <source>{host} refused the connection.</source>
        <translation>{host} hat die Verbindung abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="155" />
        <source>The server refused the connection.</source>
        <translation>Der Server hat die Verbindung abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="161" />
        <source>{host} did not answer within {seconds} s.</source>
        <translation>{host} hat nicht innerhalb von {seconds} s geantwortet.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="164" />
        <source>No answer within {seconds} s.</source>
        <translation>Keine Antwort innerhalb von {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="169" />
        <source>The server's certificate is not trusted (issued by {issuer}).</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut (ausgestellt von {issuer}).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="172" />
        <source>The server's certificate is not trusted.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="177" />
        <source>The server's certificate expired on {day}.</source>
        <translation>Das Zertifikat des Servers ist am {day} abgelaufen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="180" />
        <source>The server's certificate has expired.</source>
        <translation>Das Zertifikat des Servers ist abgelaufen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="185" />
        <source>The server's certificate is for another name ({names}).</source>
        <translation>Das Zertifikat des Servers gilt für einen anderen Namen ({names}).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="188" />
        <source>The server's certificate is for another name.</source>
        <translation>Das Zertifikat des Servers gilt für einen anderen Namen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="193" />
        <source>The server answered HTTP {status} instead of {expected}.</source>
        <translation>Der Server hat mit HTTP {status} statt {expected} geantwortet.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="197" />
        <source>The server asks to be asked less often (HTTP 429).</source>
        <translation>Der Server bittet, seltener gefragt zu werden (HTTP 429).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="199" />
        <source>The server is not available at the moment (HTTP {status}).</source>
        <translation>Der Server ist im Moment nicht verfügbar (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="202" />
        <source>The server answered with an error (HTTP {status}).</source>
        <translation>Der Server hat mit einem Fehler geantwortet (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="208" />
        <source>The answer is too large (more than {size}).</source>
        <translation>Die Antwort ist zu groß (mehr als {size}).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="214" />
        <source>Answered in {ms} ms, slower than the {limit} ms allowed.</source>
        <translation>Antwort nach {ms} ms, langsamer als die erlaubten {limit} ms.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="222" />
        <source>No fresh answer since {time}; last known: {state}.</source>
        <translation>Keine frische Antwort seit {time}; zuletzt bekannt: {state}.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="226" />
        <source>No fresh answer since {time}.</source>
        <translation>Keine frische Antwort seit {time}.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="229" />
        <source>{stale} {cause}</source>
        <translation>{stale} {cause}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="237" />
        <source>The server reset the connection.</source>
        <translation>Der Server hat die Verbindung zurückgesetzt.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="238" />
        <source>The network is unreachable.</source>
        <translation>Das Netzwerk ist nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="239" />
        <source>Could not connect to the server.</source>
        <translation>Es kam keine Verbindung zum Server zustande.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="241" />
        <source>Connected, but the mail server did not answer STARTTLS within {seconds} s.</source>
        <translation>Verbunden, aber der Mailserver hat STARTTLS nicht innerhalb von {seconds} s beantwortet.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="244" />
        <source>Connected, but the secure connection (TLS) was not set up within {seconds} s.</source>
        <translation>Verbunden, aber die sichere Verbindung (TLS) kam nicht innerhalb von {seconds} s zustande.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="249" />
        <source>The server's certificate is not valid yet; is this computer's clock right?</source>
        <translation>Das Zertifikat des Servers ist noch nicht gültig; geht die Uhr dieses Computers richtig?</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="253" />
        <source>The server's certificate has been revoked.</source>
        <translation>Das Zertifikat des Servers wurde widerrufen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="254" />
        <source>The server's certificate could not be verified.</source>
        <translation>Das Zertifikat des Servers ließ sich nicht prüfen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="257" />
        <source>The server closed the connection while setting up encryption (TLS).</source>
        <translation>Der Server hat die Verbindung beim Aufbau der Verschlüsselung (TLS) geschlossen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="260" />
        <source>The server refused the secure connection (TLS).</source>
        <translation>Der Server hat die sichere Verbindung (TLS) abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="263" />
        <source>The secure connection (TLS) failed.</source>
        <translation>Die sichere Verbindung (TLS) ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="264" />
        <source>The server sent far more than a secure connection needs.</source>
        <translation>Der Server hat weit mehr gesendet, als eine sichere Verbindung braucht.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="267" />
        <source>The server's answer is not a secure connection (TLS).</source>
        <translation>Die Antwort des Servers ist keine sichere Verbindung (TLS).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="270" />
        <source>The mail server did not agree to encrypt the connection (STARTTLS).</source>
        <translation>Der Mailserver hat der Verschlüsselung der Verbindung nicht zugestimmt (STARTTLS).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="273" />
        <source>Connected, but the server broke off.</source>
        <translation>Verbunden, aber der Server hat abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="275" />
        <source>The server answered, but not in valid HTTP.</source>
        <translation>Der Server hat geantwortet, aber nicht in gültigem HTTP.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="276" />
        <source>The server closed the connection before it answered.</source>
        <translation>Der Server hat die Verbindung geschlossen, bevor er geantwortet hat.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="279" />
        <source>The server redirected more than {limit} times.</source>
        <translation>Der Server hat mehr als {limit}-mal weitergeleitet.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="282" />
        <source>Traymon did not follow a redirect to an address it may not ask.</source>
        <translation>Traymon ist einer Weiterleitung nicht gefolgt: Diese Adresse darf es nicht abfragen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="285" />
        <source>The address of this service is not valid.</source>
        <translation>Die Adresse dieses Dienstes ist ungültig.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="286" />
        <source>The server answered that nothing changed, although nothing was asked.</source>
        <translation>Der Server hat geantwortet, es habe sich nichts geändert, obwohl danach nicht gefragt wurde.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="290" />
        <source>The server's compressed answer is damaged.</source>
        <translation>Die komprimierte Antwort des Servers ist beschädigt.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="291" />
        <source>The server compressed its answer in a way Traymon does not read.</source>
        <translation>Der Server hat seine Antwort auf eine Weise komprimiert, die Traymon nicht liest.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="294" />
        <source>The server's answer is compressed too many times over.</source>
        <translation>Die Antwort des Servers ist zu oft übereinander komprimiert.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="297" />
        <source>The answer does not contain the expected text.</source>
        <translation>Die Antwort enthält den erwarteten Text nicht.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="301" />
        <source>The answer could not be read as this kind of status page.</source>
        <translation>Die Antwort ließ sich nicht als Statusseite dieser Art lesen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="304" />
        <source>Reading the answer took too long.</source>
        <translation>Das Lesen der Antwort hat zu lange gedauert.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="306" />
        <source>The sign-in was refused; IT should check the app's registration and secret.</source>
        <translation>Die Anmeldung wurde abgelehnt; die IT sollte die Registrierung und das Geheimnis der App prüfen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="309" />
        <source>The sign-in answered without an access token.</source>
        <translation>Die Anmeldung hat ohne Zugriffstoken geantwortet.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="310" />
        <source>Signed in, but the app may not read the service health (HTTP {status}).</source>
        <translation>Angemeldet, aber die App darf den Zustand der Dienste nicht lesen (HTTP {status}).</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="313" />
        <source>The secret this service needs is not stored on this computer.</source>
        <translation>Das Geheimnis, das dieser Dienst braucht, ist auf diesem Computer nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="316" />
        <source>The system's keyring could not be read.</source>
        <translation>Der Schlüsselbund des Systems ließ sich nicht lesen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="317" />
        <source>The company's status document cannot be checked: IT has not set its key.</source>
        <translation>Das Statusdokument der Firma lässt sich nicht prüfen: Die IT hat seinen Schlüssel nicht hinterlegt.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="320" />
        <source>The company's status document was refused: it could not be verified.</source>
        <translation>Das Statusdokument der Firma wurde abgelehnt: Es ließ sich nicht prüfen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="323" />
        <source>The answer does not list this service.</source>
        <translation>Die Antwort führt diesen Dienst nicht auf.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="324" />
        <source>Traymon failed while checking; the log has the details.</source>
        <translation>Traymon ist bei der Prüfung gescheitert; Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/reason_words.py" line="327" />
        <source>Traymon failed while testing the connection; the log has the details.</source>
        <translation>Traymon ist beim Testen der Verbindung gescheitert; Einzelheiten stehen im Protokoll.</translation>
    </message>
</context>
<context>
    <name>ServiceDetail</name>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="88" />
        <source>Service details</source>
        <extracomment>Operational components listed by name before the rest are only counted: a page like Zoom's or Atlassian's has a hundred, and a person looks for the ones in trouble. The person's "It's not working for me" (a service id): one fleet report, sent now. "Watch only these…" (a service id): the session opens gui/watch_components.py.</extracomment>
        <translation>Dienstdetails</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="89" />
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="94" />
        <source>State and whose problem it is</source>
        <translation>Zustand und wessen Problem es ist</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="95" />
        <source>Last checked</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="96" />
        <source>Latency</source>
        <translation>Antwortzeit</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="97" />
        <source>Components</source>
        <translation>Komponenten</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="98" />
        <source>Open incidents</source>
        <translation>Offene Störungen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="101" />
        <source>Changes in the last 24 hours</source>
        <translation>Änderungen der letzten 24 Stunden</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="102" />
        <source>What to do meanwhile</source>
        <translation>Was Sie solange tun können</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="103" />
        <location filename="../../traymon/gui/service_detail.py" line="104" />
        <source>Fallback instructions</source>
        <translation>Ausweichanleitung</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="110" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="111" />
        <source>Copy the instructions</source>
        <translation>Die Anleitung kopieren</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="120" />
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="121" />
        <source>Checked:</source>
        <translation>Geprüft:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="122" />
        <source>Latency:</source>
        <translation>Antwortzeit:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="123" />
        <source>Components:</source>
        <translation>Komponenten:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="124" />
        <source>Incidents:</source>
        <translation>Störungen:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="125" />
        <source>90 days:</source>
        <translation>90 Tage:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="126" />
        <source>Last 24 h:</source>
        <translation>Letzte 24 h:</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="133" />
        <location filename="../../traymon/gui/service_detail.py" line="177" />
        <source>It's not working for me</source>
        <translation>Bei mir funktioniert es nicht</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="139" />
        <source>Watch only these…</source>
        <translation>Nur diese beobachten …</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="140" />
        <source>Choose the components to watch</source>
        <translation>Die zu beobachtenden Komponenten wählen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="161" />
        <source>Thank you: counted for your site</source>
        <translation>Danke: für Ihren Standort gezählt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="164" />
        <source>Choose a service to see its details.</source>
        <translation>Wählen Sie einen Dienst, um Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="183" />
        <source>{verdict}
{sentence}
The vendor's page says: {summary}</source>
        <translation>{verdict}
{sentence}
Die Seite des Anbieters sagt: {summary}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="185" />
        <source>{state} — {verdict}
{sentence}
{summary}</source>
        <translation>{state} — {verdict}
{sentence}
{summary}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="195" />
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="198" />
        <source>{time}, {age}</source>
        <translation>{time}, {age}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="228" />
        <source>and {count} more, all operational</source>
        <translation>und {count} weitere, alle in Betrieb</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="231" />
        <source>{count} more not watched</source>
        <translation>{count} weitere nicht beobachtet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="234" />
        <source>Not on this page, so not watched: {names}</source>
        <translation>Nicht auf dieser Seite, daher nicht beobachtet: {names}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="238" />
        <source>none reported</source>
        <translation>keine gemeldet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="262" />
        <source>… and {n} earlier</source>
        <translation>… und {n} frühere</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="263" />
        <source>no changes</source>
        <translation>keine Änderungen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="284" />
        <source>none open</source>
        <translation>keine offen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_detail.py" line="292" />
        <source>no update text yet</source>
        <translation>noch keine Meldung</translation>
    </message>
</context>
<context>
    <name>ServiceTableModel</name>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="58" />
        <source>Service</source>
        <extracomment>The role that sorts: severity for the state, seconds for times, text otherwise.</extracomment>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="59" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="60" />
        <source>Whose problem</source>
        <translation>Wessen Problem</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="61" />
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="62" />
        <source>Last checked</source>
        <translation>Zuletzt geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="63" />
        <source>Latency</source>
        <translation>Antwortzeit</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="140" />
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/service_model.py" line="142" />
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
        <location filename="../../traymon/gui/settings_dialog.py" line="207" />
        <source>Set by your IT department</source>
        <translation>Von Ihrer IT-Abteilung festgelegt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="210" />
        <source>{name} (set by your IT department)</source>
        <translation>{name} (von Ihrer IT-Abteilung festgelegt)</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="230" />
        <source>Watching 1 service</source>
        <translation>1 Dienst wird beobachtet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/settings_dialog.py" line="232" />
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
        <location filename="../../traymon/gui/timeline.py" line="75" />
        <source>yesterday {time}</source>
        <translation>gestern {time}</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="104" />
        <source>What happened</source>
        <extracomment>A change was activated (Enter, double click): the service it is about. The list was drawn anew (the detail pane shows the chosen service's part of it).</extracomment>
        <translation>Was geschah</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="106" />
        <source>&amp;What happened in the last 24 hours</source>
        <translation>&amp;Was in den letzten 24 Stunden geschah</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="107" />
        <source>What happened in the last 24 hours</source>
        <translation>Was in den letzten 24 Stunden geschah</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="111" />
        <location filename="../../traymon/gui/timeline.py" line="112" />
        <source>No changes in the last 24 hours.</source>
        <translation>Keine Änderungen in den letzten 24 Stunden.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="114" />
        <source>State changes in the last 24 hours, newest first</source>
        <translation>Zustandsänderungen der letzten 24 Stunden, neueste zuerst</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="186" />
        <source>{time} {change}</source>
        <translation>{time} {change}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/timeline.py" line="190" />
        <source>{when}: {old} → {new}</source>
        <translation>{when}: {old} → {new}</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <location filename="../../traymon/gui/tray.py" line="99" />
        <source>not checked yet</source>
        <extracomment>Windows keeps only 127 characters of a tray tooltip and cuts mid-word; elsewhere no limit. One affected service needs no number: the icon already says "something is wrong". Emitted with every notification actually shown (tests and the diagnostics read it). The pause started or ended: the end (aware datetime) or None (the session tells the engine, which decides, and keeps it across restarts). The person muted or unmuted a service's notifications (id, muted). "Tell me when it's back" for a service id. Shown in the menu only; the engine holds the pause that silences notifications.</extracomment>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="145" />
        <source>Traymon — checking your services…</source>
        <translation>Traymon — Ihre Dienste werden geprüft…</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="146" />
        <source>Traymon — {state}</source>
        <translation>Traymon — {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="148" />
        <source>This computer seems to be offline; checking again…</source>
        <translation>Dieser Computer scheint offline zu sein; es wird erneut geprüft …</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="153" />
        <source>… and {n} more</source>
        <translation>… und {n} weitere</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="156" />
        <source>All {n} services operational</source>
        <translation>Alle {n} Dienste in Betrieb</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/tray.py" line="158" />
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
        <location filename="../../traymon/gui/wording.py" line="31" />
        <source>Fails from this PC</source>
        <translation>Fällt auf diesem PC aus</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="40" />
        <source>It's not just you: many PCs here fail too</source>
        <translation>Nicht nur bei Ihnen: viele PCs hier sind auch gestört</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="42" />
        <source>Only this PC: others here are fine</source>
        <translation>Nur dieser PC: bei den anderen hier funktioniert es</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="44" />
        <source>Reported by {vendor}</source>
        <translation>Gemeldet von {vendor}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="46" />
        <source>No problem known</source>
        <translation>Kein Problem bekannt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="47" />
        <source>Reported by the vendor</source>
        <translation>Vom Anbieter gemeldet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="48" />
        <source>Fails from this PC only</source>
        <translation>Nur von diesem PC aus gestört</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="49" />
        <source>This PC is offline</source>
        <translation>Dieser PC ist offline</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="50" />
        <source>Last known, checking again</source>
        <translation>Letzter Stand, wird neu geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="68" />
        <source>{name}: maintenance announced by {vendor}</source>
        <translation>{name}: Wartung angekündigt von {vendor}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="72" />
        <source>{name}: outage reported by {vendor}</source>
        <translation>{name}: Ausfall gemeldet von {vendor}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="76" />
        <source>{name}: {state} (reported by {vendor})</source>
        <translation>{name}: {state} (gemeldet von {vendor})</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="97" />
        <source>{name}: state unknown. {reason}</source>
        <translation>{name}: Zustand unbekannt. {reason}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="65" />
        <source>{name}: {state} when last checked; checking again</source>
        <translation>{name}: {state} bei der letzten Prüfung; wird neu geprüft</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="70" />
        <source>{name}: maintenance announced by the vendor</source>
        <translation>{name}: Wartung vom Anbieter angekündigt</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="74" />
        <source>{name}: outage reported by the vendor</source>
        <translation>{name}: Ausfall vom Anbieter gemeldet</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="78" />
        <source>{name}: {state} (reported by the vendor)</source>
        <translation>{name}: {state} (vom Anbieter gemeldet)</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="81" />
        <source>{name}: it's not just you; many PCs at your site fail too, probably our company's network</source>
        <translation>{name}: nicht nur bei Ihnen; viele PCs an Ihrem Standort sind auch gestört, wahrscheinlich das Netz unserer Firma</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="87" />
        <source>{name}: fails from this PC only; other PCs at your site are fine</source>
        <translation>{name}: nur von diesem PC aus gestört; bei anderen PCs an Ihrem Standort funktioniert es</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="91" />
        <source>{name}: fails from this PC, {vendor} reports no problem</source>
        <translation>{name}: gestört von diesem PC aus, {vendor} meldet kein Problem</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="93" />
        <source>{name}: fails from this PC, the vendor reports no problem</source>
        <translation>{name}: gestört von diesem PC aus, der Anbieter meldet kein Problem</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="95" />
        <source>{name}: cannot be reached, this PC seems to be offline</source>
        <translation>{name}: nicht erreichbar, dieser PC scheint offline zu sein</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="99" />
        <source>{name}: {state}</source>
        <translation>{name}: {state}</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="114" />
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="116" />
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="118" />
        <source>{n} min ago</source>
        <translation>vor {n} Min.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="120" />
        <source>{n} h ago</source>
        <translation>vor {n} Std.</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="121" />
        <source>{n} days ago</source>
        <translation>vor {n} Tagen</translation>
    </message>
    <message>
        <location filename="../../traymon/gui/wording.py" line="129" />
        <source>{ms} ms</source>
        <translation>{ms} ms</translation>
    </message>
</context>
</TS>
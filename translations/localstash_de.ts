<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Application</name>
    <message>
        <source>&lt;p&gt;Another LocalStash or QStash dev server may be using the port. Stop it, or pick another port: start LocalStash with &lt;code&gt;--port&lt;/code&gt;, or change &lt;code&gt;[server]&lt;/code&gt; in %1.&lt;/p&gt;</source>
        <extracomment>Start-up error, rich text; %1 is the settings file&apos;s path</extracomment>
        <translation>&lt;p&gt;Möglicherweise verwendet ein anderer LocalStash- oder QStash-Dev-Server den Port. Beenden Sie ihn oder wählen Sie einen anderen Port: Starten Sie LocalStash mit &lt;code&gt;--port&lt;/code&gt; oder ändern Sie &lt;code&gt;[server]&lt;/code&gt; in %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>LocalStash could not start</source>
        <translation>LocalStash konnte nicht starten</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>LocalStash: a local, persistent, QStash-compatible message broker.
Point the QStash SDKs (or curl) at the printed QSTASH_URL.</source>
        <translation>LocalStash: ein lokaler, persistenter, QStash-kompatibler Message-Broker.
Richten Sie die QStash-SDKs (oder curl) auf die ausgegebene QSTASH_URL.</translation>
    </message>
    <message>
        <source>Run the broker without a window (CI, servers).</source>
        <translation>Den Broker ohne Fenster ausführen (CI, Server).</translation>
    </message>
    <message>
        <source>Directory for the database (default: the platform&apos;s application data directory).</source>
        <translation>Verzeichnis für die Datenbank (Standard: das Anwendungsdatenverzeichnis der Plattform).</translation>
    </message>
    <message>
        <source>Port to listen on for this run (default: the Settings page&apos;s, else 8080; 0 = any free port).</source>
        <translation>Port, auf dem bei diesem Start gelauscht wird (Standard: der aus den Einstellungen, sonst 8080; 0 = ein beliebiger freier Port).</translation>
    </message>
    <message>
        <source>Address to listen on for this run (default: the Settings page&apos;s, else 127.0.0.1). Anything but loopback exposes the broker to other machines.</source>
        <translation>Adresse, auf der bei diesem Start gelauscht wird (Standard: die aus den Einstellungen, sonst 127.0.0.1). Alles außer Loopback macht den Broker für andere Rechner erreichbar.</translation>
    </message>
    <message>
        <source>Multiply delay and retry waits for this run, e.g. 0.01 turns the 12 s first retry into 120 ms (default: the Settings page&apos;s, else 1).</source>
        <translation>Verzögerungen und Wartezeiten vor Wiederholungen bei diesem Start multiplizieren, z. B. macht 0.01 aus den 12 s vor der ersten Wiederholung 120 ms (Standard: der Wert aus den Einstellungen, sonst 1).</translation>
    </message>
</context>
<context>
    <name>Dashboard::BrokerClient</name>
    <message>
        <source>no answer from the broker</source>
        <translation>keine Antwort vom Broker</translation>
    </message>
    <message>
        <source>HTTP %1 %2</source>
        <extracomment>%1 is an HTTP status code, %2 the start of the answer&apos;s body</extracomment>
        <translation>HTTP %1 %2</translation>
    </message>
    <message>
        <source>The broker is not running.</source>
        <translation>Der Broker läuft nicht.</translation>
    </message>
    <message>
        <source>The broker keeps no database file (in-memory mode).</source>
        <translation>Der Broker führt keine Datenbankdatei (Arbeitsspeicher-Modus).</translation>
    </message>
</context>
<context>
    <name>Dashboard::BulkProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <extracomment>Progress of a bulk operation: %1 done of %2</extracomment>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>Dashboard::CronDescriber</name>
    <message>
        <source>%1 and %2</source>
        <extracomment>Joins the last two items of a list: &quot;Mon, Wed and Fri&quot;</extracomment>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>jede Minute</translation>
    </message>
    <message>
        <source>every %1 minutes</source>
        <translation>alle %1 Minuten</translation>
    </message>
    <message>
        <source>every hour at minute %1</source>
        <translation>stündlich zur Minute %1</translation>
    </message>
    <message>
        <source>every hour at minutes %1</source>
        <translation>stündlich zu den Minuten %1</translation>
    </message>
    <message>
        <source>every %1 hours at minute %2</source>
        <translation>alle %1 Stunden zur Minute %2</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>um %1</translation>
    </message>
    <message>
        <source>every minute from %1 to %2</source>
        <translation>jede Minute von %1 bis %2</translation>
    </message>
    <message>
        <source>every %1 minutes from %2 to %3</source>
        <translation>alle %1 Minuten von %2 bis %3</translation>
    </message>
    <message>
        <source>every minute during hours %1</source>
        <translation>jede Minute in den Stunden %1</translation>
    </message>
    <message>
        <source>at minutes %1 past hours %2</source>
        <translation>zu den Minuten %1 der Stunden %2</translation>
    </message>
    <message>
        <source>on day %1 of the month</source>
        <translation>am %1. des Monats</translation>
    </message>
    <message>
        <source>on days %1 of the month</source>
        <translation>an den Tagen %1 des Monats</translation>
    </message>
    <message>
        <source>%1 or on %2</source>
        <extracomment>Cron where day-of-month and day-of-week are both set: either matches</extracomment>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <source>%1 if on %2</source>
        <translation>%1, falls %2</translation>
    </message>
    <message>
        <source>in %1</source>
        <extracomment>Cron months, e.g. &quot;in Jan and Jul&quot;</extracomment>
        <translation>im %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
</context>
<context>
    <name>Dashboard::DlqModel</name>
    <message>
        <source>group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>Queue %1</translation>
    </message>
    <message>
        <source>schedule %1</source>
        <translation>Zeitplan %1</translation>
    </message>
    <message>
        <source>Failed at</source>
        <extracomment>DLQ table column: when the message failed</extracomment>
        <translation>Fehlgeschlagen am</translation>
    </message>
    <message>
        <source>Message</source>
        <extracomment>DLQ table column</extracomment>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Response</source>
        <extracomment>DLQ table column: the last response</extracomment>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Group / queue / schedule</source>
        <translation>Gruppe / Queue / Zeitplan</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
</context>
<context>
    <name>Dashboard::DlqPage</name>
    <message>
        <source>Dead-Letter Queue</source>
        <extracomment>Page title</extracomment>
        <translation>Dead-Letter-Queue</translation>
    </message>
    <message>
        <source>Replay</source>
        <extracomment>DLQ page action</extracomment>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Deliver the selected entries again as new messages (Ctrl+R)</source>
        <translation>Die ausgewählten Einträge als neue Nachrichten erneut zustellen (Strg+R)</translation>
    </message>
    <message>
        <source>Replay All Matching</source>
        <translation>Alle passenden erneut senden</translation>
    </message>
    <message>
        <source>Replay every entry the filters match</source>
        <translation>Jeden Eintrag, der zu den Filtern passt, erneut senden</translation>
    </message>
    <message>
        <source>Edit and Resend…</source>
        <translation>Bearbeiten und erneut senden…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete All Matching</source>
        <translation>Alle passenden löschen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Select an entry to see its attempts and the responses that made it fail.</source>
        <translation>Wählen Sie einen Eintrag, um seine Versuche und die Antworten zu sehen, an denen er gescheitert ist.</translation>
    </message>
    <message>
        <source>The message of this entry is no longer stored.</source>
        <translation>Die Nachricht dieses Eintrags ist nicht mehr gespeichert.</translation>
    </message>
    <message>
        <source>1 entry</source>
        <extracomment>Above the DLQ table; %1 is a number</extracomment>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 Einträge</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No dead-letter queue&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Keine Dead-Letter-Queue&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The broker is not running.</source>
        <translation>Der Broker läuft nicht.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No entry matches the filters&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Kein Eintrag passt zu den Filtern&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;The dead-letter queue is empty&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Messages land here when their retries are exhausted or the destination answers 489 with Upstash-NonRetryable-Error.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Die Dead-Letter-Queue ist leer&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Nachrichten landen hier, wenn ihre Wiederholungen aufgebraucht sind oder das Ziel mit 489 und Upstash-NonRetryable-Error antwortet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Replay stopped after %1 entries: %2</source>
        <translation>Erneutes Senden nach %1 Einträgen gestoppt: %2</translation>
    </message>
    <message>
        <source>Delete stopped after %1 entries: %2</source>
        <translation>Löschen nach %1 Einträgen gestoppt: %2</translation>
    </message>
    <message>
        <source>Replay canceled: %1 of %2 entries.</source>
        <translation>Erneutes Senden abgebrochen: %1 von %2 Einträgen.</translation>
    </message>
    <message>
        <source>Delete canceled: %1 of %2 entries.</source>
        <translation>Löschen abgebrochen: %1 von %2 Einträgen.</translation>
    </message>
    <message>
        <source>Replayed 1 entry as a new message.</source>
        <translation>1 Eintrag als neue Nachricht erneut gesendet.</translation>
    </message>
    <message>
        <source>Replayed %1 entries as new messages.</source>
        <translation>%1 Einträge als neue Nachrichten erneut gesendet.</translation>
    </message>
    <message>
        <source>Deleted 1 entry.</source>
        <translation>1 Eintrag gelöscht.</translation>
    </message>
    <message>
        <source>Deleted %1 entries.</source>
        <translation>%1 Einträge gelöscht.</translation>
    </message>
    <message>
        <source>Replaying 1 entry…</source>
        <extracomment>Bulk progress label</extracomment>
        <translation>1 Eintrag wird erneut gesendet…</translation>
    </message>
    <message>
        <source>Replaying %1 entries…</source>
        <translation>%1 Einträge werden erneut gesendet…</translation>
    </message>
    <message>
        <source>Deleting 1 entry…</source>
        <extracomment>Bulk progress label</extracomment>
        <translation>1 Eintrag wird gelöscht…</translation>
    </message>
    <message>
        <source>Deleting %1 entries…</source>
        <translation>%1 Einträge werden gelöscht…</translation>
    </message>
    <message>
        <source>Replay 1 entry as a new message?</source>
        <translation>1 Eintrag als neue Nachricht erneut senden?</translation>
    </message>
    <message>
        <source>Replay %1 entries as new messages?</source>
        <translation>%1 Einträge als neue Nachrichten erneut senden?</translation>
    </message>
    <message>
        <source>Delete 1 entry from the dead-letter queue? This cannot be undone.</source>
        <translation>1 Eintrag aus der Dead-Letter-Queue löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Delete %1 entries from the dead-letter queue? This cannot be undone.</source>
        <translation>%1 Einträge aus der Dead-Letter-Queue löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Edit and Resend</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Sent as %1; the dead-letter entry was removed.</source>
        <translation>Gesendet als %1; der Dead-Letter-Eintrag wurde entfernt.</translation>
    </message>
    <message>
        <source>Sent as %1, but the dead-letter entry stays: %2</source>
        <translation>Gesendet als %1, aber der Dead-Letter-Eintrag bleibt: %2</translation>
    </message>
</context>
<context>
    <name>Dashboard::EndpointModel</name>
    <message>
        <source>URL</source>
        <extracomment>Endpoints table columns</extracomment>
        <translation>URL</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>Dashboard::FilterBar</name>
    <message>
        <source>All states</source>
        <extracomment>State filter of the message log</extracomment>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Wird wiederholt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>URL contains…</source>
        <translation>URL enthält…</translation>
    </message>
    <message>
        <source>Search id, URL, headers, body…</source>
        <translation>ID, URL, Header, Inhalt durchsuchen…</translation>
    </message>
    <message>
        <source>Any time</source>
        <extracomment>Time filter of the message log</extracomment>
        <translation>Beliebige Zeit</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>Letzte 5 Minuten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Eigener Zeitraum…</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Show everything again</source>
        <translation>Wieder alles anzeigen</translation>
    </message>
    <message>
        <source>URL group</source>
        <translation>URL-Gruppe</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Schedule id</source>
        <translation>Zeitplan-ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>From</source>
        <extracomment>Between the two dates of a custom time range</extracomment>
        <translation>Von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
</context>
<context>
    <name>Dashboard::Format</name>
    <message>
        <source>%1 ms</source>
        <extracomment>A duration in milliseconds</extracomment>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <extracomment>A duration in seconds, e.g. 1.5 s</extracomment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <extracomment>A duration, e.g. 3 min 5 s</extracomment>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <extracomment>A duration, e.g. 2 h 5 min</extracomment>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <extracomment>A duration, e.g. 3 d 4 h</extracomment>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>in %1</source>
        <extracomment>%1 is a duration such as &quot;3 min 5 s&quot;</extracomment>
        <translation>in %1</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>Message state</extracomment>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Active</source>
        <extracomment>Message state: an attempt is in flight</extracomment>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Retrying</source>
        <extracomment>Message state: waiting for the next attempt</extracomment>
        <translation>Wird wiederholt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <extracomment>Message state
----------
Log event</extracomment>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <extracomment>Message state
----------
Log event: retries exhausted, moved to the dead-letter queue</extracomment>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canceled</source>
        <extracomment>Message state
----------
Log event</extracomment>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Created</source>
        <extracomment>Log event: the message was accepted</extracomment>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Attempt started</source>
        <extracomment>Log event: an attempt started</extracomment>
        <translation>Versuch gestartet</translation>
    </message>
    <message>
        <source>Attempt failed</source>
        <extracomment>Log event: an attempt failed</extracomment>
        <translation>Versuch fehlgeschlagen</translation>
    </message>
    <message>
        <source>Retry scheduled</source>
        <extracomment>Log event: the next attempt is scheduled</extracomment>
        <translation>Wiederholung geplant</translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <extracomment>Log event</extracomment>
        <translation>Abbruch angefordert</translation>
    </message>
    <message>
        <source>no response</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>(binary, %1) %2</source>
        <extracomment>%1 is a size such as &quot;1.5 KiB&quot;, %2 a hex dump of the first bytes</extracomment>
        <translation>(binär, %1) %2</translation>
    </message>
</context>
<context>
    <name>Dashboard::InspectorHtml</name>
    <message>
        <source>No headers</source>
        <translation>Keine Header</translation>
    </message>
    <message>
        <source>Empty body</source>
        <translation>Leerer Inhalt</translation>
    </message>
    <message>
        <source>JSON, %1</source>
        <extracomment>%1 is a size such as &quot;120 bytes&quot;</extracomment>
        <translation>JSON, %1</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Not before</source>
        <translation>Nicht vor</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>Retries</source>
        <extracomment>%1 retries done so far, %2 the maximum</extracomment>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>URL group</source>
        <translation>URL-Gruppe</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Flow control</source>
        <translation>Flusssteuerung</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>Callback</translation>
    </message>
    <message>
        <source>Failure callback</source>
        <translation>Fehler-Callback</translation>
    </message>
    <message>
        <source>Dead-letter queue</source>
        <translation>Dead-Letter-Queue</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Headers delivered</source>
        <translation>Zugestellte Header</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>The request carried no Upstash-Signature header.</source>
        <translation>Die Anfrage hatte keinen Upstash-Signature-Header.</translation>
    </message>
    <message>
        <source>Signed with the current signing key (HS256)</source>
        <translation>Mit dem aktuellen Signaturschlüssel signiert (HS256)</translation>
    </message>
    <message>
        <source>Signed with the next signing key (HS256)</source>
        <translation>Mit dem nächsten Signaturschlüssel signiert (HS256)</translation>
    </message>
    <message>
        <source>The signature matches neither the current nor the next signing key</source>
        <translation>Die Signatur passt weder zum aktuellen noch zum nächsten Signaturschlüssel</translation>
    </message>
    <message>
        <source>Issuer is “Upstash”</source>
        <translation>Aussteller ist „Upstash“</translation>
    </message>
    <message>
        <source>Issuer is not “Upstash”</source>
        <translation>Aussteller ist nicht „Upstash“</translation>
    </message>
    <message>
        <source>Body hash matches the delivered body</source>
        <translation>Body-Hash passt zum zugestellten Inhalt</translation>
    </message>
    <message>
        <source>Body hash differs from the delivered body</source>
        <translation>Body-Hash weicht vom zugestellten Inhalt ab</translation>
    </message>
    <message>
        <source>Subject (sub) matches the URL called</source>
        <translation>Subjekt (sub) passt zur aufgerufenen URL</translation>
    </message>
    <message>
        <source>Subject (sub) is %1, not the URL called</source>
        <translation>Subjekt (sub) ist %1, nicht die aufgerufene URL</translation>
    </message>
    <message>
        <source>Valid at the time of the attempt (expires %1)</source>
        <extracomment>%1 is a date and time</extracomment>
        <translation>Zum Zeitpunkt des Versuchs gültig (läuft %1 ab)</translation>
    </message>
    <message>
        <source>Expired or not yet valid at the time of the attempt</source>
        <translation>Zum Zeitpunkt des Versuchs abgelaufen oder noch nicht gültig</translation>
    </message>
    <message>
        <source>Verdict: a receiver with these signing keys accepts this request.</source>
        <translation>Ergebnis: Ein Empfänger mit diesen Signaturschlüsseln akzeptiert diese Anfrage.</translation>
    </message>
    <message>
        <source>Verdict: a receiver rejects this request.</source>
        <translation>Ergebnis: Ein Empfänger lehnt diese Anfrage ab.</translation>
    </message>
    <message>
        <source>Decoded token</source>
        <translation>Dekodiertes Token</translation>
    </message>
    <message>
        <source>Attempt %1 · %2
%3</source>
        <extracomment>Two lines: %1 attempt number, %2 time; then %3 the outcome such as &quot;200 OK&quot;</extracomment>
        <translation>Versuch %1 · %2
%3</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Retried</source>
        <extracomment>&quot;Upstash-Retried&quot; value of the attempt</extracomment>
        <translation>Wiederholt</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Signature (Upstash-Signature)</source>
        <translation>Signatur (Upstash-Signature)</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>Header der Anfrage</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Inhalt der Anfrage</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>Header der Antwort</translation>
    </message>
    <message>
        <source>No response: %1</source>
        <translation>Keine Antwort: %1</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>Inhalt der Antwort</translation>
    </message>
    <message>
        <source>next attempt at %1</source>
        <extracomment>Log event detail; %1 is a date and time</extracomment>
        <translation>nächster Versuch um %1</translation>
    </message>
    <message>
        <source>dead-letter entry %1</source>
        <extracomment>Log event detail; %1 is a dead-letter queue entry id</extracomment>
        <translation>Dead-Letter-Eintrag %1</translation>
    </message>
</context>
<context>
    <name>Dashboard::MainWindow</name>
    <message>
        <source>LocalStash</source>
        <extracomment>Window title; the product name</extracomment>
        <translation>LocalStash</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Overview</source>
        <extracomment>Navigation entry and page title</extracomment>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Starting…</source>
        <extracomment>Status bar, before the broker is listening</extracomment>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Stop the broker and quit LocalStash</source>
        <translation>Broker anhalten und LocalStash beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About LocalStash</source>
        <translation>Ü&amp;ber LocalStash</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Messages</source>
        <extracomment>Navigation entry</extracomment>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <extracomment>Status bar; %1 is a URL such as http://127.0.0.1:8080</extracomment>
        <translation>Erreichbar unter %1</translation>
    </message>
    <message>
        <source>Time scale ×%1 — delays and retries are accelerated</source>
        <extracomment>Status bar; %1 is a factor such as 0.01 (delays are multiplied by it)</extracomment>
        <translation>Zeitfaktor ×%1 — Verzögerungen und Wiederholungen laufen beschleunigt</translation>
    </message>
    <message>
        <source>Time scale ×%1 — delays and retries are slowed down</source>
        <extracomment>Status bar; %1 is a factor such as 10 (delays are multiplied by it)</extracomment>
        <translation>Zeitfaktor ×%1 — Verzögerungen und Wiederholungen laufen verlangsamt</translation>
    </message>
    <message>
        <source>About LocalStash</source>
        <translation>Über LocalStash</translation>
    </message>
    <message>
        <source>&lt;h3&gt;LocalStash %1&lt;/h3&gt;&lt;p&gt;A local, persistent, QStash-compatible message broker with a desktop dashboard.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <extracomment>About box (rich text); %1 is the LocalStash version, %2 the Qt version</extracomment>
        <translation>&lt;h3&gt;LocalStash %1&lt;/h3&gt;&lt;p&gt;Ein lokaler, persistenter, QStash-kompatibler Message-Broker mit Desktop-Dashboard.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Dead Letters</source>
        <extracomment>Navigation entry: the dead-letter queue</extracomment>
        <translation>Dead Letters</translation>
    </message>
    <message>
        <source>URL Groups</source>
        <extracomment>Navigation entry</extracomment>
        <translation>URL-Gruppen</translation>
    </message>
    <message>
        <source>Schedules</source>
        <extracomment>Navigation entry</extracomment>
        <translation>Zeitpläne</translation>
    </message>
    <message>
        <source>Queues</source>
        <extracomment>Navigation entry</extracomment>
        <translation>Queues</translation>
    </message>
    <message>
        <source>Shortcut: %1</source>
        <extracomment>Tool tip of a navigation entry; %1 is the shortcut</extracomment>
        <translation>Tastenkürzel: %1</translation>
    </message>
    <message>
        <source>&amp;Send Message…</source>
        <translation>Nachricht &amp;senden…</translation>
    </message>
    <message>
        <source>Compose a message and publish it through the broker</source>
        <translation>Eine Nachricht verfassen und über den Broker veröffentlichen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Published %1</source>
        <extracomment>Status bar; %1 is one or more message ids</extracomment>
        <translation>%1 veröffentlicht</translation>
    </message>
    <message>
        <source>Message %1 is no longer stored.</source>
        <extracomment>%1 is a message id</extracomment>
        <translation>Nachricht %1 ist nicht mehr gespeichert.</translation>
    </message>
    <message>
        <source>LocalStash is still running</source>
        <translation>LocalStash läuft weiter</translation>
    </message>
    <message>
        <source>The broker keeps delivering. Use Quit in the tray menu to stop it.</source>
        <translation>Der Broker stellt weiter zu. Beenden Sie ihn über „Beenden“ im Tray-Menü.</translation>
    </message>
    <message>
        <source>Settings</source>
        <extracomment>Navigation entry</extracomment>
        <translation>Einstellungen</translation>
    </message>
</context>
<context>
    <name>Dashboard::MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Dashboard::MessageInspector</name>
    <message>
        <source>Message</source>
        <extracomment>Inspector tab: what was published</extracomment>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Time</source>
        <extracomment>Columns of the inspector&apos;s event timeline</extracomment>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Select a message to see its attempts, its signature and its events.</source>
        <translation>Wählen Sie eine Nachricht, um ihre Versuche, ihre Signatur und ihre Ereignisse zu sehen.</translation>
    </message>
    <message>
        <source>Attempts (%1)</source>
        <extracomment>Inspector tab with the number of attempts</extracomment>
        <translation>Versuche (%1)</translation>
    </message>
    <message>
        <source>Events (%1)</source>
        <extracomment>Inspector tab with the number of log events</extracomment>
        <translation>Ereignisse (%1)</translation>
    </message>
    <message>
        <source>No delivery attempt yet.</source>
        <translation>Noch kein Zustellversuch.</translation>
    </message>
</context>
<context>
    <name>Dashboard::MessageModel</name>
    <message>
        <source>Next attempt at %1</source>
        <extracomment>Tool tip of a message&apos;s state; %1 is a date and time</extracomment>
        <translation>Nächster Versuch um %1</translation>
    </message>
    <message>
        <source>group %1</source>
        <extracomment>Messages table, context column; %1 is a URL group name</extracomment>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>group %1 (%2)</source>
        <translation>Gruppe %1 (%2)</translation>
    </message>
    <message>
        <source>queue %1</source>
        <extracomment>Messages table, context column; %1 is a queue name</extracomment>
        <translation>Queue %1</translation>
    </message>
    <message>
        <source>schedule %1</source>
        <extracomment>Messages table, context column; %1 is a schedule id</extracomment>
        <translation>Zeitplan %1</translation>
    </message>
    <message>
        <source>Time</source>
        <extracomment>Messages table column: when the message was published</extracomment>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>State</source>
        <extracomment>Messages table column</extracomment>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Method</source>
        <extracomment>Messages table column: HTTP method</extracomment>
        <translation>Methode</translation>
    </message>
    <message>
        <source>URL</source>
        <extracomment>Messages table column: the destination</extracomment>
        <translation>URL</translation>
    </message>
    <message>
        <source>Group / queue / schedule</source>
        <extracomment>Messages table column: URL group, queue or schedule</extracomment>
        <translation>Gruppe / Queue / Zeitplan</translation>
    </message>
    <message>
        <source>Labels</source>
        <extracomment>Messages table column</extracomment>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Attempts</source>
        <extracomment>Messages table column: delivery attempts made</extracomment>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last status</source>
        <extracomment>Messages table column: the last attempt&apos;s HTTP status</extracomment>
        <translation>Letzter Status</translation>
    </message>
</context>
<context>
    <name>Dashboard::MessagesPage</name>
    <message>
        <source>Messages</source>
        <extracomment>Page title</extracomment>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Send Message…</source>
        <extracomment>Toolbar action of the Messages page</extracomment>
        <translation>Nachricht senden…</translation>
    </message>
    <message>
        <source>Compose a message and publish it (Ctrl+N)</source>
        <translation>Eine Nachricht verfassen und veröffentlichen (Strg+N)</translation>
    </message>
    <message>
        <source>Cancel Message</source>
        <translation>Nachricht abbrechen</translation>
    </message>
    <message>
        <source>Cancel the selected messages that are not delivered yet (Del)</source>
        <translation>Die ausgewählten, noch nicht zugestellten Nachrichten abbrechen (Entf)</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Publish the selected messages again: same destination, headers and body (Ctrl+R)</source>
        <translation>Die ausgewählten Nachrichten erneut veröffentlichen: gleiches Ziel, gleiche Header und gleicher Inhalt (Strg+R)</translation>
    </message>
    <message>
        <source>Edit and Resend…</source>
        <translation>Bearbeiten und erneut senden…</translation>
    </message>
    <message>
        <source>Open the composer with this message (Ctrl+E)</source>
        <translation>Den Editor mit dieser Nachricht öffnen (Strg+E)</translation>
    </message>
    <message>
        <source>Copy Message ID</source>
        <translation>Nachrichten-ID kopieren</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Cannot read message %1: %2</source>
        <translation>Nachricht %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>1 message</source>
        <extracomment>Above the message table; %1 is a number</extracomment>
        <translation>1 Nachricht</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 Nachrichten</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No message log&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Kein Nachrichtenprotokoll&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The broker is not running.</source>
        <translation>Der Broker läuft nicht.</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No message matches the filters&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Change or clear the filters to see more.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Keine Nachricht passt zu den Filtern&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ändern oder leeren Sie die Filter, um mehr zu sehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No messages yet&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Publish one with &lt;i&gt;Send Message…&lt;/i&gt; (Ctrl+N), or point your application at %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Noch keine Nachrichten&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Veröffentlichen Sie eine mit &lt;i&gt;Nachricht senden…&lt;/i&gt; (Strg+N), oder richten Sie Ihre Anwendung auf %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation>Abbrechen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Canceled 1 message.</source>
        <translation>1 Nachricht abgebrochen.</translation>
    </message>
    <message>
        <source>Canceled %1 messages.</source>
        <translation>%1 Nachrichten abgebrochen.</translation>
    </message>
    <message>
        <source>Replay failed: %1</source>
        <translation>Erneutes Senden fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Replayed as %1.</source>
        <translation>Erneut gesendet als %1.</translation>
    </message>
    <message>
        <source>Replayed %1 messages.</source>
        <translation>%1 Nachrichten erneut gesendet.</translation>
    </message>
    <message>
        <source>Edit and Resend</source>
        <extracomment>Title of the composer opened from a stored message</extracomment>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Sent as %1.</source>
        <translation>Gesendet als %1.</translation>
    </message>
</context>
<context>
    <name>Dashboard::OverviewPage</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Starting the broker…</source>
        <translation>Broker wird gestartet…</translation>
    </message>
    <message>
        <source>The overview appears as soon as the broker is listening.</source>
        <translation>Die Übersicht erscheint, sobald der Broker erreichbar ist.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Listening address:</source>
        <translation>Erreichbar unter:</translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation>Datenverzeichnis:</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Show the data directory in the file manager</source>
        <translation>Datenverzeichnis im Dateimanager anzeigen</translation>
    </message>
    <message>
        <source>Pending</source>
        <extracomment>Message state (caption under a count), then its tool tip</extracomment>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Accepted and waiting for its delivery time</source>
        <translation>Angenommen, wartet auf den Zustellzeitpunkt</translation>
    </message>
    <message>
        <source>Active</source>
        <extracomment>Message state: being delivered, then its tool tip</extracomment>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Being delivered right now</source>
        <translation>Wird gerade zugestellt</translation>
    </message>
    <message>
        <source>Retry</source>
        <extracomment>Message state: waiting to be retried, then its tool tip</extracomment>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Failed at least once and waiting for the next attempt</source>
        <translation>Mindestens einmal fehlgeschlagen, wartet auf den nächsten Versuch</translation>
    </message>
    <message>
        <source>Delivered</source>
        <extracomment>Message state, then its tool tip</extracomment>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Delivered successfully</source>
        <translation>Erfolgreich zugestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <extracomment>Message state: out of retries, then its tool tip</extracomment>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Out of retries; moved to the dead letter queue</source>
        <translation>Keine Wiederholungen mehr; in die Dead-Letter-Queue verschoben</translation>
    </message>
    <message>
        <source>Canceled</source>
        <extracomment>Message state, then its tool tip</extracomment>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Canceled through the API</source>
        <translation>Über die API abgebrochen</translation>
    </message>
    <message>
        <source>Messages</source>
        <extracomment>Group title: message counts by state</extracomment>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Copy</source>
        <extracomment>Button next to a credential</extracomment>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <extracomment>%1 is an environment variable name such as QSTASH_TOKEN</extracomment>
        <translation>%1 in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <extracomment>Accessible name; %1 is an environment variable name such as QSTASH_TOKEN</extracomment>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Paste these lines into your application&apos;s .env file:</source>
        <translation>Fügen Sie diese Zeilen in die .env-Datei Ihrer Anwendung ein:</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Umgebungsvariablen</translation>
    </message>
    <message>
        <source>Copy env block</source>
        <translation>Env-Block kopieren</translation>
    </message>
    <message>
        <source>Copy all four lines to the clipboard</source>
        <translation>Alle vier Zeilen in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>env block</source>
        <extracomment>Fills %1 of &quot;Copied %1 to the clipboard&quot;</extracomment>
        <translation>Env-Block</translation>
    </message>
    <message>
        <source>Copied %1 to the clipboard</source>
        <extracomment>Status bar; %1 is a variable name (QSTASH_TOKEN…) or &quot;env block&quot;</extracomment>
        <translation>%1 in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Activity</source>
        <extracomment>Group title: the live chart of the overview</extracomment>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Recent failures</source>
        <extracomment>Group title: the last messages that failed for good</extracomment>
        <translation>Letzte Fehler</translation>
    </message>
    <message>
        <source>Failed at</source>
        <extracomment>Columns of the recent failures list</extracomment>
        <translation>Fehlgeschlagen am</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Last response</source>
        <translation>Letzte Antwort</translation>
    </message>
    <message>
        <source>Double-click a failure to open its message</source>
        <translation>Doppelklick auf einen Fehler öffnet seine Nachricht</translation>
    </message>
    <message>
        <source>No failures. Messages that run out of retries appear here.</source>
        <translation>Keine Fehler. Nachrichten ohne verbleibende Wiederholungen erscheinen hier.</translation>
    </message>
</context>
<context>
    <name>Dashboard::PagedSqlModel</name>
    <message>
        <source>Cannot read the newest row</source>
        <translation>Die neueste Zeile kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot count rows</source>
        <translation>Zeilen können nicht gezählt werden</translation>
    </message>
    <message>
        <source>Cannot find a page</source>
        <translation>Seite nicht gefunden</translation>
    </message>
    <message>
        <source>Cannot read rows</source>
        <translation>Zeilen können nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>Dashboard::PublishDialog</name>
    <message>
        <source>Send Message</source>
        <extracomment>Dialog title of the publish composer</extracomment>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <extracomment>Button of the publish composer</extracomment>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>URL</source>
        <extracomment>Publish composer: where the message goes</extracomment>
        <translation>URL</translation>
    </message>
    <message>
        <source>URL group</source>
        <translation>URL-Gruppe</translation>
    </message>
    <message>
        <source>Queue, then URL</source>
        <translation>Queue, dann URL</translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation>Senden &amp;an:</translation>
    </message>
    <message>
        <source>queue name</source>
        <translation>Queue-Name</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>&amp;Queue:</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>now — or e.g. 10s, 5m, 1h30m</source>
        <translation>sofort — oder z. B. 10s, 5m, 1h30m</translation>
    </message>
    <message>
        <source>De&amp;lay:</source>
        <translation>&amp;Verzögerung:</translation>
    </message>
    <message>
        <source>Default</source>
        <extracomment>Retries spin box at its lowest value: the broker decides</extracomment>
        <translation>Standard</translation>
    </message>
    <message>
        <source>&amp;Retries:</source>
        <translation>&amp;Wiederholungen:</translation>
    </message>
    <message>
        <source>default — or e.g. 30s</source>
        <translation>Standard — oder z. B. 30s</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>T&amp;imeout:</translation>
    </message>
    <message>
        <source>https://… called after each attempt</source>
        <translation>https://… nach jedem Versuch aufgerufen</translation>
    </message>
    <message>
        <source>&amp;Callback:</source>
        <translation>&amp;Callback:</translation>
    </message>
    <message>
        <source>https://… called when it fails</source>
        <translation>https://… bei endgültigem Fehlschlag aufgerufen</translation>
    </message>
    <message>
        <source>&amp;Failure callback:</source>
        <translation>&amp;Fehler-Callback:</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>durch Kommas getrennt</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>&amp;Labels:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Deduplication &amp;id:</source>
        <translation>Deduplizierungs-&amp;ID:</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>Columns of the publish composer&apos;s header table</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Delivered to the destination as they are (forwarded).</source>
        <translation>Werden unverändert an das Ziel weitergeleitet.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Format JSON</source>
        <translation>JSON formatieren</translation>
    </message>
    <message>
        <source>Equivalent curl command</source>
        <translation>Entsprechender curl-Befehl</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>URL group name, e.g. orders</source>
        <translation>Name der URL-Gruppe, z. B. orders</translation>
    </message>
    <message>
        <source>https://example.com/api/webhook</source>
        <translation>https://example.com/api/webhook</translation>
    </message>
    <message>
        <source>The body is not valid JSON.</source>
        <translation>Der Inhalt ist kein gültiges JSON.</translation>
    </message>
    <message>
        <source>The broker is not running.</source>
        <translation>Der Broker läuft nicht.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>The broker refused the message: %1</source>
        <extracomment>%1 is the broker&apos;s error message</extracomment>
        <translation>Der Broker hat die Nachricht abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>Dashboard::PublishDraft</name>
    <message>
        <source>Enter the name of a URL group.</source>
        <translation>Geben Sie den Namen einer URL-Gruppe ein.</translation>
    </message>
    <message>
        <source>Enter the destination URL.</source>
        <translation>Geben Sie die Ziel-URL ein.</translation>
    </message>
    <message>
        <source>A URL group name uses only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Ein URL-Gruppenname besteht nur aus Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;.</translation>
    </message>
    <message>
        <source>The destination must start with http:// or https://.</source>
        <translation>Das Ziel muss mit http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <source>Enter a queue name (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;).</source>
        <translation>Geben Sie einen Queue-Namen ein (Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;).</translation>
    </message>
    <message>
        <source>“%1” is not a valid header name.</source>
        <extracomment>%1 is what the user typed as a header name</extracomment>
        <translation>„%1“ ist kein gültiger Header-Name.</translation>
    </message>
    <message>
        <source>The callback must start with http:// or https://.</source>
        <translation>Der Callback muss mit http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <source>The failure callback must start with http:// or https://.</source>
        <translation>Der Fehler-Callback muss mit http:// oder https:// beginnen.</translation>
    </message>
</context>
<context>
    <name>Dashboard::QueueModel</name>
    <message>
        <source>Paused</source>
        <extracomment>Queue state</extracomment>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>Queues table column</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Parallelism</source>
        <extracomment>Queues table column</extracomment>
        <translation>Parallelität</translation>
    </message>
    <message>
        <source>State</source>
        <extracomment>Queues table column</extracomment>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Lag</source>
        <extracomment>Queues table column: messages waiting or in flight</extracomment>
        <translation>Rückstand</translation>
    </message>
    <message>
        <source>Created</source>
        <extracomment>Queues table column</extracomment>
        <translation>Erstellt</translation>
    </message>
</context>
<context>
    <name>Dashboard::QueuesPage</name>
    <message>
        <source>Queues</source>
        <extracomment>Page title</extracomment>
        <translation>Queues</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No queues yet&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A queue delivers its messages in order, a few at a time. Create one with &lt;i&gt;New Queue…&lt;/i&gt;, or enqueue with &lt;code&gt;/v2/enqueue/&amp;lt;queue&amp;gt;/&amp;lt;url&amp;gt;&lt;/code&gt; — the queue is created on first use.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Noch keine Queues&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Eine Queue stellt ihre Nachrichten der Reihe nach zu, wenige gleichzeitig. Legen Sie eine mit &lt;i&gt;Neue Queue…&lt;/i&gt; an oder reihen Sie mit &lt;code&gt;/v2/enqueue/&amp;lt;queue&amp;gt;/&amp;lt;url&amp;gt;&lt;/code&gt; ein — die Queue entsteht bei der ersten Nutzung.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New Queue…</source>
        <extracomment>Queues page actions</extracomment>
        <translation>Neue Queue…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Saved queue %1.</source>
        <extracomment>%1 is a queue name</extracomment>
        <translation>Queue %1 gespeichert.</translation>
    </message>
    <message>
        <source>Could not save the queue: %1</source>
        <translation>Queue konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Paused queue %1.</source>
        <translation>Queue %1 pausiert.</translation>
    </message>
    <message>
        <source>Resumed queue %1.</source>
        <translation>Queue %1 fortgesetzt.</translation>
    </message>
    <message>
        <source>Could not change the queue: %1</source>
        <translation>Queue konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>Deleted queue %1.</source>
        <translation>Queue %1 gelöscht.</translation>
    </message>
    <message>
        <source>Could not delete the queue: %1</source>
        <translation>Queue konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>New Queue</source>
        <translation>Neue Queue</translation>
    </message>
    <message>
        <source>Edit Queue</source>
        <translation>Queue bearbeiten</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Parallelism:</source>
        <translation>&amp;Parallelität:</translation>
    </message>
    <message>
        <source>&amp;Paused</source>
        <translation>&amp;Pausiert</translation>
    </message>
    <message>
        <source>Parallelism is how many of the queue&apos;s messages may be in flight at once; 1 delivers strictly in order.</source>
        <translation>Die Parallelität gibt an, wie viele Nachrichten der Queue gleichzeitig unterwegs sein dürfen; 1 stellt streng der Reihe nach zu.</translation>
    </message>
    <message>
        <source>A queue name uses only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Ein Queue-Name besteht nur aus Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;.</translation>
    </message>
    <message>
        <source>Delete Queue</source>
        <translation>Queue löschen</translation>
    </message>
    <message>
        <source>Delete the queue %1? Its waiting messages stay in the log.</source>
        <translation>Die Queue %1 löschen? Ihre wartenden Nachrichten bleiben im Protokoll.</translation>
    </message>
</context>
<context>
    <name>Dashboard::ScheduleDialog</name>
    <message>
        <source>New Schedule</source>
        <translation>Neuer Zeitplan</translation>
    </message>
    <message>
        <source>Edit Schedule</source>
        <translation>Zeitplan bearbeiten</translation>
    </message>
    <message>
        <source>optional — the broker picks one</source>
        <translation>optional — der Broker wählt eine</translation>
    </message>
    <message>
        <source>Schedule &amp;id:</source>
        <translation>Zeitplan-&amp;ID:</translation>
    </message>
    <message>
        <source>https://… or a URL group name</source>
        <translation>https://… oder der Name einer URL-Gruppe</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>&amp;Cron:</source>
        <translation>&amp;Cron:</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation>&amp;Header:</translation>
    </message>
    <message>
        <source>&amp;Body:</source>
        <translation>&amp;Inhalt:</translation>
    </message>
    <message>
        <source>optional — enqueue each message</source>
        <translation>optional — jede Nachricht einreihen</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>&amp;Queue:</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>&amp;Retries:</source>
        <translation>&amp;Wiederholungen:</translation>
    </message>
    <message>
        <source>none — or e.g. 30s</source>
        <translation>keine — oder z. B. 30s</translation>
    </message>
    <message>
        <source>De&amp;lay:</source>
        <translation>&amp;Verzögerung:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Call&amp;back:</source>
        <translation>Call&amp;back:</translation>
    </message>
    <message>
        <source>&amp;Failure callback:</source>
        <translation>&amp;Fehler-Callback:</translation>
    </message>
    <message>
        <source>Five fields: minute hour day-of-month month day-of-week, optionally prefixed with CRON_TZ=&amp;lt;zone&amp;gt;.</source>
        <translation>Fünf Felder: Minute Stunde Tag-im-Monat Monat Wochentag, optional mit vorangestelltem CRON_TZ=&amp;lt;Zone&amp;gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br/&gt;Next: %2</source>
        <extracomment>%1 is the cron in words, %2 the next fire times</extracomment>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br/&gt;Nächste: %2</translation>
    </message>
    <message>
        <source>Fix the cron expression first.</source>
        <translation>Korrigieren Sie zuerst den Cron-Ausdruck.</translation>
    </message>
    <message>
        <source>The broker is not running.</source>
        <translation>Der Broker läuft nicht.</translation>
    </message>
    <message>
        <source>The broker refused the schedule: %1</source>
        <translation>Der Broker hat den Zeitplan abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>Dashboard::ScheduleModel</name>
    <message>
        <source>invalid: %1</source>
        <extracomment>Description of a cron expression that does not parse; %1 is the reason</extracomment>
        <translation>ungültig: %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <extracomment>Schedule state</extracomment>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Schedule</source>
        <extracomment>Schedules table column</extracomment>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Cron</source>
        <extracomment>Schedules table column</extracomment>
        <translation>Cron</translation>
    </message>
    <message>
        <source>Runs</source>
        <extracomment>Schedules table column: the cron in words</extracomment>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Destination</source>
        <extracomment>Schedules table column</extracomment>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>State</source>
        <extracomment>Schedules table column</extracomment>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Next run</source>
        <extracomment>Schedules table column</extracomment>
        <translation>Nächster Lauf</translation>
    </message>
    <message>
        <source>Last run</source>
        <extracomment>Schedules table column</extracomment>
        <translation>Letzter Lauf</translation>
    </message>
</context>
<context>
    <name>Dashboard::SchedulesPage</name>
    <message>
        <source>Schedules</source>
        <extracomment>Page title</extracomment>
        <translation>Zeitpläne</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No schedules yet&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A schedule publishes a message on a cron, e.g. &lt;code&gt;*/5 * * * *&lt;/code&gt; for every five minutes. Create one with &lt;i&gt;New Schedule…&lt;/i&gt; or the SDK&apos;s &lt;code&gt;schedules.create()&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Noch keine Zeitpläne&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ein Zeitplan veröffentlicht eine Nachricht nach einem Cron-Ausdruck, z. B. &lt;code&gt;*/5 * * * *&lt;/code&gt; für alle fünf Minuten. Legen Sie einen mit &lt;i&gt;Neuer Zeitplan…&lt;/i&gt; an oder mit &lt;code&gt;schedules.create()&lt;/code&gt; aus dem SDK.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New Schedule…</source>
        <extracomment>Schedules page actions</extracomment>
        <translation>Neuer Zeitplan…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Trigger Now</source>
        <translation>Jetzt auslösen</translation>
    </message>
    <message>
        <source>Publish the schedule&apos;s message once, now</source>
        <translation>Die Nachricht des Zeitplans jetzt einmal veröffentlichen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Cron</source>
        <translation>Cron</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <source>Would run next</source>
        <translation>Würde als Nächstes laufen</translation>
    </message>
    <message>
        <source>Next runs</source>
        <translation>Nächste Läufe</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>The API did not describe this schedule: %1</source>
        <translation>Die API hat diesen Zeitplan nicht beschrieben: %1</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <source>Paused schedule %1.</source>
        <translation>Zeitplan %1 pausiert.</translation>
    </message>
    <message>
        <source>Resumed schedule %1.</source>
        <translation>Zeitplan %1 fortgesetzt.</translation>
    </message>
    <message>
        <source>Could not change the schedule: %1</source>
        <translation>Zeitplan konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>Deleted schedule %1.</source>
        <translation>Zeitplan %1 gelöscht.</translation>
    </message>
    <message>
        <source>Could not delete the schedule: %1</source>
        <translation>Zeitplan konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Could not read the schedule: %1</source>
        <translation>Zeitplan konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Triggered %1: sent %2.</source>
        <extracomment>%1 schedule id, %2 message ids</extracomment>
        <translation>%1 ausgelöst: %2 gesendet.</translation>
    </message>
    <message>
        <source>Could not trigger the schedule: %1</source>
        <translation>Zeitplan konnte nicht ausgelöst werden: %1</translation>
    </message>
    <message>
        <source>Created schedule %1.</source>
        <translation>Zeitplan %1 angelegt.</translation>
    </message>
    <message>
        <source>Saved schedule %1.</source>
        <translation>Zeitplan %1 gespeichert.</translation>
    </message>
    <message>
        <source>Delete Schedule</source>
        <translation>Zeitplan löschen</translation>
    </message>
    <message>
        <source>Delete the schedule %1? Messages it already sent are not affected.</source>
        <translation>Den Zeitplan %1 löschen? Bereits gesendete Nachrichten sind nicht betroffen.</translation>
    </message>
</context>
<context>
    <name>Dashboard::SettingsPage</name>
    <message>
        <source>Settings</source>
        <extracomment>Page title</extracomment>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>The broker is not running: settings cannot be saved.</source>
        <translation>Der Broker läuft nicht: Die Einstellungen können nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Some saved settings were invalid and their defaults are used instead (%1): %2</source>
        <extracomment>%1 is the settings file&apos;s path, %2 the list of problems</extracomment>
        <translation>Einige gespeicherte Einstellungen waren ungültig; stattdessen gelten ihre Standardwerte (%1): %2</translation>
    </message>
    <message>
        <source>Takes effect after restart</source>
        <extracomment>Next to a setting that was changed but only applies at the next start</extracomment>
        <translation>Wird nach einem Neustart wirksam</translation>
    </message>
    <message>
        <source>A duration such as 30s, 15m, 2h or 7d</source>
        <extracomment>Tool tip of a duration field</extracomment>
        <translation>Eine Dauer wie 30s, 15m, 2h oder 7d</translation>
    </message>
    <message>
        <source>Server</source>
        <extracomment>Settings group: where the broker listens</extracomment>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>&amp;Bind-Adresse:</translation>
    </message>
    <message>
        <source>Not a loopback address: other machines can reach the broker, and anyone with the token can publish.</source>
        <translation>Keine Loopback-Adresse: Andere Rechner können den Broker erreichen, und jeder mit dem Token kann veröffentlichen.</translation>
    </message>
    <message>
        <source>Any free port</source>
        <extracomment>Port 0 in the port field</extracomment>
        <translation>Beliebiger freier Port</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Takes effect after a restart. SDK dev mode (QSTASH_DEV=true) expects 127.0.0.1 and port 8080.</source>
        <translation>Wird nach einem Neustart wirksam. Der Dev-Modus der SDKs (QSTASH_DEV=true) erwartet 127.0.0.1 und Port 8080.</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Show</source>
        <extracomment>Toggle button: reveal the masked token</extracomment>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Copy</source>
        <extracomment>Button next to the token</extracomment>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the token to the clipboard</source>
        <translation>Das Token in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Generate New Token</source>
        <translation>Neues Token erzeugen</translation>
    </message>
    <message>
        <source>A random token (32 random bytes, base64)</source>
        <translation>Ein zufälliges Token (32 Zufallsbytes, Base64)</translation>
    </message>
    <message>
        <source>Reset to Dev-Server Credentials</source>
        <translation>Auf Zugangsdaten des Dev-Servers zurücksetzen</translation>
    </message>
    <message>
        <source>The token of `qstash-cli dev`, which SDK dev mode (QSTASH_DEV=true) uses</source>
        <translation>Das Token von `qstash-cli dev`, das der Dev-Modus der SDKs (QSTASH_DEV=true) verwendet</translation>
    </message>
    <message>
        <source>Current signing key:</source>
        <translation>Aktueller Signaturschlüssel:</translation>
    </message>
    <message>
        <source>Rotate Keys…</source>
        <translation>Schlüssel rotieren…</translation>
    </message>
    <message>
        <source>Next signing key:</source>
        <translation>Nächster Signaturschlüssel:</translation>
    </message>
    <message>
        <source>A new token takes effect after a restart. Receivers verify signatures with the signing keys; rotating makes the next key current and draws a new next key, at once.</source>
        <translation>Ein neues Token wird nach einem Neustart wirksam. Empfänger prüfen Signaturen mit den Signaturschlüsseln; Rotieren macht sofort den nächsten Schlüssel zum aktuellen und erzeugt einen neuen nächsten.</translation>
    </message>
    <message>
        <source>Limits</source>
        <extracomment>Settings group: limits on what the API accepts</extracomment>
        <translation>Grenzen</translation>
    </message>
    <message>
        <source> KiB</source>
        <extracomment>Unit suffix of the message size field</extracomment>
        <translation> KiB</translation>
    </message>
    <message>
        <source>Max message &amp;size:</source>
        <translation>&amp;Max. Nachrichtengröße:</translation>
    </message>
    <message>
        <source>&amp;Default retries:</source>
        <translation>&amp;Standard-Wiederholungen:</translation>
    </message>
    <message>
        <source>Max de&amp;lay:</source>
        <translation>Max. Ver&amp;zögerung:</translation>
    </message>
    <message>
        <source>Deduplication &amp;window:</source>
        <translation>Deduplizierungs&amp;fenster:</translation>
    </message>
    <message>
        <source>&amp;In flight per destination:</source>
        <translation>&amp;Gleichzeitig je Ziel:</translation>
    </message>
    <message>
        <source>Take effect after a restart. Defaults follow QStash&apos;s free plan; retries and timeout apply when a message does not ask for its own.</source>
        <translation>Werden nach einem Neustart wirksam. Die Standardwerte folgen dem kostenlosen QStash-Tarif; Wiederholungen und Zeitlimit gelten, wenn eine Nachricht keine eigenen angibt.</translation>
    </message>
    <message>
        <source>Durability</source>
        <translation>Dauerhaftigkeit</translation>
    </message>
    <message>
        <source>&amp;Normal: survives a crash of LocalStash</source>
        <translation>&amp;Normal: übersteht einen Absturz von LocalStash</translation>
    </message>
    <message>
        <source>Applies immediately.</source>
        <translation>Wird sofort wirksam.</translation>
    </message>
    <message>
        <source>Retention</source>
        <extracomment>Settings group: how long finished messages are kept</extracomment>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <source>Keep forever</source>
        <extracomment>Retention of 0 days</extracomment>
        <translation>Für immer behalten</translation>
    </message>
    <message>
        <source> days</source>
        <extracomment>Unit suffix of the retention field</extracomment>
        <translation> Tage</translation>
    </message>
    <message>
        <source>&amp;Keep for:</source>
        <translation>Aufbewahrungsdau&amp;er:</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <extracomment>Retention of at most 0 (= any number of) messages</extracomment>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>Finished messages and dead letters beyond these are removed, the oldest first. Applies immediately.</source>
        <translation>Abgeschlossene Nachrichten und Dead Letters darüber hinaus werden entfernt, die ältesten zuerst. Wird sofort wirksam.</translation>
    </message>
    <message>
        <source>Time Scale</source>
        <translation>Zeitfaktor</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <extracomment>Language choice: follow the system&apos;s language</extracomment>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Takes effect after a restart.</source>
        <translation>Wird nach einem Neustart wirksam.</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <source>Saved in %1</source>
        <extracomment>%1 is the settings file&apos;s path</extracomment>
        <translation>Gespeichert in %1</translation>
    </message>
    <message>
        <source>(nowhere: no data directory)</source>
        <translation>(nirgends: kein Datenverzeichnis)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Back to the saved settings</source>
        <translation>Zurück zu den gespeicherten Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>The bind address must be an IP address, such as 127.0.0.1 or ::1.</source>
        <translation>Die Bind-Adresse muss eine IP-Adresse sein, etwa 127.0.0.1 oder ::1.</translation>
    </message>
    <message>
        <source>The token must not be empty, and may hold only printable ASCII characters without spaces.</source>
        <translation>Das Token darf nicht leer sein und nur druckbare ASCII-Zeichen ohne Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>Default retries cannot be more than max retries.</source>
        <translation>Die Standard-Wiederholungen dürfen die maximalen Wiederholungen nicht übersteigen.</translation>
    </message>
    <message>
        <source>%1 must be a duration from %2 to %3, such as 90s, 15m or 7d.</source>
        <extracomment>%1 is a setting&apos;s name, %2 and %3 durations such as 1s and 3650d</extracomment>
        <translation>%1 muss eine Dauer von %2 bis %3 sein, etwa 90s, 15m oder 7d.</translation>
    </message>
    <message>
        <source>Max delay</source>
        <translation>Die maximale Verzögerung</translation>
    </message>
    <message>
        <source>Default timeout</source>
        <translation>Das Standard-Zeitlimit</translation>
    </message>
    <message>
        <source>The deduplication window</source>
        <translation>Das Deduplizierungsfenster</translation>
    </message>
    <message>
        <source>Some saved settings take effect after a restart.</source>
        <translation>Einige gespeicherte Einstellungen werden erst nach einem Neustart wirksam.</translation>
    </message>
    <message>
        <source>Some saved settings take effect after a restart. Restart LocalStash to apply them.</source>
        <translation>Einige gespeicherte Einstellungen werden erst nach einem Neustart wirksam. Starten Sie LocalStash neu, um sie anzuwenden.</translation>
    </message>
    <message>
        <source>Delays and retry waits run in real time. A smaller factor plays a retry schedule of minutes out in seconds.</source>
        <translation>Verzögerungen und Wartezeiten vor Wiederholungen laufen in Echtzeit. Ein kleinerer Faktor lässt einen Wiederholungsplan von Minuten in Sekunden ablaufen.</translation>
    </message>
    <message>
        <source>Delays and retry waits are multiplied by %1: the first retry after 12s comes after %2, a 1h delay takes %3. Applies to waits that start after the change, immediately.</source>
        <extracomment>%1 is a factor such as 0.01; %2 and %3 are scaled durations such as 120ms and 36s</extracomment>
        <translation>Verzögerungen und Wartezeiten vor Wiederholungen werden mit %1 multipliziert: Die erste Wiederholung nach 12s kommt nach %2, eine Verzögerung von 1h dauert %3. Gilt sofort für Wartezeiten, die nach der Änderung beginnen.</translation>
    </message>
    <message>
        <source>This run uses %1 from the command line, which wins over this setting.</source>
        <extracomment>%1 is a command-line option with its value, such as &quot;--port 9000&quot;</extracomment>
        <translation>Dieser Start verwendet %1 von der Kommandozeile, das Vorrang vor dieser Einstellung hat.</translation>
    </message>
    <message>
        <source>Could not save the settings: %1</source>
        <extracomment>%1 is the reason, e.g. &quot;cannot write /path/localstash.ini (access denied)&quot;</extracomment>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>Settings saved, but the durability mode could not be changed while running; it applies at the next start.</source>
        <translation>Einstellungen gespeichert, aber der Dauerhaftigkeitsmodus ließ sich im laufenden Betrieb nicht ändern; er gilt beim nächsten Start.</translation>
    </message>
    <message>
        <source>Settings saved and applied.</source>
        <translation>Einstellungen gespeichert und angewendet.</translation>
    </message>
    <message>
        <source>Deliveries will be signed with the next key, and a new next key is drawn. Give your receivers the new QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY, or they will reject what they receive once they no longer know the signing key.</source>
        <translation>Zustellungen werden mit dem nächsten Schlüssel signiert, und ein neuer nächster Schlüssel wird erzeugt. Geben Sie Ihren Empfängern die neuen Werte für QSTASH_CURRENT_SIGNING_KEY und QSTASH_NEXT_SIGNING_KEY, sonst lehnen sie Zustellungen ab, sobald sie den Signaturschlüssel nicht mehr kennen.</translation>
    </message>
    <message>
        <source>SDK dev mode (QSTASH_DEV=true) only recognises the dev server&apos;s keys: after rotating, it no longer adopts this broker.</source>
        <translation>Der Dev-Modus der SDKs (QSTASH_DEV=true) erkennt nur die Schlüssel des Dev-Servers: Nach dem Rotieren verwendet er diesen Broker nicht mehr.</translation>
    </message>
    <message>
        <source>Rotate Signing Keys</source>
        <translation>Signaturschlüssel rotieren</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Rotieren</translation>
    </message>
    <message>
        <source>Signing keys rotated. Update the keys in your receivers&apos; environment.</source>
        <translation>Signaturschlüssel rotiert. Aktualisieren Sie die Schlüssel in der Umgebung Ihrer Empfänger.</translation>
    </message>
    <message>
        <source>Could not rotate the keys: %1</source>
        <translation>Die Schlüssel konnten nicht rotiert werden: %1</translation>
    </message>
    <message>
        <source>Copied the token to the clipboard.</source>
        <translation>Das Token wurde in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>The token is the dev server&apos;s again; apply and restart to use it.</source>
        <translation>Das Token ist wieder das des Dev-Servers; übernehmen Sie es und starten Sie neu, um es zu verwenden.</translation>
    </message>
    <message>
        <source>Ma&amp;x retries:</source>
        <translation>Max. &amp;Wiederholungen:</translation>
    </message>
    <message>
        <source>Default time&amp;out:</source>
        <translation>Standard-Zeit&amp;limit:</translation>
    </message>
    <message>
        <source>F&amp;ull: also survives a power loss (slower writes)</source>
        <translation>V&amp;ollständig: übersteht auch einen Stromausfall (langsameres Schreiben)</translation>
    </message>
    <message>
        <source>At &amp;most:</source>
        <translation>Hö&amp;chstens:</translation>
    </message>
    <message>
        <source>Multipl&amp;y waits by:</source>
        <translation>Wartezeiten multiplizieren m&amp;it:</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
    <message>
        <source>Reset Signing Keys</source>
        <translation>Signaturschlüssel zurücksetzen</translation>
    </message>
    <message>
        <source>Deliveries will be signed with the dev server&apos;s keys from now on, which SDK dev mode (QSTASH_DEV=true) expects. Receivers configured with the current keys reject them until they get the dev keys.</source>
        <translation>Zustellungen werden ab jetzt mit den Schlüsseln des Dev-Servers signiert, die der SDK-Dev-Modus (QSTASH_DEV=true) erwartet. Empfänger, die mit den aktuellen Schlüsseln eingerichtet sind, lehnen sie ab, bis sie die Dev-Schlüssel erhalten.</translation>
    </message>
    <message>
        <source>Reset Keys</source>
        <translation>Schlüssel zurücksetzen</translation>
    </message>
    <message>
        <source>The token is the dev server&apos;s again; apply and restart to use it. The signing keys were left as they are.</source>
        <translation>Das Token ist wieder das des Dev-Servers; übernehmen und neu starten, um es zu verwenden. Die Signaturschlüssel bleiben unverändert.</translation>
    </message>
    <message>
        <source>The signing keys are the dev server&apos;s again. The token is too once you apply and restart.</source>
        <translation>Die Signaturschlüssel sind wieder die des Dev-Servers. Das Token ebenso, sobald Sie übernehmen und neu starten.</translation>
    </message>
    <message>
        <source>Could not reset the signing keys: %1</source>
        <translation>Die Signaturschlüssel konnten nicht zurückgesetzt werden: %1</translation>
    </message>
</context>
<context>
    <name>Dashboard::ThroughputChart</name>
    <message>
        <source>Deliveries/s</source>
        <extracomment>Chart series: successful deliveries per second</extracomment>
        <translation>Zustellungen/s</translation>
    </message>
    <message>
        <source>Failures/s</source>
        <extracomment>Chart series: messages that failed for good, per second</extracomment>
        <translation>Fehler/s</translation>
    </message>
    <message>
        <source>Backlog</source>
        <extracomment>Chart series: messages waiting or in flight</extracomment>
        <translation>Rückstau</translation>
    </message>
    <message>
        <source>per second</source>
        <extracomment>Chart axis title</extracomment>
        <translation>pro Sekunde</translation>
    </message>
    <message>
        <source>backlog</source>
        <extracomment>Chart axis title</extracomment>
        <translation>Rückstau</translation>
    </message>
</context>
<context>
    <name>Dashboard::TrayIcon</name>
    <message>
        <source>Show Dashboard</source>
        <extracomment>Tray menu</extracomment>
        <translation>Dashboard anzeigen</translation>
    </message>
    <message>
        <source>Send Message…</source>
        <translation>Nachricht senden…</translation>
    </message>
    <message>
        <source>Quit LocalStash</source>
        <translation>LocalStash beenden</translation>
    </message>
    <message>
        <source>LocalStash</source>
        <translation>LocalStash</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <extracomment>Tray tool tip line; %1 is a URL</extracomment>
        <translation>Erreichbar unter %1</translation>
    </message>
    <message>
        <source>%1 waiting, %2 failed</source>
        <extracomment>Tray tool tip line; %1 and %2 are numbers</extracomment>
        <translation>%1 wartend, %2 fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Dashboard::UrlGroupModel</name>
    <message>
        <source>Name</source>
        <extracomment>URL groups table column</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <extracomment>URL groups table column: number of endpoints</extracomment>
        <translation>Endpunkte</translation>
    </message>
    <message>
        <source>Updated</source>
        <extracomment>URL groups table column</extracomment>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>Dashboard::UrlGroupsPage</name>
    <message>
        <source>URL Groups</source>
        <extracomment>Page title</extracomment>
        <translation>URL-Gruppen</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No URL groups yet&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A URL group fans a message out to all its endpoints. Create one with &lt;i&gt;New Group…&lt;/i&gt;, or publish with the SDK&apos;s &lt;code&gt;urlGroups.addEndpoints()&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Noch keine URL-Gruppen&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Eine URL-Gruppe verteilt eine Nachricht an alle ihre Endpunkte. Legen Sie eine mit &lt;i&gt;Neue Gruppe…&lt;/i&gt; an oder mit &lt;code&gt;urlGroups.addEndpoints()&lt;/code&gt; aus dem SDK.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New Group…</source>
        <extracomment>URL groups page actions</extracomment>
        <translation>Neue Gruppe…</translation>
    </message>
    <message>
        <source>Add Endpoint…</source>
        <translation>Endpunkt hinzufügen…</translation>
    </message>
    <message>
        <source>Remove Endpoint</source>
        <translation>Endpunkt entfernen</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Delete Group</source>
        <translation>Gruppe löschen</translation>
    </message>
    <message>
        <source>Publish Test Message…</source>
        <translation>Testnachricht veröffentlichen…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Select a group to see its endpoints.</source>
        <extracomment>Above the endpoint table; %1 is a URL group name</extracomment>
        <translation>Wählen Sie eine Gruppe, um ihre Endpunkte zu sehen.</translation>
    </message>
    <message>
        <source>Endpoints of &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Endpunkte von &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Added %1 to %2.</source>
        <translation>%1 zu %2 hinzugefügt.</translation>
    </message>
    <message>
        <source>Could not add the endpoint: %1</source>
        <translation>Endpunkt konnte nicht hinzugefügt werden: %1</translation>
    </message>
    <message>
        <source>Removed %1 from %2.</source>
        <translation>%1 aus %2 entfernt.</translation>
    </message>
    <message>
        <source>Could not remove the endpoint: %1</source>
        <translation>Endpunkt konnte nicht entfernt werden: %1</translation>
    </message>
    <message>
        <source>Could not rename: %1</source>
        <translation>Umbenennen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Renamed %1 to %2.</source>
        <translation>%1 in %2 umbenannt.</translation>
    </message>
    <message>
        <source>Created %1, but could not delete %2: %3</source>
        <translation>%1 angelegt, aber %2 konnte nicht gelöscht werden: %3</translation>
    </message>
    <message>
        <source>Deleted URL group %1.</source>
        <translation>URL-Gruppe %1 gelöscht.</translation>
    </message>
    <message>
        <source>Could not delete the group: %1</source>
        <translation>Gruppe konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>New URL Group</source>
        <translation>Neue URL-Gruppe</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>First &amp;endpoint:</source>
        <translation>Erster &amp;Endpunkt:</translation>
    </message>
    <message>
        <source>Endpoint n&amp;ame:</source>
        <translation>Endpunkt-N&amp;ame:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>A group name uses only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Ein Gruppenname besteht nur aus Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos;.</translation>
    </message>
    <message>
        <source>The endpoint must start with http:// or https://.</source>
        <translation>Der Endpunkt muss mit http:// oder https:// beginnen.</translation>
    </message>
    <message>
        <source>Add Endpoint to %1</source>
        <extracomment>%1 is a URL group name</extracomment>
        <translation>Endpunkt zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Rename URL Group</source>
        <translation>URL-Gruppe umbenennen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>New &amp;name:</source>
        <translation>Neuer &amp;Name:</translation>
    </message>
    <message>
        <source>Messages already published keep the old name in the log.</source>
        <translation>Bereits veröffentlichte Nachrichten behalten im Protokoll den alten Namen.</translation>
    </message>
    <message>
        <source>Enter a different name.</source>
        <translation>Geben Sie einen anderen Namen ein.</translation>
    </message>
    <message>
        <source>Delete URL Group</source>
        <translation>URL-Gruppe löschen</translation>
    </message>
    <message>
        <source>Delete the URL group %1 and all its endpoints? Messages already published are not affected.</source>
        <translation>Die URL-Gruppe %1 mit allen Endpunkten löschen? Bereits veröffentlichte Nachrichten sind nicht betroffen.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Published: %1</source>
        <extracomment>%1 is a list of message ids</extracomment>
        <translation>Veröffentlicht: %1</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <source>Copied %1 to the clipboard</source>
        <extracomment>Status bar; %1 is a variable name (QSTASH_TOKEN…) or &quot;env block&quot;</extracomment>
        <translation>%1 in die Zwischenablage kopiert</translation>
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
</context>
</TS>

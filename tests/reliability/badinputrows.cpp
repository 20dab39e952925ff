#include "badinputrows.h"

#include "rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Reliability {

QList<Row> badInputRows(const RowContext &ctx)
{
    QList<Row> rows;

    const QByteArray &sinkUrl = ctx.sinkUrl;
    const QByteArray pubTarget = "/v2/publish/" + sinkUrl;
    const auto add = [&rows](Row row) { rows.append(std::move(row)); };
    const auto pub = [&](const char *name, RawHeaders headers, const char *error,
                         int status = 400) {
        add(Row(name, "POST", pubTarget, std::move(headers), "x", true, status,
                QString::fromLatin1(error)));
    };
    const auto body = [&](const char *name, const char *method, const QByteArray &target,
                          const QByteArray &payload, const char *error, int status = 400) {
        add(Row(name, method, target, {}, payload, true, status, QString::fromLatin1(error)));
    };
    const auto get = [&](const char *name, const char *method, const QByteArray &target,
                         const char *error, int status = 400) {
        add(Row(name, method, target, {}, {}, true, status, QString::fromLatin1(error)));
    };

    // --- Publish headers: negative, overflowing, non-numeric, out of range ---
    struct HeaderCase
    {
        const char *header;
        const char *value;
    };
    const HeaderCase headerCases[] = {{"Upstash-Retries", "-1"},
                                      {"Upstash-Retries", "abc"},
                                      {"Upstash-Retries", "99999999999"},
                                      {"Upstash-Retries", "21"},
                                      {"Upstash-Retries", "1.5"},
                                      {"Upstash-Retries", "0x10"},
                                      {"Upstash-Delay", "-5s"},
                                      {"Upstash-Delay", "abc"},
                                      {"Upstash-Delay", "10x"},
                                      {"Upstash-Delay", "99999999999999999999d"},
                                      {"Upstash-Delay", "2y"},
                                      {"Upstash-Delay", "400d"},
                                      {"Upstash-Delay", "s"},
                                      {"Upstash-Timeout", "0"},
                                      {"Upstash-Timeout", "-1"},
                                      {"Upstash-Timeout", "abc"},
                                      {"Upstash-Timeout", "3h"},
                                      {"Upstash-Timeout", "1e999"},
                                      {"Upstash-Not-Before", "-1"},
                                      {"Upstash-Not-Before", "abc"},
                                      {"Upstash-Not-Before", "99999999999999999999"},
                                      {"Upstash-Not-Before", "1099511627777"},
                                      {"Upstash-Not-Before", "1.5"},
                                      {"Upstash-Method", "FOO"},
                                      {"Upstash-Method", "CONNECT"},
                                      {"Upstash-Method", "GET POST"},
                                      {"Upstash-Callback", "ftp://example.com/cb"},
                                      {"Upstash-Callback", "not a url"},
                                      {"Upstash-Callback", "http://"},
                                      {"Upstash-Callback", "javascript:alert(1)"},
                                      {"Upstash-Failure-Callback", "file:///etc/passwd"},
                                      {"Upstash-Failure-Callback", "http://exa mple.com/"},
                                      {"Upstash-Callback-Method", "BREW"},
                                      {"Upstash-Failure-Callback-Method", "x"},
                                      {"Upstash-Callback-Retries", "-3"},
                                      {"Upstash-Failure-Callback-Retries", "many"},
                                      {"Upstash-Callback-Timeout", "0s"},
                                      {"Upstash-Failure-Callback-Timeout", "forever"},
                                      {"Upstash-Callback-Delay", "-1m"},
                                      {"Upstash-Failure-Callback-Delay", "1w"},
                                      {"Upstash-Header-Forward", "maybe"},
                                      {"Upstash-Content-Based-Deduplication", "yes"},
                                      {"Upstash-Flow-Control-Key", ""},
                                      {"Upstash-Redact-Fields", "bodyy"},
                                      {"Upstash-Redact-Fields", "header[]"},
                                      {"Upstash-Redact-Fields", "body, passwords"},
                                      {"Upstash-Forward-", "empty-name"},
                                      {"Upstash-Deduplication-Id", ""}};
    for (const HeaderCase &c : headerCases) {
        const QByteArray name = QByteArray("header ") + c.header + "='" + c.value + '\'';
        add(Row(name, "POST", pubTarget, {{c.header, c.value}}, "x", true, 400,
                QStringLiteral("invalid %1 header value").arg(QLatin1String(c.header))));
    }
    pub("dedup id 513 chars", {{"Upstash-Deduplication-Id", QByteArray(513, 'd')}},
        "invalid Upstash-Deduplication-Id header value");
    pub("header invalid utf-8 retries", {{"Upstash-Retries", "\xff\xfe"}},
        "invalid Upstash-Retries header value");
    pub("header invalid utf-8 delay", {{"Upstash-Delay", "1\xc3("}},
        "invalid Upstash-Delay header value");
    pub("cron on publish", {{"Upstash-Cron", "* * * * *"}}, "not on publish");
    const char *flowValues[] = {"parallelism=0", "parallelism=-1",  "parallelism=abc",
                                "rate=0",        "period=0s",       "period=2w",
                                "foo=1",         "rate=99999999999"};
    for (const char *v : flowValues)
        pub(qPrintable(QStringLiteral("flow value %1").arg(QLatin1String(v))),
            {{"Upstash-Flow-Control-Key", "k"}, {"Upstash-Flow-Control-Value", v}},
            "invalid Upstash-Flow-Control-Value header value");
    pub("flow value without key", {{"Upstash-Flow-Control-Value", "parallelism=1"}},
        "needs Upstash-Flow-Control-Key");
    // The same checks through `upstash-*` query parameters (webhook senders).
    get("query upstash-retries=-1", "POST", pubTarget + "?upstash-retries=-1",
        "invalid upstash-retries header value");
    get("query Upstash-Delay=%zz", "POST", pubTarget + "?Upstash-Delay=%zz",
        "invalid Upstash-Delay header value");
    get("query upstash-method=nope", "POST", pubTarget + "?a=1&upstash-method=nope",
        "invalid upstash-method header value");

    // --- Retry-delay expressions ---
    const QByteArray retryDelays[] = {"",
                                      "retried +",
                                      "pow(2)",
                                      "foo(1)",
                                      "1/",
                                      "retried ** 2",
                                      "min(1)",
                                      "1 2",
                                      "(1",
                                      "1)",
                                      "--",
                                      "sqrt()",
                                      "max(,)",
                                      "\xff",
                                      "1.",
                                      ".5",
                                      "retried; DROP TABLE messages",
                                      "pow(2,3,4)",
                                      "RETRIED",
                                      QByteArray(40, '(') + '1' + QByteArray(40, ')'),
                                      "1" + QByteArray(300, '+').replace("+", "+1")};
    int i = 0;
    for (const QByteArray &expr : retryDelays) {
        pub(qPrintable(QStringLiteral("retry delay #%1").arg(i++)), {{"Upstash-Retry-Delay", expr}},
            "invalid Upstash-Retry-Delay header value");
    }
    pub("callback retry delay", {{"Upstash-Callback-Retry-Delay", "pow("}},
        "invalid Upstash-Callback-Retry-Delay header value");

    // --- Destinations ---
    struct DestCase
    {
        const char *dest;
        const char *error;
        int status;
    };
    const DestCase dests[] = {{"", "missing destination", 400},
                              {"ftp://example.com/x", "invalid scheme", 400},
                              {"javascript:alert(1)", "invalid scheme", 400},
                              {"file:///etc/passwd", "invalid scheme", 400},
                              {"mailto:a@example.com", "invalid scheme", 400},
                              {"http://", "invalid destination url", 400},
                              {"https:///path-only", "invalid destination url", 400},
                              {"http://exa%20mple.com/", "invalid destination url", 400},
                              {"http://example.com:99999/x", "invalid destination url", 400},
                              {"http://example.com:-1/x", "invalid destination url", 400},
                              {"http://[::1/x", "invalid destination url", 400},
                              {"http://ex%00ample.com/", "invalid destination url", 400},
                              {"bad!name", "invalid destination", 400},
                              {"group%20name", "invalid destination", 400},
                              {"no-such-group", "URL group no-such-group not found", 404},
                              {"%FFgroup", "invalid destination", 400}};
    for (const DestCase &d : dests)
        add(Row(QByteArray("destination '") + d.dest + '\'', "POST",
                QByteArray("/v2/publish/") + d.dest, {}, "x", true, d.status,
                QString::fromLatin1(d.error)));
    add(Row("destination raw invalid utf-8 url", "POST", "/v2/publish/" + sinkUrl + "/\xff\xfe", {},
            "x", true, 400, QStringLiteral("invalid destination url: not valid UTF-8")));
    add(Row("callback raw invalid utf-8", "POST", pubTarget,
            {{"Upstash-Callback", "http://127.0.0.1/\xff"}}, "x", true, 400,
            QStringLiteral("invalid Upstash-Callback header value")));
    add(Row("destination raw invalid utf-8 group", "POST", "/v2/publish/\xff\xfegroup", {}, "x",
            true, 400, QStringLiteral("invalid destination")));
    add(Row("enqueue invalid queue name", "POST", "/v2/enqueue/bad%20q/" + sinkUrl, {}, "x", true,
            400, QStringLiteral("invalid queue name")));
    add(Row("enqueue invalid utf-8 queue name", "POST", "/v2/enqueue/\xff/" + sinkUrl, {}, "x",
            true, 400, QStringLiteral("invalid queue name")));
    add(Row("enqueue bad destination", "POST", "/v2/enqueue/q1/ftp://x", {}, "x", true, 400,
            QStringLiteral("invalid scheme")));
    add(Row("enqueue bad header", "POST", "/v2/enqueue/q1/" + sinkUrl, {{"Upstash-Retries", "-2"}},
            "x", true, 400, QStringLiteral("invalid Upstash-Retries header value")));

    // --- Authentication ---
    const QByteArray &token = ctx.token;
    const QByteArray authValues[] = {"",
                                     "Bearer",
                                     "Bearer ",
                                     "Bearer wrong",
                                     "Bearer " + token + "x",
                                     "Bearer " + token.left(token.size() - 1),
                                     "Basic " + token,
                                     "Token " + token,
                                     "Bearer " + token.toLower(),
                                     "Bearer\t" + token + "\xff",
                                     "Bearer " + QByteArray(10000, 'A')};
    i = 0;
    for (const QByteArray &value : authValues) {
        RawHeaders h;
        if (!value.isEmpty())
            h.append({"Authorization", value});
        add(Row(QByteArray("auth #") + QByteArray::number(i++), "GET", "/v2/keys", h, {}, false,
                401, QStringLiteral("Unauthorized")));
    }
    add(Row("auth two headers", "GET", "/v2/keys",
            {{"Authorization", "Bearer " + token}, {"Authorization", "Bearer x"}}, {}, false, 401,
            QStringLiteral("Unauthorized")));
    add(Row("auth token in other header", "GET", "/v2/keys", {{"X-Qstash-Token", token}}, {}, false,
            401, QStringLiteral("Unauthorized")));
    add(Row("auth wrong query token", "GET", "/v2/keys?qstash_token=nope", {}, {}, false, 401,
            QStringLiteral("Unauthorized")));
    add(Row("auth empty query token", "GET", "/v2/keys?qstash_token=", {}, {}, false, 401,
            QStringLiteral("Unauthorized")));
    const QByteArray authRoutes[][2] = {{"POST", pubTarget},         {"POST", "/v2/batch"},
                                        {"GET", "/v2/events"},       {"GET", "/v2/dlq"},
                                        {"DELETE", "/v2/messages"},  {"POST", "/v2/keys/rotate"},
                                        {"GET", "/v2/schedules"},    {"DELETE", "/v2/queues/q1"},
                                        {"DELETE", "/v2/topics/g1"}, {"GET", "/v2/flowControl/fk"},
                                        {"POST", "/v2/dlq/retry"},   {"GET", "/v2/messages/x"}};
    for (const auto &r : authRoutes)
        add(Row("no auth " + r[0] + ' ' + r[1].left(40), r[0], r[1], {}, {}, false, 401,
                QStringLiteral("Unauthorized")));

    // --- Host header (DNS rebinding) ---
    const QByteArray hosts[] = {"evil.example.com",
                                "evil.example.com:8080",
                                "127.0.0.1.nip.io",
                                "localhost.evil.com",
                                "[::2]:8080",
                                "10.0.0.1",
                                "0.0.0.0",
                                "192.168.1.10:80",
                                "%%%",
                                "localhost@evil.com",
                                "xn--lcalhost-2ya.com"};
    for (const QByteArray &host : hosts)
        add(Row("host " + host, "GET", "/v2/keys", {}, {}, true, 400, QStringLiteral("Host header"),
                Expect::Json,
                buildRequest("GET", "/v2/keys", {{"Authorization", "Bearer " + token}}, {}, host)));

    // --- Every route with a method it does not take ---
    const QByteArray wrong[][2] = {{"PUT", "/v2/keys"},
                                   {"DELETE", "/v2/keys"},
                                   {"PATCH", "/v2/keys"},
                                   {"POST", "/v2/keys"},
                                   {"GET", "/v2/keys/rotate"},
                                   {"DELETE", "/v2/keys/rotate"},
                                   {"GET", "/v2/rotate"},
                                   {"GET", pubTarget},
                                   {"PUT", pubTarget},
                                   {"DELETE", pubTarget},
                                   {"PATCH", pubTarget},
                                   {"GET", "/v2/messages"},
                                   {"POST", "/v2/messages"},
                                   {"PUT", "/v2/messages"},
                                   {"POST", "/v2/messages/msg_x"},
                                   {"PUT", "/v2/messages/msg_x"},
                                   {"PATCH", "/v2/messages/msg_x"},
                                   {"POST", "/v2/events"},
                                   {"DELETE", "/v2/events"},
                                   {"PUT", "/v2/logs"},
                                   {"POST", "/v2/dlq"},
                                   {"PUT", "/v2/dlq"},
                                   {"POST", "/v2/dlq/x"},
                                   {"PATCH", "/v2/dlq/x"},
                                   {"PUT", "/v2/dlq/retry"},
                                   {"GET", "/v2/dlq/retry/x"},
                                   {"DELETE", "/v2/dlq/retry/x"},
                                   {"PUT", "/v2/queues"},
                                   {"DELETE", "/v2/queues"},
                                   {"POST", "/v2/queues/q1"},
                                   {"PUT", "/v2/queues/q1"},
                                   {"GET", "/v2/queues/q1/pause"},
                                   {"DELETE", "/v2/queues/q1/resume"},
                                   {"GET", "/v2/enqueue/q1/" + sinkUrl},
                                   {"PUT", "/v2/enqueue/q1/" + sinkUrl},
                                   {"POST", "/v2/flowControl"},
                                   {"DELETE", "/v2/flowControl/fk"},
                                   {"PUT", "/v2/flowControl/fk"},
                                   {"GET", "/v2/flowControl/fk/pause"},
                                   {"GET", "/v2/flowControl/fk/resume"},
                                   {"GET", "/v2/flowControl/fk/resetRate"},
                                   {"DELETE", "/v2/flowControl/fk/reset"},
                                   {"GET", "/v2/flowControl/fk/pin"},
                                   {"PUT", "/v2/flowControl/fk/unpin"},
                                   {"POST", "/v2/globalParallelism"},
                                   {"GET", "/v2/topics/g1/endpoints"},
                                   {"PUT", "/v2/topics/g1/endpoints"},
                                   {"POST", "/v2/topics"},
                                   {"DELETE", "/v2/topics"},
                                   {"POST", "/v2/topics/g1"},
                                   {"PATCH", "/v2/topics/g1"},
                                   {"GET", "/v2/batch"},
                                   {"PUT", "/v2/batch"},
                                   {"DELETE", "/v2/batch"},
                                   {"POST", "/v2/schedules"},
                                   {"DELETE", "/v2/schedules"},
                                   {"PUT", "/v2/schedules/s1"},
                                   {"PATCH", "/v2/schedules/s1"},
                                   {"GET", "/v2/schedules/s1/pause"},
                                   {"DELETE", "/v2/schedules/s1/resume"},
                                   {"OPTIONS", "/v2/keys"},
                                   {"HEAD", "/v2/messages"}};
    for (const auto &w : wrong)
        get(qPrintable(QString::fromLatin1("method " + w[0] + ' ' + w[1].left(60))), w[0], w[1],
            "not allowed", 405);
    // Unknown paths and ids.
    const QByteArray unknown[] = {
        "/",          "/v2",      "/v1/publish/x",   "/v2/unknown", "/v2/messages/a/b",
        "/v2/keys/x", "/V3/keys", "/v2/../v2/keys/x"};
    for (const QByteArray &path : unknown)
        get(qPrintable(QString::fromLatin1("path " + path)), "GET", path, "not found", 404);
    const QByteArray unknownIds[][2] = {{"GET", "/v2/messages/msg_nope"},
                                        {"DELETE", "/v2/messages/msg_nope"},
                                        {"GET", "/v2/messages/%zz"},
                                        {"GET", "/v2/dlq/0-0"},
                                        {"DELETE", "/v2/dlq/0-0"},
                                        {"POST", "/v2/dlq/retry/0-0"},
                                        {"GET", "/v2/queues/nope"},
                                        {"DELETE", "/v2/queues/nope"},
                                        {"POST", "/v2/queues/nope/pause"},
                                        {"POST", "/v2/queues/%FF/resume"},
                                        {"GET", "/v2/topics/nope"},
                                        {"GET", "/v2/schedules/nope"},
                                        {"DELETE", "/v2/schedules/nope"},
                                        {"PATCH", "/v2/schedules/nope/pause"},
                                        {"POST", "/v2/schedules/nope/resume"},
                                        {"GET", "/v2/flowControl/nope"},
                                        {"POST", "/v2/flowControl/nope/pin"},
                                        {"POST", "/v2/flowControl/\xff/pause"}};
    for (const auto &u : unknownIds)
        get(qPrintable(QString::fromLatin1("unknown " + u[0] + ' ' + u[1])), u[0], u[1],
            "not found", 404);

    // --- JSON bodies: batch ---
    const QByteArray s = '"' + sinkUrl + '"';
    struct BodyCase
    {
        QByteArray payload;
        const char *error;
        int status;
    };
    const BodyCase batches[] = {
        {"", "invalid JSON body", 400},
        {"{", "invalid JSON body", 400},
        {"[", "invalid JSON body", 400},
        {"nul", "invalid JSON body", 400},
        {"[{\"destination\":\"\xff\"}", "invalid JSON body", 400},
        {"{}", "expected a JSON array", 400},
        {"\"str\"", "invalid JSON body", 400}, // 6.4 takes no top-level scalars
        {"[1]", "batch item 0: expected an object", 400},
        {"[{}]", "'destination' is required", 400},
        {"[{\"destination\":1}]", "'destination' is required", 400},
        {"[{\"destination\":\"\"}]", "'destination' is required", 400},
        {"[{\"destination\":\"ftp://x\"}]", "batch item 0: invalid destination url", 400},
        {"[{\"destination\":" + s + ",\"headers\":\"h\"}]", "'headers' must be an object", 400},
        {"[{\"destination\":" + s + ",\"headers\":{\"Upstash-Retries\":5}}]",
         "must be a string or an array", 400},
        {"[{\"destination\":" + s + ",\"headers\":{\"a\":[1]}}]", "must be a string or an array",
         400},
        {"[{\"destination\":" + s + ",\"body\":5}]", "'body' must be a string", 400},
        {"[{\"destination\":" + s + ",\"queue\":5}]", "'queue' must be a string", 400},
        {"[{\"destination\":" + s + ",\"queue\":\"bad q\"}]", "invalid queue name", 400},
        {"[{\"destination\":" + s + "},{\"destination\":" + s +
             ",\"headers\":{\"Upstash-Delay\":\"abc\"}}]",
         "batch item 1: invalid Upstash-Delay header value", 400},
        {"[{\"destination\":\"no-such-group\"}]", "batch item 0: URL group no-such-group", 404},
        {QByteArray(5000, '[') + QByteArray(5000, ']'), "invalid JSON body", 400},
        {"[" + QByteArray("{\"destination\":" + s + "},").repeated(1001).chopped(1) + "]",
         "too many batch items", 400},
        {"[\"" + QByteArray(1024 * 1024, 'a') + "\"]", "too large", 413}};
    i = 0;
    for (const BodyCase &b : batches)
        body(qPrintable(QStringLiteral("batch #%1").arg(i++)), "POST", "/v2/batch", b.payload,
             b.error, b.status);

    // --- JSON bodies: queues, URL groups, DLQ, bulk cancel ---
    const BodyCase queues[] = {
        {"", "invalid JSON body", 400},
        {"[]", "invalid JSON body", 400},
        {"{\"queueName\":", "invalid JSON body", 400},
        {"{\"queueName\":\"\"}", "invalid queueName", 400},
        {"{\"queueName\":5}", "invalid queueName", 400},
        {"{\"queueName\":\"bad name\"}", "invalid queueName", 400},
        {"{\"queueName\":\"" + QByteArray(257, 'q') + "\"}", "invalid queueName", 400},
        {"{\"queueName\":\"\xff\"}", "invalid JSON body", 400},
        {"{\"queueName\":\"qx\",\"parallelism\":0}", "parallelism must be", 400},
        {"{\"queueName\":\"qx\",\"parallelism\":-1}", "parallelism must be", 400},
        {"{\"queueName\":\"qx\",\"parallelism\":1.5}", "parallelism must be", 400},
        {"{\"queueName\":\"qx\",\"parallelism\":\"2\"}", "parallelism must be", 400},
        {"{\"queueName\":\"qx\",\"parallelism\":1e300}", "parallelism above the maximum", 412},
        {"{\"queueName\":\"qx\",\"paused\":\"yes\"}", "paused must be true or false", 400}};
    i = 0;
    for (const BodyCase &b : queues)
        body(qPrintable(QStringLiteral("queue #%1").arg(i++)), "POST", "/v2/queues", b.payload,
             b.error, b.status);
    const BodyCase endpoints[] = {
        {"", "invalid JSON body", 400},
        {"{}", "missing field 'endpoints'", 400},
        {"{\"endpoints\":{}}", "missing field 'endpoints'", 400},
        {"{\"endpoints\":[]}", "must not be empty", 400},
        {"{\"endpoints\":[1]}", "endpoints[0]: expected an object", 400},
        {"{\"endpoints\":[{}]}", "endpoints[0].url is required", 400},
        {"{\"endpoints\":[{\"url\":5}]}", "endpoints[0].url: expected a string", 400},
        {"{\"endpoints\":[{\"url\":" + s + ",\"name\":5}]}", "name: expected a string", 400},
        {"{\"endpoints\":[{\"url\":\"ftp://x\"}]}", "endpoints[0].url: invalid", 400},
        {"{\"endpoints\":[{\"url\":" + s + ",\"name\":\"bad name\"}]}", "endpoints[0].name", 400},
        {"{\"endpoints\":[{\"url\":" + s +
             ",\"name\":\"n\"},{\"url\":\"http://a.example\","
             "\"name\":\"n\"}]}",
         "is given for two URLs", 400}};
    i = 0;
    for (const BodyCase &b : endpoints)
        body(qPrintable(QStringLiteral("endpoints #%1").arg(i++)), "POST",
             "/v2/topics/g1/endpoints", b.payload, b.error, b.status);
    body("endpoints bad group name", "POST", "/v2/topics/bad!name/endpoints",
         "{\"endpoints\":[{\"url\":" + s + "}]}", "invalid URL group name");
    body("remove endpoints without url or name", "DELETE", "/v2/topics/g1/endpoints",
         "{\"endpoints\":[{}]}", "give a url or a name");
    body("remove endpoints unknown group", "DELETE", "/v2/topics/nope/endpoints",
         "{\"endpoints\":[{\"url\":" + s + "}]}", "not found", 404);

    const BodyCase selectors[] = {
        {"{", "invalid JSON body", 400},        {"[1]", "invalid JSON body", 400},
        {"\xff\xfe", "invalid JSON body", 400}, {"{\"dlqIds\":\"x\"}", "dlqIds", 400},
        {"{\"dlqIds\":[]}", "dlqIds", 400},     {"{\"dlqIds\":[1,2]}", "dlqIds", 400}};
    for (const char *method : {"DELETE", "POST"}) {
        i = 0;
        const QByteArray target = method == QByteArrayView("POST") ? "/v2/dlq/retry" : "/v2/dlq";
        for (const BodyCase &b : selectors)
            body(qPrintable(QStringLiteral("dlq %1 body #%2").arg(QLatin1String(method)).arg(i++)),
                 method, target, b.payload, b.error, b.status);
    }
    struct QueryCase
    {
        const char *query;
        const char *error;
    };
    const QueryCase dlqQueries[] = {
        {"count=0", "invalid count"},           {"count=101", "invalid count"},
        {"count=abc", "invalid count"},         {"cursor=-1", "invalid cursor"},
        {"cursor=abc", "invalid cursor"},       {"foo=1", "unknown filter parameter: foo"},
        {"labeel=x", "unknown filter"},         {"host=a", "unknown filter parameter: host"},
        {"responseStatus=x", "responseStatus"}, {"fromDate=x", "invalid fromDate"},
        {"toDate=-5", "invalid toDate"},        {"dlqIds=", "dlqIds"}};
    for (const char *method : {"GET", "DELETE", "POST"}) {
        const QByteArray target = method == QByteArrayView("POST") ? "/v2/dlq/retry" : "/v2/dlq";
        for (const QueryCase &q : dlqQueries)
            get(qPrintable(QStringLiteral("dlq %1 ?%2")
                               .arg(QLatin1String(method), QLatin1String(q.query))),
                method, target + '?' + q.query, q.error);
    }
    const BodyCase cancels[] = {{"{", "invalid JSON body", 400},
                                {"[1]", "invalid JSON body", 400},
                                {"{\"messageIds\":\"msg_x\"}", "messageIds", 400},
                                {"{\"messageIds\":[]}", "messageIds", 400},
                                {"{\"messageIds\":[1]}", "messageIds", 400},
                                {"{\"messageIds\":null}", "messageIds", 400}};
    i = 0;
    for (const BodyCase &b : cancels)
        body(qPrintable(QStringLiteral("bulk cancel body #%1").arg(i++)), "DELETE", "/v2/messages",
             b.payload, b.error, b.status);
    const QueryCase cancelQueries[] = {
        {"count=0", "invalid count"},     {"count=501", "invalid count"},
        {"count=x", "invalid count"},     {"foo=bar", "unknown filter parameter: foo"},
        {"state=x", "unknown filter"},    {"fromDate=x", "invalid fromDate"},
        {"toDate=1.5", "invalid toDate"}, {"messageIds=", "messageIds"},
        {"messageIds=,,", "messageIds"}};
    for (const QueryCase &q : cancelQueries)
        get(qPrintable(QStringLiteral("bulk cancel ?%1").arg(QLatin1String(q.query))), "DELETE",
            QByteArray("/v2/messages?") + q.query, q.error);

    // --- Log filters ---
    const QueryCase eventQueries[] = {{"foo=1", "unknown filter parameter: foo"},
                                      {"messageid=x", "unknown filter"},
                                      {"count=0", "invalid count"},
                                      {"count=1001", "invalid count"},
                                      {"count=-1", "invalid count"},
                                      {"cursor=-1", "invalid cursor"},
                                      {"cursor=x", "invalid cursor"},
                                      {"fromDate=x", "invalid fromDate"},
                                      {"toDate=-1", "invalid toDate"},
                                      {"%zz=1", "unknown filter parameter: %zz"},
                                      {"state=x&x=1", "unknown filter parameter: x"}};
    for (const char *path : {"/v2/events", "/v2/logs"}) {
        for (const QueryCase &q : eventQueries)
            get(qPrintable(
                    QStringLiteral("%1 ?%2").arg(QLatin1String(path), QLatin1String(q.query))),
                "GET", QByteArray(path) + '?' + q.query, q.error);
    }

    // --- Schedules: cron, ids, template ---
    const QByteArray crons[] = {"* * * *",
                                "* * * * * *",
                                "61 * * * *",
                                "* 24 * * *",
                                "* * 32 * *",
                                "* * 0 * *",
                                "* * * 13 *",
                                "* * * * 8",
                                "*/0 * * * *",
                                "a b c d e",
                                "5,,6 * * * *",
                                "1-2-3 * * * *",
                                "CRON_TZ=Nowhere/Zone * * * * *",
                                "CRON_TZ= * * * * *",
                                "@reboot",
                                "0 0 30 2 *",
                                "\xff * * * *",
                                QByteArray(10000, '*')};
    i = 0;
    for (const QByteArray &cron : crons)
        add(Row(QByteArray("cron #") + QByteArray::number(i++), "POST", "/v2/schedules/" + sinkUrl,
                {{"Upstash-Cron", cron}}, {}, true, 400,
                QStringLiteral("invalid Upstash-Cron header")));
    const auto schedule = [&](const char *name, RawHeaders h, const char *error,
                              const QByteArray &dest) {
        add(Row(name, "POST", "/v2/schedules/" + dest, std::move(h), {}, true, 400,
                QString::fromLatin1(error)));
    };
    schedule("schedule without cron", {}, "missing Upstash-Cron header", sinkUrl);
    schedule("schedule bad id", {{"Upstash-Cron", "* * * * *"}, {"Upstash-Schedule-Id", "bad id!"}},
             "invalid Upstash-Schedule-Id", sinkUrl);
    schedule("schedule long id",
             {{"Upstash-Cron", "* * * * *"}, {"Upstash-Schedule-Id", QByteArray(257, 'i')}},
             "invalid Upstash-Schedule-Id", sinkUrl);
    schedule("schedule bad queue", {{"Upstash-Cron", "* * * * *"}, {"Upstash-Queue-Name", "a b"}},
             "invalid Upstash-Queue-Name", sinkUrl);
    schedule("schedule bad destination", {{"Upstash-Cron", "* * * * *"}}, "invalid scheme",
             "ftp://x");
    schedule("schedule bad template", {{"Upstash-Cron", "* * * * *"}, {"Upstash-Retries", "-1"}},
             "invalid Upstash-Retries", sinkUrl);
    schedule("schedule bad retry delay",
             {{"Upstash-Cron", "* * * * *"}, {"Upstash-Retry-Delay", "retried +"}},
             "invalid Upstash-Retry-Delay", sinkUrl);
    get("flow pin bad parallelism", "POST", "/v2/flowControl/fk/pin?parallelism=abc",
        "invalid parallelism");
    get("flow pin negative rate", "POST", "/v2/flowControl/fk/pin?rate=-1", "invalid rate");

    // --- Limits: body, URL, headers ---
    pub("body over the limit", {}, "too large", 413);
    rows.last().body = QByteArray(1024 * 1024 + 1, 'b');
    add(Row("chunked body over the limit", "POST", pubTarget, {{"Transfer-Encoding", "chunked"}},
            QByteArray::number(1024 * 1024 + 1, 16) + "\r\n" + QByteArray(1024 * 1024 + 1, 'c') +
                "\r\n0\r\n\r\n",
            true, 413, QStringLiteral("too large")));
    get("URL 17 KiB", "POST", pubTarget + '?' + QByteArray(17 * 1024, 'u'), "request URL too long");
    get("URL 1 MiB", "GET", "/v2/messages/" + QByteArray(1024 * 1024, 'm'), "request URL too long");
    RawHeaders many;
    for (int h = 0; h < 150; ++h)
        many.append({"X-Filler-" + QByteArray::number(h), "v"});
    add(Row("150 headers", "POST", pubTarget, many, "x", true, 431,
            QStringLiteral("at most 100 header fields"), Expect::JsonClose));
    add(Row("100 KiB header line", "POST", pubTarget, {{"X-Huge", QByteArray(100 * 1024, 'h')}},
            "x", true, 431, QStringLiteral("at most 100 header fields"), Expect::JsonClose));

    // --- Not HTTP at all: Qt closes the connection without an answer ---
    const QByteArray garbage[] = {"GARBAGE\r\n\r\n", QByteArray("\x00\x01\x02\x03\r\n\r\n", 8),
                                  "GET\r\n\r\n", "\r\n\r\n\r\n"};
    i = 0;
    for (const QByteArray &g : garbage)
        add(Row(QByteArray("not http #") + QByteArray::number(i++), {}, {}, {}, {}, false, 0, {},
                Expect::NoHttp, g));
    // Broken, but parsed by Qt 6.4 as a request: answered like any other bad request.
    const QByteArray auth = "Authorization: Bearer " + token + "\r\n";
    add(Row("HTTP/9.9", {}, {}, {}, {}, false, 401, QStringLiteral("Unauthorized"), Expect::Json,
            "GET /v2/keys HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"));
    add(Row("unknown method FOO", {}, {}, {}, {}, false, 405, QStringLiteral("not allowed"),
            Expect::Json, "FOO /v2/keys HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n"));
    add(Row("Content-Length abc", {}, {}, {}, {}, false, 400, QStringLiteral("invalid JSON body"),
            Expect::Json,
            "POST /v2/batch HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth +
                "Content-Length: abc\r\n\r\n[]"));
    add(Row("header line without a colon", {}, {}, {}, {}, false, 431,
            QStringLiteral("at most 100 header fields"), Expect::JsonClose,
            "GET /v2/keys HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "no colon here\r\n\r\n"));
    return rows;
}

} // namespace Reliability

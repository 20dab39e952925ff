// Delivery semantics through the official @upstash/qstash 2.12.0 JS SDK against a real LocalStash
// broker: deduplication, retry-delay expressions, redaction, timeouts, retries, 489 non-retryable,
// Retry-After, callbacks + failure callbacks, bulk cancel and the dead-letter queue
// (qstash-api.md §3.4, §6, §9, §13, §14, §20 items 12-14, 17-23, 37-40, 49-54, §21).
//
// Items the JS SDK cannot express (Python's cancel_many / cancel_all, dlq.get, dlq.delete_many, the
// OAS-only single DLQ retry with override headers, exact status codes such as 202) are sent as the
// same raw HTTP those SDKs send.
//
// Time: the broker runs in real time (no --time-scale). Every failing publish sets a short
// `retryDelay` (or `retries: 0`), so the 12 s default backoff is never waited for; item 21 relies on
// it being long to prove that Retry-After / X-RateLimit-Reset decide the next attempt instead.
//
// Test order matters: the "all" bulk actions (cancel({all:true}), DLQ retry/delete all) act on the
// whole broker, so each test leaves no pending messages behind and the DLQ "all" tests account for
// every entry that exists at that moment.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";

import { Client, QstashError, Receiver } from "@upstash/qstash";

import {
  DEV_CURRENT_SIGNING_KEY,
  DEV_NEXT_SIGNING_KEY,
  decodeJwt,
  eventually,
  rawRequest,
  startBroker,
  startReceiver,
} from "./helpers.mjs";

/** @type {Awaited<ReturnType<typeof startBroker>>} */
let broker;
/** @type {Awaited<ReturnType<typeof startReceiver>>} */
let sink;
/** @type {Client} */
let client;
let S; // receiver base URL, e.g. http://127.0.0.1:40123

/** Per-path behaviour of the sink: path → (record) => reply | undefined (undefined = 200 "ok"). */
const behaviours = new Map();
/** Aborts the slow responses still pending when the suite ends. */
const slowAbort = new AbortController();

const receiver = new Receiver({ currentSigningKey: DEV_CURRENT_SIGNING_KEY, nextSigningKey: DEV_NEXT_SIGNING_KEY });
const authHeaders = (extra = {}) => ({ Authorization: `Bearer ${broker.token}`, ...extra });
const b64 = (s) => Buffer.from(s, "utf8").toString("base64");
const unb64 = (s) => Buffer.from(s, "base64").toString("utf8");
const FAR = "10d"; // delay that keeps a message pending for the whole run
/** Bounded negative window: how long we watch for something that must NOT happen. */
const QUIET_MS = 400;

/** A 500 response with a recognisable header and body. */
const fail500 =
  (body = "boom") =>
  () => ({ status: 500, headers: { "content-type": "text/plain", "x-fail": "yes" }, body });

/** Assert `promise` rejects with a QstashError carrying `status` and a JSON `{"error": "..."}` message. */
async function assertQstashError(promise, status) {
  let caught;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught, `expected a rejection with status ${status}, but the call resolved`);
  assert.ok(caught instanceof QstashError, `expected QstashError, got ${caught?.name}: ${caught?.message}`);
  assert.equal(caught.status, status, `status (message: ${caught.message})`);
  let body;
  assert.doesNotThrow(() => {
    body = JSON.parse(caught.message);
  }, `error message should be the JSON error body, got: ${caught.message}`);
  assert.equal(typeof body.error, "string", `error body: ${caught.message}`);
  assert.ok(body.error.length > 0);
  return body;
}

/** Assert a raw response is a JSON error `{"error": "..."}` with the given status. */
function assertJsonError(res, status) {
  assert.equal(res.status, status, `status; body: ${res.text}`);
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/i, "error content-type");
  assert.ok(res.json && typeof res.json === "object", `error body must be JSON, got: ${res.text}`);
  assert.equal(typeof res.json.error, "string", `error body: ${res.text}`);
  assert.ok(res.json.error.length > 0);
  return res.json;
}

/** The single DLQ entry of `messageId`, once it exists. */
async function dlqEntryOf(messageId, { timeoutMs = 5000 } = {}) {
  return eventually(
    async () => {
      const { messages } = await client.dlq.listMessages({ filter: { messageId } });
      assert.equal(messages.length, 1, `DLQ entries for ${messageId}: ${JSON.stringify(messages)}`);
      return messages[0];
    },
    { timeoutMs },
  );
}

/** Publish `body` to `path` (which the sink fails with `reply`) with retries:0; resolve with its DLQ entry. */
async function deadLetter(path, { reply = fail500(), ...publish } = {}) {
  behaviours.set(path, reply);
  const { messageId } = await client.publish({ url: `${S}${path}`, retries: 0, ...publish });
  const entry = await dlqEntryOf(messageId);
  assert.equal(sink.count(path), 1, `${path}: exactly one attempt with retries:0`);
  return entry;
}

/** All DLQ entries (paged through with the SDK). */
async function allDlq() {
  const out = [];
  let cursor;
  do {
    const page = await client.dlq.listMessages({ count: 100, cursor });
    out.push(...page.messages);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** Verify a delivery's signature with the SDK Receiver for `url`; also check `sub`. */
async function assertSigned(record, url) {
  const signature = record.headers["upstash-signature"];
  assert.ok(signature, `${record.path}: Upstash-Signature header present`);
  assert.equal(await receiver.verify({ signature, body: record.text, url }), true);
  assert.equal(decodeJwt(signature).payload.sub, url, "JWT sub is the URL being called");
}

/** Event states of one message (from the SDK's logs()). */
async function statesOf(messageId) {
  const { logs } = await client.logs({ filter: { messageId } });
  return logs;
}

describe("delivery semantics: dedup, retries, callbacks, cancel, DLQ", { timeout: 90000 }, () => {
  before(async () => {
    broker = await startBroker();
    sink = await startReceiver();
    S = sink.url;
    sink.respond((r) => behaviours.get(r.path)?.(r));
    client = new Client({ baseUrl: broker.url, token: broker.token, retry: false });
  });

  after(async () => {
    slowAbort.abort();
    await sink?.close();
    await broker?.stop();
  });

  // ------------------------------------------------------------ bulk cancel (§6, items 37-40)
  // First in the file: cancel({all:true}) / cancel_all must see only this section's messages.

  test("37. cancel one delayed message → {cancelled:1}, get → 404, logs CANCEL_REQUESTED then CANCELED", async () => {
    const { messageId } = await client.publish({ url: `${S}/c37`, body: "c", delay: FAR });
    assert.equal((await client.messages.get(messageId)).messageId, messageId);

    assert.deepEqual(await client.messages.cancel(messageId), { cancelled: 1 });
    await assertQstashError(client.messages.get(messageId), 404);
    await assertQstashError(client.messages.cancel(messageId), 404);

    const logs = await eventually(async () => {
      const l = await statesOf(messageId);
      const states = l.map((e) => e.state);
      assert.ok(states.includes("CANCEL_REQUESTED"), `states: ${states}`);
      assert.ok(states.includes("CANCELED"), `states: ${states} (spelling CANCELED, §10.3)`);
      return l;
    });
    for (const e of logs) assert.notEqual(e.state, "CANCELLED", "emit CANCELED, never CANCELLED");
    const t = (s) => logs.find((e) => e.state === s).time;
    assert.ok(t("CREATED") <= t("CANCEL_REQUESTED"), "CREATED before CANCEL_REQUESTED");
    assert.ok(t("CANCEL_REQUESTED") <= t("CANCELED"), "CANCEL_REQUESTED before CANCELED");
    assert.equal(logs.filter((e) => e.state === "CANCELED").length, 1);
    assert.ok(!logs.some((e) => ["ACTIVE", "DELIVERED"].includes(e.state)), "a cancelled message is never attempted");

    // Filtering logs by state also knows the state (and the CANCELLED synonym, §10.2).
    const byState = await client.logs({ filter: { state: "CANCELED" } });
    assert.ok(byState.logs.some((e) => e.messageId === messageId && e.state === "CANCELED"));
    assert.ok(byState.logs.every((e) => e.state === "CANCELED"), JSON.stringify(byState.logs.map((e) => e.state)));
  });

  test("38. cancel([id1,id2]) → {cancelled:2}; cancel({all:true}) → {cancelled:1}", async () => {
    const ids = [];
    for (const n of [1, 2, 3]) ids.push((await client.publish({ url: `${S}/c38/${n}`, body: `${n}`, delay: FAR })).messageId);

    assert.deepEqual(await client.messages.cancel([ids[0], ids[1]]), { cancelled: 2 });
    await assertQstashError(client.messages.get(ids[0]), 404);
    await assertQstashError(client.messages.get(ids[1]), 404);
    assert.equal((await client.messages.get(ids[2])).messageId, ids[2], "the third one is untouched");

    // Ids that are gone count as 0 (cancelled is the actual number).
    assert.deepEqual(await client.messages.cancel([ids[0]]), { cancelled: 0 });

    assert.deepEqual(await client.messages.cancel({ all: true }), { cancelled: 1 });
    await assertQstashError(client.messages.get(ids[2]), 404);
    assert.deepEqual(await client.messages.cancel({ all: true }), { cancelled: 0 }, "nothing left to cancel");
    assert.equal(sink.count(/^\/c38\//), 0, "cancelled messages are never delivered");
  });

  test("39. cancel by filter: flowControlKey [A,B], label, host, path, url (OR within, AND across)", async () => {
    const pub = async (opts) => (await client.publish({ body: "f", delay: FAR, ...opts })).messageId;
    const alive = async (id) => (await client.messages.get(id)).messageId === id;
    const gone = (id) => assertQstashError(client.messages.get(id), 404);

    // flowControlKey: OR within the key.
    const fa = await pub({ url: `${S}/c39/fa`, flowControl: { key: "c39-A", parallelism: 1 } });
    const fb = await pub({ url: `${S}/c39/fb`, flowControl: { key: "c39-B", parallelism: 1 } });
    const fc = await pub({ url: `${S}/c39/fc`, flowControl: { key: "c39-C", parallelism: 1 } });
    assert.deepEqual(await client.messages.cancel({ filter: { flowControlKey: ["c39-A", "c39-B"] } }), { cancelled: 2 });
    await gone(fa);
    await gone(fb);
    assert.ok(await alive(fc));

    // label (count is legacy; one match either way).
    const l1 = await pub({ url: `${S}/c39/l1`, label: "c39-L" });
    const m1 = await pub({ url: `${S}/c39/m1`, label: "c39-M" });
    assert.deepEqual(await client.messages.cancel({ filter: { label: "c39-L" }, count: 1 }), { cancelled: 1 });
    await gone(l1);
    assert.ok(await alive(m1));

    // host: destinations without a port so host is unambiguous. Never delivered (cancelled first).
    const hLocal = await pub({ url: "http://localhost/c39-host" });
    const hIp = await pub({ url: "http://127.0.0.1/c39-host" });
    assert.deepEqual(await client.messages.cancel({ filter: { host: "localhost" } }), { cancelled: 1 });
    await gone(hLocal);
    assert.ok(await alive(hIp));

    // path: OR of two paths, AND with a label.
    const p1 = await pub({ url: `${S}/c39/p1`, label: "c39-P" });
    const p2 = await pub({ url: `${S}/c39/p2`, label: "c39-P" });
    const p3 = await pub({ url: `${S}/c39/p3`, label: "c39-P" });
    const p2other = await pub({ url: `${S}/c39/p2?x=1`, label: "c39-Q" });
    assert.deepEqual(
      await client.messages.cancel({ filter: { path: ["/c39/p1", "/c39/p2"], label: "c39-P" } }),
      { cancelled: 2 },
    );
    await gone(p1);
    await gone(p2);
    assert.ok(await alive(p3));
    assert.ok(await alive(p2other), "AND across keys: label c39-Q does not match");

    // url: exact destination.
    assert.deepEqual(await client.messages.cancel({ filter: { url: `${S}/c39/p3` } }), { cancelled: 1 });
    await gone(p3);

    // A filter that matches nothing cancels nothing.
    assert.deepEqual(await client.messages.cancel({ filter: { label: "c39-nothing" } }), { cancelled: 0 });

    // Clean up the survivors so later "all" operations see none of them.
    assert.deepEqual(await client.messages.cancel([fc, m1, hIp, p2other]), { cancelled: 4 });
    assert.equal(sink.count(/^\/c39\//), 0, "cancelled messages are never delivered");
  });

  test("40. Python cancel_many (JSON body {messageIds}) and cancel_all (no parameters)", async () => {
    const ids = [];
    for (const n of [1, 2, 3]) ids.push((await client.publish({ url: `${S}/c40/${n}`, body: `${n}`, delay: FAR })).messageId);

    // qstash-py message.cancel_many(ids): DELETE /v2/messages with a JSON body.
    const many = await rawRequest(`${broker.url}/v2/messages`, {
      method: "DELETE",
      headers: authHeaders({ "Content-Type": "application/json" }),
      body: JSON.stringify({ messageIds: [ids[0], ids[1]] }),
    });
    assert.equal(many.status, 200, many.text);
    assert.match(many.headers.get("content-type") ?? "", /^application\/json/i);
    assert.deepEqual(many.json, { cancelled: 2 });
    await assertQstashError(client.messages.get(ids[0]), 404);
    await assertQstashError(client.messages.get(ids[1]), 404);
    assert.equal((await client.messages.get(ids[2])).messageId, ids[2]);

    // qstash-py message.cancel_all(): DELETE /v2/messages, nothing else.
    const all = await rawRequest(`${broker.url}/v2/messages`, { method: "DELETE", headers: authHeaders() });
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(all.json, { cancelled: 1 });
    await assertQstashError(client.messages.get(ids[2]), 404);

    const none = await rawRequest(`${broker.url}/v2/messages`, { method: "DELETE", headers: authHeaders() });
    assert.deepEqual(none.json, { cancelled: 0 }, "cancel_all on an empty broker answers JSON {cancelled:0}");
    assert.equal(sink.count(/^\/c40\//), 0);
  });

  // ---------------------------------------------------------------- publish (items 13, 14, 17, 18)

  test("13. deduplicationId: second publish returns the original id, deduplicated:true, HTTP 202; delivered once", async () => {
    const dedupId = `d13-${Date.now()}`;
    const first = await client.publish({ url: `${S}/dup13`, body: "one", deduplicationId: dedupId });
    assert.match(first.messageId, /^msg_/);
    assert.notEqual(first.deduplicated, true, "the first publish is not deduplicated");

    const second = await client.publish({ url: `${S}/dup13`, body: "two", deduplicationId: dedupId });
    assert.equal(second.messageId, first.messageId, "dedup hit returns the original messageId");
    assert.equal(second.deduplicated, true);

    // Raw: the status of a dedup hit is 202 (§3.3), same shape.
    const raw = await rawRequest(`${broker.url}/v2/publish/${S}/dup13`, {
      method: "POST",
      headers: authHeaders({ "Upstash-Deduplication-Id": dedupId }),
      body: "three",
    });
    assert.equal(raw.status, 202, raw.text);
    assert.equal(raw.json?.messageId, first.messageId, raw.text);
    assert.equal(raw.json?.deduplicated, true, raw.text);

    const r = await sink.waitFor("/dup13");
    assert.equal(r.text, "one", "the original body is the one delivered");
    assert.equal(r.headers["upstash-message-id"], first.messageId);
    await sleep(QUIET_MS);
    assert.equal(sink.count("/dup13"), 1, "a deduplicated message is delivered exactly once");

    // A different dedup id is a different message.
    const other = await client.publish({ url: `${S}/dup13`, body: "four", deduplicationId: `${dedupId}-x` });
    assert.notEqual(other.messageId, first.messageId);
    assert.notEqual(other.deduplicated, true);
    assert.equal((await sink.waitFor("/dup13", { n: 2 })).text, "four");
  });

  test("14. contentBasedDeduplication: identical publishes dedup; different body or destination does not", async () => {
    const body = { a: 1, run: Date.now() };
    const first = await client.publishJSON({ url: `${S}/cbd14`, body, contentBasedDeduplication: true });
    assert.notEqual(first.deduplicated, true);
    const second = await client.publishJSON({ url: `${S}/cbd14`, body, contentBasedDeduplication: true });
    assert.equal(second.deduplicated, true);
    assert.equal(second.messageId, first.messageId);

    const otherBody = await client.publishJSON({ url: `${S}/cbd14`, body: { ...body, a: 2 }, contentBasedDeduplication: true });
    assert.notEqual(otherBody.deduplicated, true, "a different body is not a duplicate");
    assert.notEqual(otherBody.messageId, first.messageId);
    const otherDest = await client.publishJSON({ url: `${S}/cbd14b`, body, contentBasedDeduplication: true });
    assert.notEqual(otherDest.deduplicated, true, "a different destination is not a duplicate");
    assert.notEqual(otherDest.messageId, first.messageId);

    // Raw, with Python's spelling `True` (§3.2: parse case-insensitively): 200 then 202.
    const send = () =>
      rawRequest(`${broker.url}/v2/publish/${S}/cbd14raw`, {
        method: "POST",
        headers: authHeaders({ "Upstash-Content-Based-Deduplication": "True", "Content-Type": "text/plain" }),
        body: `raw-${body.run}`,
      });
    const r1 = await send();
    assert.equal(r1.status, 200, r1.text);
    assert.notEqual(r1.json?.deduplicated, true, r1.text);
    const r2 = await send();
    assert.equal(r2.status, 202, r2.text);
    assert.equal(r2.json?.deduplicated, true, r2.text);
    assert.equal(r2.json?.messageId, r1.json?.messageId);

    await sink.waitFor("/cbd14", { n: 2 });
    await sink.waitFor("/cbd14b");
    await sink.waitFor("/cbd14raw");
    await sleep(QUIET_MS);
    assert.equal(sink.count("/cbd14"), 2, "two distinct bodies → two deliveries");
    assert.equal(sink.count("/cbd14b"), 1);
    assert.equal(sink.count("/cbd14raw"), 1);
  });

  test("17. retryDelay: stored as retryDelayExpression and evaluated per retry (ms, `retried` = retries done)", async () => {
    const pending = await client.publish({ url: `${S}/rd17`, retryDelay: "1000 * retried", retries: 2, delay: FAR });
    const m = await client.messages.get(pending.messageId);
    assert.equal(m.retryDelayExpression, "1000 * retried");
    assert.equal(m.maxRetries, 2);
    assert.deepEqual(await client.messages.cancel(pending.messageId), { cancelled: 1 });

    // Behaviour: first retry after 200 ms (retried = 0), second after 1000 ms (retried = 1).
    behaviours.set("/rd17t", fail500());
    const { messageId } = await client.publish({
      url: `${S}/rd17t`,
      body: "t",
      retries: 2,
      retryDelay: "200 + 800 * retried",
    });
    const a = [];
    for (const n of [1, 2, 3]) a.push(await sink.waitFor("/rd17t", { n, timeoutMs: 5000 }));
    assert.deepEqual(
      a.map((r) => r.headers["upstash-retried"]),
      ["0", "1", "2"],
    );
    const gap1 = a[1].receivedAt - a[0].receivedAt;
    const gap2 = a[2].receivedAt - a[1].receivedAt;
    assert.ok(gap1 >= 180 && gap1 < 1000, `first retry after ${gap1} ms, expected ≈200 ms`);
    assert.ok(gap2 >= 980 && gap2 < 2500, `second retry after ${gap2} ms, expected ≈1000 ms`);
    assert.ok(gap2 - gap1 >= 400, `the expression sees retried=0 then 1 (gaps ${gap1}, ${gap2})`);
    const entry = await dlqEntryOf(messageId);
    assert.equal(entry.retryDelayExpression, "200 + 800 * retried");
  });

  test("18. redact body + header[Authorization]: API/logs show REDACTED:…, the destination gets the originals", async () => {
    const secret = "s3cr3t-18";
    const res = await client.publishJSON({
      url: `${S}/red18`,
      body: { secret },
      redact: { body: true, header: ["Authorization"] },
      headers: { Authorization: "Bearer z18", "x-visible": "v" },
    });
    const r = await sink.waitFor("/red18");
    assert.equal(r.text, JSON.stringify({ secret }), "delivery uses the real body");
    assert.equal(r.headers.authorization, "Bearer z18", "delivery uses the real header");
    assert.equal(r.headers["x-visible"], "v");
    await assertSigned(r, `${S}/red18`);

    const isRedacted = (v) => typeof v === "string" && /^REDACTED:\S+$/.test(v) && !v.includes(secret);
    const logs = await eventually(async () => {
      const l = await statesOf(res.messageId);
      assert.ok(l.some((e) => e.state === "DELIVERED"), `states ${l.map((e) => e.state)}`);
      return l;
    });
    const dump = JSON.stringify(logs);
    assert.ok(!dump.includes(secret), `logs leak the body: ${dump}`);
    assert.ok(!dump.includes(b64(JSON.stringify({ secret }))), "logs leak the base64 body");
    assert.ok(!dump.includes("Bearer z18"), `logs leak the Authorization header: ${dump}`);
    const withBody = logs.filter((e) => e.body !== undefined);
    assert.ok(withBody.length > 0, "log events carry the (redacted) body");
    for (const e of withBody) {
      // The log body is base64 (§17.7); accept the redaction token either plain or base64-encoded.
      assert.ok(isRedacted(e.body) || isRedacted(unb64(e.body)), `${e.state} body not redacted: ${e.body}`);
    }
    const created = logs.find((e) => e.state === "CREATED");
    assert.ok(created.header, `CREATED event has header: ${JSON.stringify(created)}`);
    assert.equal(created.header.Authorization?.length, 1, JSON.stringify(created.header));
    assert.ok(isRedacted(created.header.Authorization[0]), JSON.stringify(created.header));
    assert.deepEqual(created.header["X-Visible"], ["v"], "unlisted headers are not redacted");

    // messages.get on a pending message shows the same redaction.
    const pending = await client.publishJSON({
      url: `${S}/red18p`,
      body: { secret },
      delay: FAR,
      redact: { body: true, header: ["Authorization"] },
      headers: { Authorization: "Bearer z18", "x-visible": "v" },
    });
    const m = await client.messages.get(pending.messageId);
    assert.ok(isRedacted(m.body), `messages.get body: ${m.body}`);
    assert.ok(isRedacted(m.header?.Authorization?.[0]), JSON.stringify(m.header));
    assert.deepEqual(m.header["X-Visible"], ["v"]);
    assert.deepEqual(m.header["Content-Type"], ["application/json"]);

    // redact: {header: true} hides every header value but not the body.
    const allHeaders = await client.publish({
      url: `${S}/red18h`,
      body: "plain body",
      delay: FAR,
      redact: { header: true },
      headers: { "x-one": "1", "x-two": "2" },
    });
    const mh = await client.messages.get(allHeaders.messageId);
    assert.equal(mh.body, "plain body");
    assert.ok(isRedacted(mh.header?.["X-One"]?.[0]), JSON.stringify(mh.header));
    assert.ok(isRedacted(mh.header?.["X-Two"]?.[0]), JSON.stringify(mh.header));

    assert.deepEqual(await client.messages.cancel([pending.messageId, allHeaders.messageId]), { cancelled: 2 });
  });

  // ------------------------------------------------------------ failure paths (items 12, 19-23)

  test("12. timeout:1 with a destination that takes 3 s → attempt aborted → DLQ (retries:0)", async () => {
    behaviours.set("/to12", async () => {
      await sleep(3000, undefined, { signal: slowAbort.signal });
      return { status: 200, body: "too late" };
    });
    // The sink records a request as soon as its body is read, but waitFor() only resolves after the
    // (3 s) reply, so the DLQ is polled directly from the publish time.
    const t0 = Date.now();
    const { messageId } = await client.publish({ url: `${S}/to12`, body: "slow", timeout: 1, retries: 0 });
    const entry = await dlqEntryOf(messageId, { timeoutMs: 2800 });
    const elapsed = Date.now() - t0;
    assert.ok(elapsed >= 900, `the attempt was given its 1 s (DLQ after ${elapsed} ms)`);
    assert.ok(elapsed < 2900, `DLQ entry must appear once the 1 s timeout fires, not after the 3 s response (${elapsed} ms)`);
    const attempt = sink.matching("/to12");
    assert.equal(attempt.length, 1, "retries:0 → one attempt");
    assert.equal(attempt[0].headers["upstash-message-id"], messageId);
    assert.equal(entry.messageId, messageId);
    assert.equal(entry.maxRetries, 0);
    assert.equal(typeof entry.dlqId, "string");
    assert.equal(entry.responseStatus, 0, "no HTTP response → responseStatus 0 (§17.2, py-req)");
    assert.equal(sink.count("/to12"), 1, "retries:0 → one attempt");

    const states = (await statesOf(messageId)).map((e) => e.state);
    assert.ok(states.includes("ERROR") && states.includes("FAILED"), `states: ${states}`);
    assert.ok(!states.includes("DELIVERED"), `a timed-out attempt is not DELIVERED: ${states}`);
  });

  test("19. always-500 with retries:2 → 3 attempts (Upstash-Retried 0,1,2), ERROR/RETRY events, FAILED, DLQ entry", async () => {
    behaviours.set("/fail19", fail500("boom19"));
    const { messageId } = await client.publish({ url: `${S}/fail19`, body: "payload19", retries: 2, retryDelay: "100" });
    const attempts = [];
    for (const n of [1, 2, 3]) attempts.push(await sink.waitFor("/fail19", { n }));
    assert.deepEqual(
      attempts.map((r) => r.headers["upstash-retried"]),
      ["0", "1", "2"],
    );
    for (const r of attempts) {
      assert.equal(r.headers["upstash-message-id"], messageId);
      assert.equal(r.text, "payload19");
      await assertSigned(r, `${S}/fail19`);
    }

    const entry = await dlqEntryOf(messageId);
    assert.equal(entry.responseStatus, 500);
    assert.equal(typeof entry.dlqId, "string");
    assert.ok(entry.dlqId.length > 0);
    assert.equal(entry.responseBody, "boom19");

    const logs = await eventually(async () => {
      const l = await statesOf(messageId);
      assert.ok(l.some((e) => e.state === "FAILED"), `states: ${l.map((e) => e.state)}`);
      return l;
    });
    const count = (s) => logs.filter((e) => e.state === s).length;
    assert.equal(count("ERROR"), 3, "one ERROR per failed attempt");
    assert.equal(count("RETRY"), 2, "one RETRY per scheduled retry");
    assert.equal(count("FAILED"), 1);
    assert.equal(count("DELIVERED"), 0);
    const failedAt = logs.find((e) => e.state === "FAILED").time;
    for (const e of logs.filter((x) => x.state === "ERROR" || x.state === "RETRY")) {
      assert.ok(e.time <= failedAt, "FAILED comes last");
    }
    for (const e of logs.filter((x) => x.state === "ERROR")) {
      assert.equal(e.responseStatus, 500, `ERROR event carries responseStatus: ${JSON.stringify(e)}`);
    }
    await sleep(QUIET_MS);
    assert.equal(sink.count("/fail19"), 3, "no attempt after the retries are exhausted");
  });

  test("20. 489 + Upstash-NonRetryable-Error: true → one attempt, straight to the DLQ; 489 alone is retried", async () => {
    behaviours.set("/nr20", () => ({
      status: 489,
      headers: { "upstash-nonretryable-error": "true", "content-type": "text/plain" },
      body: "do not retry",
    }));
    const { messageId } = await client.publish({ url: `${S}/nr20`, body: "x", retries: 3, retryDelay: "50" });
    const entry = await dlqEntryOf(messageId);
    assert.equal(entry.responseStatus, 489);
    assert.equal(entry.responseBody, "do not retry");
    assert.deepEqual(entry.responseHeader?.["Upstash-Nonretryable-Error"] ?? entry.responseHeader?.["Upstash-NonRetryable-Error"], ["true"],
      `responseHeader: ${JSON.stringify(entry.responseHeader)}`);
    await sleep(QUIET_MS);
    assert.equal(sink.count("/nr20"), 1, "exactly one attempt");
    const states = (await statesOf(messageId)).map((e) => e.state);
    assert.ok(!states.includes("RETRY"), `no RETRY after a non-retryable error: ${states}`);
    assert.ok(states.includes("FAILED"), `states: ${states}`);

    // Without the header 489 is an ordinary failure (§13.2).
    behaviours.set("/nr20b", () => ({ status: 489, body: "plain 489" }));
    const plain = await client.publish({ url: `${S}/nr20b`, body: "x", retries: 1, retryDelay: "50" });
    await sink.waitFor("/nr20b", { n: 2 });
    const plainEntry = await dlqEntryOf(plain.messageId);
    assert.equal(plainEntry.responseStatus, 489);
    assert.equal(sink.count("/nr20b"), 2);
  });

  test("21. Retry-After / X-RateLimit-Reset decide the next attempt (default backoff would be 12 s)", async () => {
    // Each case: first answer 503 with the given headers, then 200. Default backoff for the first
    // retry is 12 s, so a retry inside the window proves the header was honoured.
    const cases = [
      { path: "/ra21/seconds", headers: { "retry-after": "1" }, min: 900, max: 3000 },
      { path: "/ra21/zero", headers: { "retry-after": "0" }, min: 0, max: 1500 },
      { path: "/ra21/go", headers: { "x-ratelimit-reset": "500ms" }, min: 450, max: 2500 },
      {
        path: "/ra21/date",
        headers: { "retry-after": new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000).toUTCString() },
        min: 0,
        max: 4000,
        dateCase: true,
      },
    ];
    const ids = new Map();
    for (const c of cases) {
      behaviours.set(c.path, (r) =>
        sink.count(c.path) === 1 ? { status: 503, headers: { ...c.headers, "content-type": "text/plain" }, body: "busy" } : undefined,
      );
      ids.set(c.path, (await client.publish({ url: `${S}${c.path}`, body: "ra" })).messageId);
    }
    for (const c of cases) {
      const first = await sink.waitFor(c.path);
      const second = await sink.waitFor(c.path, { n: 2, timeoutMs: 6000 });
      const gap = second.receivedAt - first.receivedAt;
      assert.equal(second.headers["upstash-retried"], "1");
      if (c.dateCase) {
        const target = Date.parse(c.headers["retry-after"]);
        assert.ok(second.receivedAt >= target - 1100, `${c.path}: retried at ${second.receivedAt}, before the date ${target}`);
      }
      assert.ok(gap >= c.min && gap <= c.max, `${c.path}: second attempt after ${gap} ms, expected ${c.min}..${c.max} ms`);
    }
    for (const c of cases) {
      await eventually(async () => {
        const states = (await statesOf(ids.get(c.path))).map((e) => e.state);
        assert.ok(states.includes("DELIVERED"), `${c.path}: ${states}`);
        assert.ok(states.includes("ERROR") && states.includes("RETRY"), `${c.path}: ${states}`);
      });
    }
  });

  test("22. failing destination with callback + failureCallback: /cb twice (retried absent, then 1), /fcb once with dlqId", async () => {
    behaviours.set("/cbfail22", fail500("boom22"));
    const sourceBody = "hello source ~~~???>>>"; // base64 of this contains '+' and '/': standard alphabet
    const { messageId } = await client.publish({
      url: `${S}/cbfail22`,
      body: sourceBody,
      method: "PUT",
      retries: 1,
      retryDelay: "100",
      callback: `${S}/cb22`,
      failureCallback: `${S}/fcb22`,
      headers: {
        "content-type": "text/plain",
        "x-src": "1",
        "Upstash-Callback-Forward-X-Cb": "cbv",
        "Upstash-Failure-Callback-Forward-X-Fcb": "fcbv",
      },
    });
    assert.match(b64(sourceBody), /[+/]/, "test data exercises the standard base64 alphabet");

    const cbs = [await sink.waitFor("/cb22"), await sink.waitFor("/cb22", { n: 2 })];
    const fcb = await sink.waitFor("/fcb22");
    const entry = await dlqEntryOf(messageId);
    assert.equal(entry.callback, `${S}/cb22`, "DLQ message keeps its callback");
    assert.equal(entry.failureCallback, `${S}/fcb22`);

    const parsed = cbs.map((r) => ({ r, body: JSON.parse(r.text) }));
    parsed.sort((x, y) => (x.body.retried ?? 0) - (y.body.retried ?? 0));
    for (const [i, { r, body }] of parsed.entries()) {
      const label = `callback #${i + 1}`;
      assert.equal(r.method, "POST", `${label}: callbacks are POST by default`);
      assert.equal(r.headers["x-cb"], "cbv", `${label}: Upstash-Callback-Forward-X-Cb`);
      assert.equal(r.headers["x-fcb"], undefined, `${label}: failure-callback headers stay on the failure callback`);
      assert.equal(r.headers["user-agent"], "Upstash-QStash");
      assert.match(r.headers["upstash-message-id"] ?? "", /^msg_/);
      assert.notEqual(r.headers["upstash-message-id"], messageId, `${label}: a callback is a message of its own`);
      await assertSigned(r, `${S}/cb22`);

      assert.equal(body.status, 500, label);
      assert.deepEqual(body.header?.["X-Fail"], ["yes"], `${label}: header ${JSON.stringify(body.header)}`);
      assert.equal(body.body, b64("boom22"), `${label}: response body is standard base64`);
      assert.equal(body.maxRetries, 1, label);
      assert.equal(body.sourceMessageId, messageId, label);
      assert.equal(body.url, `${S}/cbfail22`, label);
      assert.equal(body.method, "PUT", label);
      assert.deepEqual(body.sourceHeader?.["X-Src"], ["1"], `${label}: sourceHeader ${JSON.stringify(body.sourceHeader)}`);
      assert.deepEqual(body.sourceHeader?.["Content-Type"], ["text/plain"], label);
      assert.equal(body.sourceBody, b64(sourceBody), `${label}: sourceBody is standard base64`);
      assert.equal(body.dlqId, undefined, `${label}: dlqId only on the failure callback`);
      assert.equal(body.topicName, undefined, `${label}: no URL-group context`);
    }
    assert.ok(!("retried" in parsed[0].body), `first callback has no 'retried': ${cbs[0].text}`);
    assert.equal(parsed[1].body.retried, 1, "second callback: retried = 1 = maxRetries (the last one)");

    // Failure callback.
    const f = JSON.parse(fcb.text);
    assert.equal(fcb.method, "POST");
    assert.equal(fcb.headers["x-fcb"], "fcbv", "Upstash-Failure-Callback-Forward-X-Fcb");
    assert.equal(fcb.headers["x-cb"], undefined);
    await assertSigned(fcb, `${S}/fcb22`);
    assert.equal(f.dlqId, entry.dlqId, "failure callback carries the DLQ id");
    assert.equal(f.status, 500);
    assert.equal(f.body, b64("boom22"));
    assert.deepEqual(f.header?.["X-Fail"], ["yes"]);
    assert.equal(f.retried, 1);
    assert.equal(f.maxRetries, 1);
    assert.equal(f.sourceMessageId, messageId);
    assert.equal(f.url, `${S}/cbfail22`);
    assert.equal(f.method, "PUT");
    assert.deepEqual(f.sourceHeader?.["X-Src"], ["1"]);
    assert.equal(f.sourceBody, b64(sourceBody));

    await sleep(QUIET_MS);
    assert.equal(sink.count("/cbfail22"), 2, "1 + retries:1 attempts");
    assert.equal(sink.count("/cb22"), 2, "one callback per attempt");
    assert.equal(sink.count("/fcb22"), 1, "one failure callback");
  });

  test("23. success callback: status 200; Callback-Method/-Forward/-Retries/-Retry-Delay apply; no failure callback", async () => {
    // The callback endpoint itself fails once: the callback message is retried per its own config.
    behaviours.set("/cb23", (r) => (sink.count("/cb23") === 1 ? { status: 500, body: "cb down" } : undefined));
    const { messageId } = await client.publish({
      url: `${S}/ok23`,
      body: "fine",
      callback: `${S}/cb23`,
      failureCallback: `${S}/fcb23`,
      headers: {
        "Upstash-Callback-Method": "PUT",
        "Upstash-Callback-Forward-X-Cb": "1",
        "Upstash-Callback-Retries": "1",
        "Upstash-Callback-Retry-Delay": "50",
      },
    });
    const ok = await sink.waitFor("/ok23");
    assert.equal(ok.headers["upstash-message-id"], messageId);

    const c1 = await sink.waitFor("/cb23");
    const c2 = await sink.waitFor("/cb23", { n: 2 });
    for (const [i, r] of [c1, c2].entries()) {
      assert.equal(r.method, "PUT", "Upstash-Callback-Method");
      assert.equal(r.headers["x-cb"], "1", "Upstash-Callback-Forward-X-Cb");
      assert.equal(r.headers["upstash-retried"], String(i), "the callback message's own retry counter");
      await assertSigned(r, `${S}/cb23`);
      const body = JSON.parse(r.text);
      assert.equal(body.status, 200);
      assert.equal(body.body, b64("ok"), "the destination's response body, base64");
      assert.ok(!("retried" in body), "first (and only) attempt: no 'retried'");
      assert.equal(body.maxRetries, 3, "default retries of the original");
      assert.equal(body.sourceMessageId, messageId);
      assert.equal(body.url, `${S}/ok23`);
      assert.equal(body.method, "POST");
      assert.equal(body.sourceBody, b64("fine"));
      assert.equal(body.dlqId, undefined);
    }
    assert.equal(c1.headers["upstash-message-id"], c2.headers["upstash-message-id"], "a retry of the same callback message");

    await sleep(QUIET_MS);
    assert.equal(sink.count("/cb23"), 2, "the callback stops after it succeeded");
    assert.equal(sink.count("/fcb23"), 0, "no failure callback after success");
    assert.equal(sink.count("/ok23"), 1);
  });

  // ---------------------------------------------------------------------- DLQ (items 49-54)

  /** DLQ entries created for 49-51, by name. */
  const E = {};
  let tBefore;

  test("49. dlq.listMessages: full DLQ message fields; no cursor on one page; count:1 pages with a cursor", async () => {
    tBefore = Date.now();
    await sleep(5); // strictly separate the entries below from all earlier ones (fromDate/toDate)
    E.a = await deadLetter("/dlq/a", { body: "dlq a", label: "dlq-la", headers: { "x-h": "a" } });
    E.b = await deadLetter("/dlq/b", { body: "dlq b", label: ["dlq-lb", "dlq-lx"], reply: () => ({ status: 502, body: "bad gateway" }) });
    await client.urlGroups.addEndpoints({ name: "dlqgrp", endpoints: [{ name: "ep", url: `${S}/dlq/g` }] });
    behaviours.set("/dlq/g", fail500("boom-g"));
    const grp = await client.publish({ urlGroup: "dlqgrp", body: "dlq g", retries: 0, callback: `${S}/cb49g` });
    E.g = await dlqEntryOf(grp[0].messageId);
    // A URL-group message's callback carries the group context (§13.5, §13.6).
    const gcb = await sink.waitFor("/cb49g");
    await assertSigned(gcb, `${S}/cb49g`);
    const gBody = JSON.parse(gcb.text);
    assert.equal(gBody.topicName, "dlqgrp", gcb.text);
    assert.equal(gBody.endpointName, "ep", gcb.text);
    assert.equal(gBody.url, `${S}/dlq/g`);
    assert.equal(gBody.sourceMessageId, grp[0].messageId);
    assert.equal(gBody.status, 500);
    assert.equal(gBody.body, b64("boom-g"));

    const a = E.a;
    assert.equal(a.url, `${S}/dlq/a`);
    assert.equal(a.method, "POST");
    assert.equal(a.body, "dlq a");
    assert.deepEqual(a.header?.["X-H"], ["a"], JSON.stringify(a.header));
    assert.equal(a.maxRetries, 0);
    assert.equal(typeof a.createdAt, "number");
    assert.equal(typeof a.notBefore, "number");
    assert.ok(a.createdAt >= tBefore);
    assert.equal(a.label, "dlq-la");
    assert.deepEqual(a.labels, ["dlq-la"]);
    assert.equal(typeof a.dlqId, "string");
    assert.equal(a.responseStatus, 500);
    assert.deepEqual(a.responseHeader?.["X-Fail"], ["yes"], JSON.stringify(a.responseHeader));
    assert.equal(a.responseBody, "boom");
    assert.equal(E.b.responseStatus, 502);
    assert.deepEqual(E.b.labels, ["dlq-lb", "dlq-lx"]);
    assert.equal(E.g.topicName, "dlqgrp");
    assert.equal(E.g.urlGroup, "dlqgrp", "SDK maps topicName → urlGroup");
    assert.equal(E.g.endpointName, "ep");
    assert.equal(E.g.url, `${S}/dlq/g`);

    // One page: no cursor at all (not "", not null) — §9.1 / §21.4.
    const raw = await rawRequest(`${broker.url}/v2/dlq`, { headers: authHeaders() });
    assert.equal(raw.status, 200, raw.text);
    assert.match(raw.headers.get("content-type") ?? "", /^application\/json/i);
    assert.ok(Array.isArray(raw.json?.messages), raw.text);
    assert.ok(!("cursor" in raw.json), `no cursor key on the last page: ${raw.text.slice(0, 200)}`);
    const all = await client.dlq.listMessages();
    assert.equal(all.cursor, undefined);
    assert.ok(all.messages.length >= 9, `entries from items 12-22 and 49: ${all.messages.length}`);
    const allIds = new Set(all.messages.map((m) => m.dlqId));
    assert.equal(allIds.size, all.messages.length, "dlqIds are unique");
    for (const id of [E.a.dlqId, E.b.dlqId, E.g.dlqId]) assert.ok(allIds.has(id));

    // count:1 → one entry per page, a cursor while more remain, every entry exactly once.
    const seen = [];
    let cursor;
    let pages = 0;
    do {
      const page = await client.dlq.listMessages({ count: 1, cursor });
      pages++;
      assert.ok(page.messages.length <= 1, `count:1 page has ${page.messages.length} entries`);
      seen.push(...page.messages.map((m) => m.dlqId));
      if (page.cursor !== undefined) {
        assert.equal(typeof page.cursor, "string");
        assert.ok(page.cursor.length > 0);
        assert.equal(page.messages.length, 1, "a page with a cursor is full");
      }
      cursor = page.cursor;
      assert.ok(pages <= all.messages.length + 1, "paging terminates");
    } while (cursor);
    assert.deepEqual([...seen].sort(), [...allIds].sort(), "paging visits every entry exactly once");
  });

  test("50. dlq.listMessages filters: url, label, responseStatus, fromDate/toDate, urlGroup, messageId, dlqIds; unknown key → 400", async () => {
    const ids = (r) => r.messages.map((m) => m.dlqId).sort();
    const sorted = (...xs) => xs.sort();

    assert.deepEqual(ids(await client.dlq.listMessages({ filter: { url: [`${S}/dlq/a`, `${S}/dlq/b`] } })), sorted(E.a.dlqId, E.b.dlqId));
    assert.deepEqual(ids(await client.dlq.listMessages({ filter: { url: `${S}/dlq/a` } })), [E.a.dlqId]);
    assert.deepEqual(ids(await client.dlq.listMessages({ filter: { label: ["dlq-la", "dlq-lx"] } })), sorted(E.a.dlqId, E.b.dlqId));
    assert.deepEqual(ids(await client.dlq.listMessages({ filter: { label: "dlq-lb" } })), [E.b.dlqId], "any of a message's labels matches");

    const s502 = await client.dlq.listMessages({ filter: { responseStatus: 502 } });
    assert.deepEqual(ids(s502), [E.b.dlqId]);
    const s5xx = await client.dlq.listMessages({ filter: { responseStatus: [500, 502] } });
    assert.ok(s5xx.messages.every((m) => m.responseStatus === 500 || m.responseStatus === 502), JSON.stringify(s5xx.messages.map((m) => m.responseStatus)));
    for (const e of [E.a, E.b, E.g]) assert.ok(ids(s5xx).includes(e.dlqId));
    assert.ok(!s5xx.messages.some((m) => m.responseStatus === 489 || m.responseStatus === 0), "489/0 entries excluded");

    const since = await client.dlq.listMessages({ filter: { fromDate: new Date(tBefore) } });
    assert.deepEqual(ids(since), sorted(E.a.dlqId, E.b.dlqId, E.g.dlqId), "fromDate (epoch ms, inclusive)");
    const until = await client.dlq.listMessages({ filter: { toDate: tBefore } });
    assert.ok(until.messages.length >= 6, "older entries (items 12-22)");
    for (const e of [E.a, E.b, E.g]) assert.ok(!ids(until).includes(e.dlqId), "toDate excludes newer entries");
    const combo = await client.dlq.listMessages({ filter: { fromDate: tBefore, responseStatus: 500 } });
    assert.deepEqual(ids(combo), sorted(E.a.dlqId, E.g.dlqId), "AND across keys");

    assert.deepEqual(ids(await client.dlq.listMessages({ filter: { urlGroup: "dlqgrp" } })), [E.g.dlqId], "urlGroup → topicName");
    assert.deepEqual(ids(await client.dlq.listMessages({ filter: { messageId: E.b.messageId } })), [E.b.dlqId]);
    assert.deepEqual(ids(await client.dlq.listMessages({ dlqIds: [E.a.dlqId] })), [E.a.dlqId]);
    assert.deepEqual(ids(await client.dlq.listMessages({ dlqIds: [E.a.dlqId, E.g.dlqId] })), sorted(E.a.dlqId, E.g.dlqId));

    const none = await client.dlq.listMessages({ filter: { label: "dlq-nothing" } });
    assert.deepEqual(none.messages, []);
    assert.equal(none.cursor, undefined);

    // Unknown filter keys (and host/path, which DLQ endpoints do not accept) are rejected.
    const before = (await allDlq()).length;
    await assertQstashError(client.dlq.delete(/** @type {any} */ ({ filter: { labeel: "x" } })), 400);
    await assertQstashError(client.dlq.listMessages(/** @type {any} */ ({ filter: { labeel: "x" } })), 400);
    await assertQstashError(client.dlq.retry(/** @type {any} */ ({ filter: { labeel: "x" } })), 400);
    await assertQstashError(client.dlq.listMessages(/** @type {any} */ ({ filter: { host: "127.0.0.1" } })), 400);
    await assertQstashError(client.dlq.delete(/** @type {any} */ ({ filter: { path: "/dlq/a" } })), 400);
    assert.equal((await allDlq()).length, before, "rejected bulk actions touch nothing");

    // Every known filter key is accepted even when nothing matches (§21.3).
    for (const filter of [
      { queueName: "nope" },
      { scheduleId: "nope" },
      { flowControlKey: "nope" },
      { callerIp: "192.0.2.1" },
      { messageId: "msg_nope" },
      { urlGroup: ["nope1", "nope2"] },
    ]) {
      const r = await client.dlq.listMessages({ filter });
      assert.deepEqual(r.messages, [], JSON.stringify(filter));
    }
  });

  test("51. dlq.retry(dlqId) → new message delivered, entry gone (delete → 404); redacted fields replay with originals; single retry with override headers", async () => {
    behaviours.delete("/dlq/a"); // the destination works now
    const res = await client.dlq.retry(E.a.dlqId);
    assert.equal(res.cursor, undefined);
    assert.equal(res.responses.length, 1, JSON.stringify(res));
    const newId = res.responses[0].messageId;
    assert.match(newId, /^msg_/);
    assert.notEqual(newId, E.a.messageId, "a replay is a new message");

    const r = await sink.waitFor("/dlq/a", { n: 2 });
    assert.equal(r.headers["upstash-message-id"], newId);
    assert.equal(r.headers["upstash-retried"], "0");
    assert.equal(r.text, "dlq a", "same body");
    assert.equal(r.headers["x-h"], "a", "same headers");
    await assertSigned(r, `${S}/dlq/a`);
    await assertQstashError(client.dlq.delete(E.a.dlqId), 404);
    assertJsonError(await rawRequest(`${broker.url}/v2/dlq/${E.a.dlqId}`, { headers: authHeaders() }), 404);

    // Redacted message: DLQ shows REDACTED, the replay delivers the original values (§9.4).
    const red = await deadLetter("/dlq/red", {
      body: "top secret 51",
      redact: { body: true, header: ["Authorization"] },
      headers: { Authorization: "Bearer r51" },
    });
    assert.match(red.body ?? "", /^REDACTED:/, `DLQ body: ${red.body}`);
    assert.match(red.header?.Authorization?.[0] ?? "", /^REDACTED:/, JSON.stringify(red.header));
    behaviours.delete("/dlq/red");
    const redRes = await client.dlq.retry([red.dlqId]);
    assert.equal(redRes.responses.length, 1);
    const rr = await sink.waitFor("/dlq/red", { n: 2 });
    assert.equal(rr.text, "top secret 51");
    assert.equal(rr.headers.authorization, "Bearer r51");

    // OAS single retry POST /v2/dlq/retry/{id} → 201 {messageId}; override Upstash-Retries: 0.
    behaviours.set("/dlq/c", fail500("boom-c"));
    const c = await client.publish({ url: `${S}/dlq/c`, body: "dlq c", retries: 1, retryDelay: "50" });
    const cEntry = await dlqEntryOf(c.messageId);
    assert.equal(cEntry.maxRetries, 1);
    assert.equal(sink.count("/dlq/c"), 2);
    const single = await rawRequest(`${broker.url}/v2/dlq/retry/${cEntry.dlqId}`, {
      method: "POST",
      headers: authHeaders({ "Upstash-Retries": "0" }),
    });
    assert.equal(single.status, 201, single.text);
    assert.match(single.json?.messageId ?? "", /^msg_/, single.text);
    const replay = await dlqEntryOf(single.json.messageId);
    assert.equal(replay.maxRetries, 0, "Upstash-Retries on the retry request overrides the original's");
    assert.equal(replay.body, "dlq c");
    await sleep(QUIET_MS);
    assert.equal(sink.count("/dlq/c"), 3, "the replay made exactly one attempt");
    const again = await rawRequest(`${broker.url}/v2/dlq/retry/${cEntry.dlqId}`, { method: "POST", headers: authHeaders() });
    assertJsonError(again, 404);
    E.cReplay = replay;
  });

  test("52. dlq.retry({filter:{label}, count:1}) → exactly 1; retry({all:true}) replays every entry", async () => {
    const l1 = await deadLetter("/dlq/l1", { body: "l1", label: "dlq-L52" });
    const l2 = await deadLetter("/dlq/l2", { body: "l2", label: "dlq-L52" });
    behaviours.delete("/dlq/l1");
    behaviours.delete("/dlq/l2");

    const one = await client.dlq.retry({ filter: { label: "dlq-L52" }, count: 1 });
    assert.equal(one.responses.length, 1, JSON.stringify(one));
    const left = await client.dlq.listMessages({ filter: { label: "dlq-L52" } });
    assert.equal(left.messages.length, 1, "one L52 entry left");
    const retriedEntry = left.messages[0].dlqId === l1.dlqId ? l2 : l1;
    const retriedPath = retriedEntry === l1 ? "/dlq/l1" : "/dlq/l2";
    const d = await sink.waitFor(retriedPath, { n: 2 });
    assert.equal(d.headers["upstash-message-id"], one.responses[0].messageId);

    // Filter retries never error for any known filter key (§9.4), even when nothing matches.
    for (const filter of [{ url: "http://127.0.0.1:1/nomatch" }, { urlGroup: "nope" }, { queueName: "nope" }, { responseStatus: 418 }, { fromDate: Date.now() + 3600_000 }]) {
      const r = await client.dlq.retry({ filter });
      assert.deepEqual(r.responses, [], JSON.stringify(filter));
      assert.equal(r.cursor, undefined);
    }

    // Everything answers 200 from now on, so every replay is delivered and leaves the DLQ.
    behaviours.clear();
    const everything = await allDlq();
    assert.ok(everything.length >= 5 && everything.length <= 100, `DLQ size ${everything.length}`);
    const all = await client.dlq.retry({ all: true });
    assert.equal(all.cursor, undefined, "all entries fit in one call (count 100)");
    assert.equal(all.responses.length, everything.length, "one response per DLQ entry");
    const newIds = all.responses.map((x) => x.messageId);
    assert.equal(new Set(newIds).size, newIds.length);
    for (const id of newIds) assert.match(id, /^msg_/);

    await eventually(async () => {
      const delivered = new Set(sink.requests.map((x) => x.headers["upstash-message-id"]));
      const missing = newIds.filter((id) => !delivered.has(id));
      assert.deepEqual(missing, [], "every replayed message reaches its destination");
    });
    await eventually(async () => {
      const rest = await client.dlq.listMessages();
      assert.deepEqual(rest.messages.map((m) => m.url), [], "the DLQ is empty after retry all");
      assert.equal(rest.cursor, undefined);
    });
  });

  test("53. dlq.delete: one → {deleted:1} then 404; [a,b] → {deleted:2}; {all,count:1} → 1; no-match filter → {deleted:0}", async () => {
    const e = [];
    for (const n of [1, 2, 3, 4, 5]) e.push(await deadLetter(`/dlq53/${n}`, { body: `d${n}` }));

    assert.deepEqual(await client.dlq.delete(e[0].dlqId), { deleted: 1 });
    await assertQstashError(client.dlq.delete(e[0].dlqId), 404);
    const del = await rawRequest(`${broker.url}/v2/dlq/${e[0].dlqId}`, { method: "DELETE", headers: authHeaders() });
    assertJsonError(del, 404);

    const two = await client.dlq.delete([e[1].dlqId, e[2].dlqId]);
    assert.equal(two.deleted, 2, JSON.stringify(two));
    assert.equal(two.cursor, undefined);
    const obj = await client.dlq.delete({ dlqIds: [e[3].dlqId] });
    assert.equal(obj.deleted, 1, JSON.stringify(obj));

    const noMatch = await client.dlq.delete({ filter: { url: "http://127.0.0.1:1/nomatch" } });
    assert.equal(noMatch.deleted, 0, JSON.stringify(noMatch));
    assert.equal(noMatch.cursor, undefined, "no cursor when nothing is left");

    const extra = await deadLetter("/dlq53/6", { body: "d6" });
    assert.equal((await allDlq()).length, 2, "e[4] and the extra one are left");
    const first = await client.dlq.delete({ all: true, count: 1 });
    assert.equal(first.deleted, 1, JSON.stringify(first));
    const rest = await allDlq();
    assert.equal(rest.length, 1);
    assert.ok([e[4].dlqId, extra.dlqId].includes(rest[0].dlqId));
    const last = await client.dlq.delete({ all: true });
    assert.equal(last.deleted, 1, JSON.stringify(last));
    assert.equal(last.cursor, undefined);
    assert.deepEqual((await client.dlq.listMessages()).messages, []);
  });

  test("54. Python dlq.get (GET /v2/dlq/{id}) and dlq.delete_many (JSON body {dlqIds})", async () => {
    const a = await deadLetter("/dlq54/a", { body: "p54a", label: "py54", reply: () => ({ status: 503, body: "unavailable" }) });
    const b = await deadLetter("/dlq54/b", { body: "p54b" });
    const c = await deadLetter("/dlq54/c", { body: "p54c" });

    const got = await rawRequest(`${broker.url}/v2/dlq/${a.dlqId}`, { headers: authHeaders() });
    assert.equal(got.status, 200, got.text);
    assert.match(got.headers.get("content-type") ?? "", /^application\/json/i);
    const m = got.json;
    // Keys qstash-py indexes directly (§17.1, §17.2).
    for (const k of ["messageId", "url", "method", "maxRetries", "notBefore", "createdAt", "dlqId", "responseStatus"]) {
      assert.ok(k in m, `GET /v2/dlq/{id} lacks ${k}: ${got.text}`);
    }
    assert.equal(m.dlqId, a.dlqId);
    assert.equal(m.messageId, a.messageId);
    assert.equal(m.url, `${S}/dlq54/a`);
    assert.equal(m.method, "POST");
    assert.equal(m.body, "p54a");
    assert.equal(m.maxRetries, 0);
    assert.equal(m.responseStatus, 503);
    assert.equal(m.responseBody, "unavailable");
    assert.equal(m.label, "py54");
    assert.deepEqual(m.labels, ["py54"]);

    assertJsonError(await rawRequest(`${broker.url}/v2/dlq/1700000000000-0`, { headers: authHeaders() }), 404);

    // qstash-py dlq.delete_many(ids): DELETE /v2/dlq with a JSON body.
    const many = await rawRequest(`${broker.url}/v2/dlq`, {
      method: "DELETE",
      headers: authHeaders({ "Content-Type": "application/json" }),
      body: JSON.stringify({ dlqIds: [a.dlqId, b.dlqId] }),
    });
    assert.equal(many.status, 200, many.text);
    assert.deepEqual(many.json, { deleted: 2 }, "JSON {deleted}, no cursor");
    assertJsonError(await rawRequest(`${broker.url}/v2/dlq/${a.dlqId}`, { headers: authHeaders() }), 404);
    assertJsonError(await rawRequest(`${broker.url}/v2/dlq/${b.dlqId}`, { headers: authHeaders() }), 404);
    const left = await client.dlq.listMessages();
    assert.deepEqual(left.messages.map((x) => x.dlqId), [c.dlqId]);
  });
});

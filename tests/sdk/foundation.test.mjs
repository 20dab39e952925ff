// Foundation SDK suite: drives a real LocalStash broker with the official @upstash/qstash 2.12.0
// JS SDK and checks what a real HTTP destination receives (contract §1.4, §3, §6, §10, §11, §14,
// §20, §21 of qstash-api.md).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import { Client, QstashError, Receiver, SignatureError } from "@upstash/qstash";

import {
  DEV_CURRENT_SIGNING_KEY,
  DEV_NEXT_SIGNING_KEY,
  DEV_TOKEN,
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

/** Remember the first delivered /json request for the signature test. */
let jsonDelivery;

const sha256b64url = (buf) => createHash("sha256").update(buf).digest("base64url");
const authHeaders = () => ({ Authorization: `Bearer ${broker.token}` });

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

describe("foundation: publish, delivery, signature, messages, logs, keys, errors", { timeout: 60000 }, () => {
  before(async () => {
    broker = await startBroker();
    sink = await startReceiver();
    S = sink.url;
    client = new Client({ baseUrl: broker.url, token: broker.token, retry: false });
  });

  after(async () => {
    await sink?.close();
    await broker?.stop();
  });

  test("broker banner advertises the dev-server credentials", () => {
    assert.match(broker.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(broker.env.QSTASH_URL, broker.url);
    assert.equal(broker.token, DEV_TOKEN);
    assert.equal(broker.currentSigningKey, DEV_CURRENT_SIGNING_KEY);
    assert.equal(broker.nextSigningKey, DEV_NEXT_SIGNING_KEY);
  });

  test("1. publishJSON delivers body and headers to the destination", async () => {
    const res = await client.publishJSON({
      url: `${S}/json`,
      body: { hello: "world" },
      headers: { "test-header": "v" },
    });
    assert.match(res.messageId, /^msg_/, `messageId: ${res.messageId}`);
    assert.equal(res.url, `${S}/json`);

    const r = await sink.waitFor("/json");
    jsonDelivery = r;
    assert.equal(r.method, "POST");
    assert.equal(r.url, "/json");
    assert.equal(r.text, '{"hello":"world"}');
    assert.equal(r.headers["content-type"], "application/json");
    assert.equal(r.headers["test-header"], "v");
    assert.equal(r.headers["user-agent"], "Upstash-QStash");
    assert.equal(r.headers["upstash-message-id"], res.messageId);
    assert.equal(r.headers["upstash-retried"], "0");
    assert.ok(r.headers["upstash-signature"], "upstash-signature header present");

    // §13.1: publish-side config / auth / telemetry headers are not forwarded.
    assert.equal(r.headers.authorization, undefined, "Authorization must not be forwarded");
    const leaked = Object.keys(r.headers).filter(
      (h) => h.startsWith("upstash-forward-") || h.startsWith("upstash-telemetry-") || h === "upstash-method",
    );
    assert.deepEqual(leaked, [], `publish-side headers leaked to the destination: ${leaked}`);
    assert.equal(sink.count("/json"), 1, "delivered exactly once");
  });

  test("2. Upstash-Signature verifies with the SDK Receiver; tampering is rejected", async () => {
    const r = jsonDelivery ?? (await sink.waitFor("/json"));
    const signature = r.headers["upstash-signature"];
    const receiver = new Receiver({
      currentSigningKey: DEV_CURRENT_SIGNING_KEY,
      nextSigningKey: DEV_NEXT_SIGNING_KEY,
    });

    assert.equal(await receiver.verify({ signature, body: r.text, url: `${S}/json` }), true);
    await assert.rejects(
      receiver.verify({ signature, body: '{"hello":"world!"}', url: `${S}/json` }),
      SignatureError,
      "tampered body must be rejected",
    );
    await assert.rejects(
      receiver.verify({ signature, body: r.text, url: `${S}/other` }),
      SignatureError,
      "wrong url must be rejected",
    );
    // Signed with the *current* key: a receiver that only knows the next key rejects it.
    await assert.rejects(
      new Receiver({ currentSigningKey: DEV_NEXT_SIGNING_KEY, nextSigningKey: DEV_NEXT_SIGNING_KEY }).verify({
        signature,
        body: r.text,
      }),
      SignatureError,
    );

    // §14.1 token shape and claims.
    const { header, payload } = decodeJwt(signature);
    assert.deepEqual(header, { alg: "HS256", typ: "JWT" });
    assert.equal(payload.iss, "Upstash");
    assert.equal(payload.sub, `${S}/json`);
    assert.equal(typeof payload.iat, "number");
    assert.equal(payload.exp, payload.iat + 300);
    assert.equal(typeof payload.nbf, "number");
    assert.ok(payload.nbf <= payload.iat);
    assert.ok(Math.abs(payload.iat - Date.now() / 1000) < 60, `iat ${payload.iat} is not 'now'`);
    assert.equal(typeof payload.jti, "string");
    assert.ok(payload.jti.length > 0);
    const expectedHash = sha256b64url(r.body);
    assert.equal(payload.body.replace(/=+$/, ""), expectedHash, "body claim = base64url(sha256(body))");
    assert.equal(payload.body, `${expectedHash}=`, "body claim carries '=' padding (§14.1)");
  });

  test("3. GET delivery keeps the destination query string intact", async () => {
    const dest = `${S}/get?x=1&y=%2F`;
    const res = await client.publish({ url: dest, method: "GET" });
    assert.match(res.messageId, /^msg_/);
    assert.equal(res.url, dest);

    const r = await sink.waitFor("/get");
    assert.equal(r.method, "GET");
    assert.equal(r.url, "/get?x=1&y=%2F");
    assert.equal(r.body.length, 0, "GET delivery has no body");
    assert.equal(r.headers["upstash-message-id"], res.messageId);

    // The signature's subject is the destination exactly as published, body = empty string.
    const receiver = new Receiver({
      currentSigningKey: DEV_CURRENT_SIGNING_KEY,
      nextSigningKey: DEV_NEXT_SIGNING_KEY,
    });
    assert.equal(await receiver.verify({ signature: r.headers["upstash-signature"], body: "", url: dest }), true);
  });

  test("4. messages.get on a delayed message, then cancel → 404", async () => {
    const t0 = Date.now();
    const res = await client.publish({
      url: `${S}/msg`,
      body: "payload",
      method: "PUT",
      delay: 60,
      retries: 2,
      headers: { "test-header": "v", "content-type": "text/plain" },
    });
    const t1 = Date.now();
    const id = res.messageId;

    const m = await client.messages.get(id);
    assert.equal(m.messageId, id);
    assert.equal(m.url, `${S}/msg`);
    assert.equal(m.method, "PUT");
    assert.equal(m.body, "payload");
    assert.equal(m.maxRetries, 2);
    assert.equal(typeof m.createdAt, "number");
    assert.ok(m.createdAt >= t0 - 1000 && m.createdAt <= t1 + 1000, `createdAt ${m.createdAt} not in [${t0}, ${t1}]`);
    assert.equal(typeof m.notBefore, "number");
    assert.ok(m.notBefore >= t0 + 60000 - 1000, `notBefore ${m.notBefore} < publish time ${t0} + 60 s`);
    assert.ok(m.notBefore <= t1 + 60000 + 1000, `notBefore ${m.notBefore} > publish time ${t1} + 60 s`);
    // §6.1: only user-facing headers, canonical names, array values.
    assert.deepEqual(m.header, { "Content-Type": ["text/plain"], "Test-Header": ["v"] });

    const cancelled = await client.messages.cancel(id);
    assert.deepEqual(cancelled, { cancelled: 1 });
    await assertQstashError(client.messages.get(id), 404);
    await assertQstashError(client.messages.cancel(id), 404);
    assert.equal(sink.count("/msg"), 0, "cancelled message must not be delivered");

    // The deprecated `delete` (no JSON parsing) also cancels.
    const res2 = await client.publish({ url: `${S}/msg2`, body: "x", delay: 60 });
    assert.equal((await client.messages.get(res2.messageId)).messageId, res2.messageId);
    await client.messages.delete(res2.messageId);
    await assertQstashError(client.messages.get(res2.messageId), 404);

    // Unknown id → 404 JSON.
    await assertQstashError(client.messages.get("msg_doesnotexist"), 404);
  });

  test("5. logs/events for a delivered message contain CREATED, ACTIVE, DELIVERED", async () => {
    const res = await client.publish({ url: `${S}/logs`, body: "log me" });
    const id = res.messageId;
    await sink.waitFor("/logs");

    const checkLogs = (logs, label) => {
      assert.ok(Array.isArray(logs), `${label}: logs is an array`);
      for (const e of logs) {
        assert.equal(e.messageId, id, `${label}: filter returned a foreign event ${JSON.stringify(e)}`);
        assert.equal(e.url, `${S}/logs`, `${label}: event url`);
        assert.equal(typeof e.time, "number", `${label}: event time`);
      }
      const states = logs.map((e) => e.state);
      for (const s of ["CREATED", "ACTIVE", "DELIVERED"]) {
        assert.ok(states.includes(s), `${label}: missing ${s} in ${JSON.stringify(states)}`);
      }
      const time = (s) => logs.find((e) => e.state === s).time;
      assert.ok(time("CREATED") <= time("ACTIVE") && time("ACTIVE") <= time("DELIVERED"), `${label}: event times out of order`);
    };

    // DELIVERED is recorded when the destination's response arrives, just after our receiver saw it.
    const byFilter = await eventually(async () => {
      const r = await client.logs({ filter: { messageId: id } });
      checkLogs(r.logs, "logs({filter:{messageId}})");
      return r;
    });
    assert.equal(byFilter.cursor, undefined, "no cursor on the last page (§21.4)");
    assert.deepEqual(byFilter.events, byFilter.logs);

    const byIds = await client.logs({ messageIds: [id] });
    checkLogs(byIds.logs, "logs({messageIds})");

    const viaEvents = await client.events({ filter: { messageId: id } });
    checkLogs(viaEvents.events, "events({filter:{messageId}})");

    // OAS route GET /v2/logs → {logs: [...]}.
    const raw = await rawRequest(`${broker.url}/v2/logs?messageId=${encodeURIComponent(id)}`, {
      headers: authHeaders(),
    });
    assert.equal(raw.status, 200, raw.text);
    checkLogs(raw.json?.logs, "GET /v2/logs");
  });

  test("6. a delayed message is held back, then delivered after the delay", async () => {
    const t0 = Date.now();
    const res = await client.publish({ url: `${S}/delayed`, body: "d", delay: 2 });
    assert.match(res.messageId, /^msg_/);

    // Observable negative: nothing may arrive during the first 1.5 s.
    await sleep(Math.max(0, t0 + 1500 - Date.now()));
    assert.equal(sink.count("/delayed"), 0, "delayed message delivered too early");

    const r = await sink.waitFor("/delayed", { timeoutMs: 6000 });
    assert.equal(r.text, "d");
    assert.equal(r.headers["upstash-message-id"], res.messageId);
    assert.ok(r.receivedAt - t0 >= 2000, `delivered after ${r.receivedAt - t0} ms, expected >= 2000 ms`);
  });

  test("7. a bad token is rejected with 401 and a JSON error", async () => {
    const bad = new Client({ baseUrl: broker.url, token: "nope", retry: false });
    await assertQstashError(bad.publish({ url: `${S}/unauthorized`, body: "x" }), 401);
    await assertQstashError(bad.messages.get("msg_whatever"), 401);
    assert.equal(sink.count("/unauthorized"), 0);
  });

  test("8. GET /v2/keys answers the SDK dev-mode probe; SDK dev mode adopts the broker", async () => {
    // The exact condition the SDK's dev-mode health check applies (§1.4).
    const res = await rawRequest(`${broker.url}/v2/keys`, { headers: { Authorization: `Bearer ${DEV_TOKEN}` } });
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/i);
    assert.deepEqual(res.json, { current: DEV_CURRENT_SIGNING_KEY, next: DEV_NEXT_SIGNING_KEY });

    // Real SDK dev mode against the broker's port (QSTASH_DEV_PORT instead of 8080). Only reached if
    // the probe above passed, so the SDK never tries to download its own dev server.
    const port = new URL(broker.url).port;
    const saved = process.env.QSTASH_DEV_PORT;
    process.env.QSTASH_DEV_PORT = port;
    try {
      const dev = new Client({ devMode: true, retry: false });
      const pub = await dev.publishJSON({ url: `${S}/devmode`, body: { dev: true } });
      assert.match(pub.messageId, /^msg_/);
      const r = await sink.waitFor("/devmode");
      assert.equal(r.text, '{"dev":true}');
      const devReceiver = new Receiver({ devMode: true });
      assert.equal(
        await devReceiver.verify({ signature: r.headers["upstash-signature"], body: r.text, url: `${S}/devmode` }),
        true,
      );
    } finally {
      if (saved === undefined) delete process.env.QSTASH_DEV_PORT;
      else process.env.QSTASH_DEV_PORT = saved;
    }
  });

  test("9. raw API errors are JSON with the right status", async () => {
    const ftp = await rawRequest(`${broker.url}/v2/publish/ftp://x`, {
      method: "POST",
      headers: authHeaders(),
      body: "x",
    });
    const ftpErr = assertJsonError(ftp, 400);
    assert.match(ftpErr.error, /scheme/i, `error should mention the scheme: ${ftpErr.error}`);

    // The SDK path for the same mistake.
    const sdkErr = await assertQstashError(client.publish({ url: "ftp://x", body: "x" }), 400);
    assert.match(sdkErr.error, /scheme/i);

    const unknown = await rawRequest(`${broker.url}/v2/no-such-route`, { headers: authHeaders() });
    assertJsonError(unknown, 404);

    const noToken = await rawRequest(`${broker.url}/v2/keys`);
    assertJsonError(noToken, 401);

    const wrongToken = await rawRequest(`${broker.url}/v2/keys`, { headers: { Authorization: "Bearer nope" } });
    assertJsonError(wrongToken, 401);
  });

  test("10. qstash_token query auth and upstash-* query config (webhook style)", async () => {
    const q = `qstash_token=${encodeURIComponent(broker.token)}&upstash-retries=0&keep=1`;
    const res = await rawRequest(`${broker.url}/v2/publish/${S}/wh?${q}`, { method: "POST", body: "hi" });
    assert.equal(res.status, 200, res.text);
    assert.match(res.json?.messageId ?? "", /^msg_/, res.text);

    const r = await sink.waitFor("/wh");
    assert.equal(r.method, "POST");
    assert.equal(r.url, "/wh?keep=1", "qstash_token and upstash-* query keys must be stripped");
    assert.equal(r.text, "hi");
    assert.equal(r.headers["upstash-message-id"], res.json.messageId);
    assert.equal(r.headers.authorization, undefined);

    // The query config is really applied (checked on a still-pending message).
    const q2 = `qstash_token=${encodeURIComponent(broker.token)}&upstash-retries=0&upstash-delay=60s&keep=2`;
    const res2 = await rawRequest(`${broker.url}/v2/publish/${S}/wh2?${q2}`, { method: "POST", body: "later" });
    assert.equal(res2.status, 200, res2.text);
    const m = await client.messages.get(res2.json.messageId);
    assert.equal(m.url, `${S}/wh2?keep=2`);
    assert.equal(m.maxRetries, 0);
    assert.ok(m.notBefore >= m.createdAt + 59000, `notBefore ${m.notBefore} vs createdAt ${m.createdAt}`);
    assert.deepEqual(await client.messages.cancel(res2.json.messageId), { cancelled: 1 });

    // A wrong query token is refused.
    const bad = await rawRequest(`${broker.url}/v2/publish/${S}/wh3?qstash_token=nope`, { method: "POST", body: "x" });
    assertJsonError(bad, 401);
    assert.equal(sink.count("/wh3"), 0);
  });
});

// URL groups, batch and schedules through the official @upstash/qstash 2.12.0 JS SDK against a
// real LocalStash broker (qstash-api.md §5, §7, §8, §20 items 24-28, 34-36, 41-48, §21.7-8).
//
// Schedules run on real time here: a "* * * * *" schedule ticks at most once a minute, so this
// suite checks create/get/list/pause/resume/delete/nextScheduleTime and leaves the tick itself
// (headers, fan-out, lastScheduleStates) to tests/broker/tst_schedules.cpp on a manual clock.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";

import { Client, QstashError } from "@upstash/qstash";

import { rawRequest, startBroker, startReceiver } from "./helpers.mjs";

/** @type {Awaited<ReturnType<typeof startBroker>>} */
let broker;
/** @type {Awaited<ReturnType<typeof startReceiver>>} */
let sink;
/** @type {Client} */
let client;
let S; // receiver base URL

const MINUTE = 60_000;
const authHeaders = () => ({ Authorization: `Bearer ${broker.token}` });

/** Assert `promise` rejects with a QstashError of `status` whose message is `{"error": "..."}`. */
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
  const body = JSON.parse(caught.message);
  assert.equal(typeof body.error, "string");
  assert.ok(body.error.length > 0);
  return body;
}

/** The next instant strictly after `afterMs` whose wall clock in `timeZone` reads hh:00. */
function nextWallClockHour(afterMs, timeZone, hour) {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hour: "numeric",
    minute: "numeric",
    hourCycle: "h23",
  });
  // Whole hours suffice: every offset of the zones used here is a whole number of hours.
  let t = Math.floor(afterMs / 3_600_000) * 3_600_000 + 3_600_000;
  for (let i = 0; i < 24 * 3; i++, t += 3_600_000) {
    const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    if (Number(parts.hour) === hour && Number(parts.minute) === 0) return t;
  }
  throw new Error(`no ${hour}:00 in ${timeZone} within three days`);
}

describe("URL groups, batch and schedules", { timeout: 60000 }, () => {
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

  // ---------------------------------------------------------------- URL groups (§7, items 24-28)

  test("24. urlGroups.addEndpoints creates the group", async () => {
    await client.urlGroups.addEndpoints({
      name: "g1",
      endpoints: [{ name: "e1", url: `${S}/g/1` }, { url: `${S}/g/2` }],
    });
  });

  test("25. urlGroups.get and list return the group exactly as given", async () => {
    const g = await client.urlGroups.get("g1");
    assert.equal(g.name, "g1");
    assert.equal(typeof g.createdAt, "number");
    assert.equal(typeof g.updatedAt, "number");
    assert.ok(Math.abs(g.createdAt - Date.now()) < MINUTE, `createdAt ${g.createdAt} is ms`);
    assert.deepEqual(g.endpoints, [{ name: "e1", url: `${S}/g/1` }, { url: `${S}/g/2` }]);
    const list = await client.urlGroups.list();
    assert.ok(Array.isArray(list));
    assert.deepEqual(
      list.find((x) => x.name === "g1"),
      g,
    );
    // Adding again keeps what is there and upserts by URL.
    await client.urlGroups.addEndpoints({ name: "g1", endpoints: [{ url: `${S}/g/2` }] });
    assert.deepEqual((await client.urlGroups.get("g1")).endpoints, g.endpoints);
  });

  test("26. publishJSON to a URL group fans out, answered as an array", async () => {
    const res = await client.publishJSON({ urlGroup: "g1", body: {} });
    assert.ok(Array.isArray(res), `expected an array, got ${JSON.stringify(res)}`);
    assert.equal(res.length, 2);
    assert.deepEqual(
      res.map((r) => r.url),
      [`${S}/g/1`, `${S}/g/2`],
    );
    for (const r of res) assert.match(r.messageId, /^msg_/);
    assert.notEqual(res[0].messageId, res[1].messageId);

    const [d1, d2] = await Promise.all([sink.waitFor("/g/1"), sink.waitFor("/g/2")]);
    assert.equal(d1.headers["upstash-topic-name"], "g1");
    assert.equal(d2.headers["upstash-topic-name"], "g1");
    assert.equal(d1.headers["upstash-message-id"], res[0].messageId);
    assert.equal(d1.text, "{}");

    // A delayed group message still shows its group and endpoint.
    const delayed = await client.publishJSON({ urlGroup: "g1", body: { d: 1 }, delay: 600 });
    const m = await client.messages.get(delayed[0].messageId);
    assert.equal(m.topicName ?? m.urlGroup, "g1");
    assert.equal(m.urlGroup, "g1");
    assert.equal(m.endpointName, "e1");
    assert.equal(m.url, `${S}/g/1`);
    for (const d of delayed) await client.messages.cancel(d.messageId);
  });

  test("26b. publishing to an unknown URL group is a 404 JSON error", async () => {
    await assertQstashError(client.publishJSON({ urlGroup: "no-such-group", body: {} }), 404);
  });

  test("27. removeEndpoints by name, then the last one deletes the group", async () => {
    await client.urlGroups.removeEndpoints({ name: "g1", endpoints: [{ name: "e1" }] });
    assert.deepEqual((await client.urlGroups.get("g1")).endpoints, [{ url: `${S}/g/2` }]);
    await client.urlGroups.removeEndpoints({ name: "g1", endpoints: [{ url: `${S}/g/2` }] });
    await assertQstashError(client.urlGroups.get("g1"), 404);
    assert.equal((await client.urlGroups.list()).find((x) => x.name === "g1"), undefined);
  });

  test("28. urlGroups.delete removes the group", async () => {
    await client.urlGroups.addEndpoints({ name: "g1", endpoints: [{ url: `${S}/g/1` }] });
    await client.urlGroups.delete("g1");
    await assertQstashError(client.urlGroups.get("g1"), 404);
  });

  test("URL group input errors are 400 JSON errors", async () => {
    await assertQstashError(
      client.urlGroups.addEndpoints({ name: "bad", endpoints: [{ url: "ftp://example.com/x" }] }),
      400,
    );
    await assertQstashError(
      client.urlGroups.addEndpoints({ name: "bad", endpoints: [{ name: "no spaces", url: `${S}/x` }] }),
      400,
    );
    const res = await rawRequest(`${broker.url}/v2/topics/bad/endpoints`, {
      method: "POST",
      headers: { ...authHeaders(), "Content-Type": "application/json" },
      body: "{not json",
    });
    assert.equal(res.status, 400);
    assert.equal(typeof res.json?.error, "string");
  });

  // ---------------------------------------------------------------------- Batch (§5, items 34-36)

  test("34. batchJSON mixes a URL, a URL group and a queued message", async () => {
    await client.urlGroups.addEndpoints({
      name: "g2",
      endpoints: [{ url: `${S}/b2/1` }, { url: `${S}/b2/2` }],
    });
    const res = await client.batchJSON([
      { url: `${S}/b1`, body: { a: 1 } },
      { urlGroup: "g2", body: "x" },
      { url: `${S}/b3`, queueName: "q2", delay: 600 },
    ]);
    assert.ok(Array.isArray(res));
    assert.equal(res.length, 3);
    assert.match(res[0].messageId, /^msg_/);
    assert.ok(Array.isArray(res[1]), `group item must be a nested array: ${JSON.stringify(res[1])}`);
    assert.deepEqual(
      res[1].map((r) => r.url),
      [`${S}/b2/1`, `${S}/b2/2`],
    );
    assert.match(res[2].messageId, /^msg_/);

    const b1 = await sink.waitFor("/b1");
    assert.equal(b1.text, '{"a":1}');
    assert.equal(b1.headers["content-type"], "application/json");
    const [g1, g2] = await Promise.all([sink.waitFor("/b2/1"), sink.waitFor("/b2/2")]);
    assert.equal(g1.text, '"x"');
    assert.equal(g2.headers["upstash-topic-name"], "g2");

    // The queued item (delayed so it is still pending) is enqueued on q2.
    const queued = await client.messages.get(res[2].messageId);
    assert.equal(queued.queueName, "q2");
    await client.messages.cancel(res[2].messageId);
  });

  test("35. a single-item batch still answers an array", async () => {
    const res = await client.batch([{ url: `${S}/one` }]);
    assert.ok(Array.isArray(res));
    assert.equal(res.length, 1);
    assert.match(res[0].messageId, /^msg_/);
    await sink.waitFor("/one");
  });

  test("36. Go-style batch: array header values, empty body and queue", async () => {
    const res = await rawRequest(`${broker.url}/v2/batch`, {
      method: "POST",
      headers: { ...authHeaders(), "Content-Type": "application/json" },
      body: JSON.stringify([
        { destination: `${S}/go`, headers: { "Upstash-Method": ["PUT"] }, body: "", queue: "" },
      ]),
    });
    assert.equal(res.status, 200, res.text);
    assert.ok(Array.isArray(res.json));
    const got = await sink.waitFor("/go");
    assert.equal(got.method, "PUT");
    assert.equal(got.body.length, 0);
    const m = await client.messages.get(res.json[0].messageId).catch(() => undefined);
    if (m) assert.equal(m.queueName, undefined, "an empty queue means no queue");
  });

  test("a batch with one invalid item stores nothing", async () => {
    const before = sink.count("/never");
    const res = await rawRequest(`${broker.url}/v2/batch`, {
      method: "POST",
      headers: { ...authHeaders(), "Content-Type": "application/json" },
      body: JSON.stringify([{ destination: `${S}/never` }, { destination: "ftp://x" }]),
    });
    assert.equal(res.status, 400);
    assert.match(res.json.error, /batch item 1/);
    const logs = await client.logs({ filter: { url: `${S}/never` } });
    assert.equal(logs.logs.length, 0);
    assert.equal(sink.count("/never"), before);
  });

  // ------------------------------------------------------------------ Schedules (§8, items 41-48)

  let scheduleId;

  test("41. schedules.create returns a scheduleId", async () => {
    const res = await client.schedules.create({
      destination: `${S}/s`,
      cron: "* * * * *",
      body: '{"a":1}',
      headers: { "x-h": "1" },
      retries: 2,
      delay: 1,
      queueName: "sq",
      label: ["l1"],
    });
    assert.match(res.scheduleId, /^scd_[1-9A-HJ-NP-Za-km-z]+$/);
    scheduleId = res.scheduleId;
  });

  test("42. schedules.get reads the template back", async () => {
    const t0 = Date.now();
    const s = await client.schedules.get(scheduleId);
    assert.equal(s.scheduleId, scheduleId);
    assert.equal(s.cron, "* * * * *");
    assert.equal(s.destination, `${S}/s`);
    assert.equal(s.method, "POST");
    assert.deepEqual(s.header, { "Content-Type": ["application/json"], "X-H": ["1"] });
    assert.equal(s.body, '{"a":1}');
    assert.equal(s.retries, 2);
    assert.equal(s.delay, 1);
    assert.equal(s.queueName, "sq");
    assert.deepEqual(s.labels, ["l1"]);
    assert.equal(s.isPaused, false);
    assert.equal(typeof s.createdAt, "number");
    // First tick: the next whole minute, no extra minute of lag.
    assert.equal(s.nextScheduleTime % MINUTE, 0, `nextScheduleTime ${s.nextScheduleTime}`);
    assert.ok(s.nextScheduleTime > s.createdAt);
    assert.ok(s.nextScheduleTime <= Math.max(s.createdAt, t0) + MINUTE);
    assert.equal(s.callerIP ?? s.callerIp, "127.0.0.1");
    assert.ok(!("lastScheduleTime" in s) || typeof s.lastScheduleTime === "number");
  });

  test("43. re-creating an id replaces the schedule (one schedule, new destination, no body)", async () => {
    await client.schedules.create({
      destination: `${S}/s2`,
      cron: "*/5 * * * * ",
      scheduleId: "my.sched-1",
      body: "p",
    });
    await client.schedules.create({ destination: `${S}/s3`, cron: "*/5 * * * * ", scheduleId: "my.sched-1" });
    const mine = (await client.schedules.list()).filter((s) => s.scheduleId === "my.sched-1");
    assert.equal(mine.length, 1);
    assert.equal(mine[0].destination, `${S}/s3`);
    assert.equal(mine[0].body, undefined);
    assert.equal(mine[0].cron, "*/5 * * * *");
    assert.equal(mine[0].nextScheduleTime % (5 * MINUTE), 0);
  });

  test("44. pause/resume via PATCH (SDK) and POST (OpenAPI)", async () => {
    await client.schedules.pause({ schedule: scheduleId });
    let s = await client.schedules.get(scheduleId);
    assert.equal(s.isPaused, true);
    await client.schedules.resume({ schedule: scheduleId });
    s = await client.schedules.get(scheduleId);
    assert.equal(s.isPaused, false);
    assert.equal(typeof s.nextScheduleTime, "number");

    const pause = await rawRequest(`${broker.url}/v2/schedules/${scheduleId}/pause`, {
      method: "POST",
      headers: authHeaders(),
    });
    assert.equal(pause.status, 200);
    assert.equal((await client.schedules.get(scheduleId)).isPaused, true);
    const resume = await rawRequest(`${broker.url}/v2/schedules/${scheduleId}/resume`, {
      method: "POST",
      headers: authHeaders(),
    });
    assert.equal(resume.status, 200);
    assert.equal((await client.schedules.get(scheduleId)).isPaused, false);
    await assertQstashError(client.schedules.pause({ schedule: "no-such-schedule" }), 404);
  });

  test("45. CRON_TZ: nextScheduleTime is the next 04:00 in New York", async () => {
    const t0 = Date.now();
    const { scheduleId: id } = await client.schedules.create({
      destination: `${S}/tz`,
      cron: "CRON_TZ=America/New_York 0 4 * * *",
    });
    const s = await client.schedules.get(id);
    assert.equal(s.cron, "CRON_TZ=America/New_York 0 4 * * *");
    assert.equal(s.nextScheduleTime, nextWallClockHour(t0, "America/New_York", 4));
    await client.schedules.delete(id);
  });

  test("46. a schedule can target a URL group", async () => {
    await client.urlGroups.addEndpoints({ name: "sg", endpoints: [{ url: `${S}/sg/1` }, { url: `${S}/sg/2` }] });
    const { scheduleId: id } = await client.schedules.create({ destination: "sg", cron: "* * * * *" });
    const s = await client.schedules.get(id);
    assert.equal(s.destination, "sg");
    assert.equal(s.isPaused, false);
    // The fan-out on each tick is covered by tst_schedules (groupDestinationFansOutOnTick).
    await client.schedules.delete(id);
  });

  test("47. schedules.delete: get is 404, list excludes it", async () => {
    await client.schedules.delete(scheduleId);
    await assertQstashError(client.schedules.get(scheduleId), 404);
    assert.equal((await client.schedules.list()).find((s) => s.scheduleId === scheduleId), undefined);
  });

  test("48. invalid cron or schedule id is a 400 JSON error", async () => {
    const cron = await assertQstashError(
      client.schedules.create({ destination: `${S}/bad`, cron: "not a cron" }),
      400,
    );
    assert.match(cron.error, /cron/i);
    const id = await assertQstashError(
      client.schedules.create({ destination: `${S}/bad`, cron: "* * * * *", scheduleId: "bad id!" }),
      400,
    );
    assert.match(id.error, /Upstash-Schedule-Id/);
    assert.equal((await client.schedules.list()).find((s) => s.destination === `${S}/bad`), undefined);
  });
});

// Shared helpers for the LocalStash SDK suite.
//
// * startBroker()   - spawns a real `localstash --headless` process on a free loopback port with a
//                     throw-away data directory, parses its startup banner and stops it with SIGTERM.
// * startReceiver() - a real HTTP server on 127.0.0.1:0 that records every request it gets and lets
//                     a test await "the Nth request matching a path" without fixed sleeps.
// * eventually()    - re-evaluates an async check until it passes (for server-side state such as
//                     log events that become visible shortly after an observable delivery).
//
// Everything binds / connects to 127.0.0.1 only.

import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import fsp from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** QStash dev server "User 1" credentials (contract §1.4). */
export const DEV_TOKEN = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=";
export const DEV_CURRENT_SIGNING_KEY = "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r";
export const DEV_NEXT_SIGNING_KEY = "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs";

const STARTUP_LINE = /LocalStash\s+(\S+)\s+is running at\s+(http:\/\/\S+)/;
const ENV_KEYS = ["QSTASH_URL", "QSTASH_TOKEN", "QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"];

/** Absolute path of the broker binary: explicit argument, else env LOCALSTASH_BIN. */
export function brokerBinary(explicit) {
  const bin = explicit ?? process.env.LOCALSTASH_BIN;
  if (!bin) {
    throw new Error(
      "LOCALSTASH_BIN is not set: point it at the built broker, e.g. " +
        "LOCALSTASH_BIN=build/app/localstash ./run-sdk-tests.sh (or pass the path as first argument)",
    );
  }
  const abs = path.resolve(bin);
  try {
    fs.accessSync(abs, fs.constants.X_OK);
  } catch {
    throw new Error(`LOCALSTASH_BIN=${abs} does not exist or is not executable`);
  }
  return abs;
}

/**
 * Start a broker process.
 * @param {object} [opts]
 * @param {string} [opts.bin]        broker path (default: env LOCALSTASH_BIN)
 * @param {string[]} [opts.args]     extra command-line arguments
 * @param {object} [opts.env]        extra environment variables
 * @param {number} [opts.startupTimeoutMs]
 * @returns {Promise<Broker>}
 */
export async function startBroker(opts = {}) {
  const bin = brokerBinary(opts.bin);
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), "localstash-sdk-"));
  const args = ["--headless", "--port", "0", "--data-dir", dataDir, ...(opts.args ?? [])];
  const child = spawn(bin, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...(opts.env ?? {}) },
  });

  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });

  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  let exitInfo = null;
  exited.then((info) => {
    exitInfo = info;
  });

  const describe = () =>
    `broker: ${bin} ${args.join(" ")}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;

  const banner = await new Promise((resolve, reject) => {
    const timeoutMs = opts.startupTimeoutMs ?? 15000;
    const timer = setTimeout(() => {
      finish(new Error(`broker did not print its startup banner within ${timeoutMs} ms\n${describe()}`));
    }, timeoutMs);
    const onData = (chunk) => {
      stdout += chunk;
      const parsed = parseBanner(stdout);
      if (parsed) finish(null, parsed);
    };
    const onExit = (code, signal) => {
      finish(new Error(`broker exited during startup (code ${code}, signal ${signal})\n${describe()}`));
    };
    const onError = (err) => finish(new Error(`cannot spawn broker: ${err.message}\n${describe()}`));
    function finish(err, value) {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.off("exit", onExit);
      child.off("error", onError);
      if (err) {
        child.kill("SIGKILL");
        reject(err);
      } else {
        // keep draining stdout so the pipe never fills up
        child.stdout.on("data", (c) => {
          stdout += c;
        });
        resolve(value);
      }
    }
    child.stdout.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  }).catch(async (err) => {
    await fsp.rm(dataDir, { recursive: true, force: true }).catch(() => {});
    throw err;
  });

  let stopped = null;
  return {
    ...banner, // version, url, token, currentSigningKey, nextSigningKey
    dataDir,
    process: child,
    pid: child.pid,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    get exitInfo() {
      return exitInfo;
    },
    describe,
    /**
     * SIGTERM the broker, await its exit and remove the data directory.
     * Resolves with {code, signal}; rejects (with stdout/stderr) if it does not exit within
     * `timeoutMs` (then it is SIGKILLed) or if it exits abnormally.
     */
    stop({ timeoutMs = 10000, keepDataDir = false } = {}) {
      stopped ??= (async () => {
        let info = exitInfo;
        if (!info) {
          child.kill("SIGTERM");
          const timedOut = Symbol("timeout");
          const ac = new AbortController();
          info = await Promise.race([exited, sleep(timeoutMs, timedOut, { signal: ac.signal }).catch(() => null)]);
          ac.abort();
          if (info === timedOut) {
            child.kill("SIGKILL");
            await exited;
            throw new Error(`broker did not exit within ${timeoutMs} ms of SIGTERM\n${describe()}`);
          }
        }
        if (!keepDataDir) await fsp.rm(dataDir, { recursive: true, force: true });
        if (info.code !== 0) {
          throw new Error(
            `broker did not exit cleanly on SIGTERM (code ${info.code}, signal ${info.signal})\n${describe()}`,
          );
        }
        return info;
      })();
      return stopped;
    },
  };
}

function parseBanner(text) {
  const m = STARTUP_LINE.exec(text);
  if (!m) return null;
  const env = {};
  for (const line of text.split(/\r?\n/)) {
    const kv = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (kv) env[kv[1]] = kv[2].trim().replace(/^"(.*)"$/, "$1");
  }
  if (!ENV_KEYS.every((k) => env[k] !== undefined)) return null;
  return {
    version: m[1],
    url: m[2].replace(/\/$/, ""),
    env,
    token: env.QSTASH_TOKEN,
    currentSigningKey: env.QSTASH_CURRENT_SIGNING_KEY,
    nextSigningKey: env.QSTASH_NEXT_SIGNING_KEY,
  };
}

/**
 * Start a recording HTTP receiver on 127.0.0.1:0.
 *
 * Every request is stored as
 *   { index, method, url (path + raw query), path, query, headers (lower-case names),
 *     rawHeaders, body (Buffer), text (utf8 body), receivedAt (Date.now()) }
 * once its body has been fully read. By default it answers 200 "ok"; `respond(fn)` installs a
 * function (record) => ({status, headers, body}) | undefined to answer differently.
 */
export async function startReceiver() {
  /** @type {any[]} */
  const requests = [];
  /** @type {{match:(r:any)=>boolean, n:number, resolve:(r:any)=>void}[]} */
  let waiters = [];
  let responder = null;

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const q = req.url.indexOf("?");
      const record = {
        index: requests.length,
        method: req.method,
        url: req.url,
        path: q === -1 ? req.url : req.url.slice(0, q),
        query: q === -1 ? "" : req.url.slice(q + 1),
        headers: { ...req.headers },
        rawHeaders: [...req.rawHeaders],
        body,
        text: body.toString("utf8"),
        receivedAt: Date.now(),
      };
      requests.push(record);

      let reply;
      try {
        reply = responder ? await responder(record) : undefined;
      } catch (err) {
        reply = { status: 500, body: String(err) };
      }
      const status = reply?.status ?? 200;
      res.writeHead(status, reply?.headers ?? { "content-type": "text/plain" });
      res.end(reply?.body ?? "ok");

      // Wake up waiters after the record is stored (order of arrival == order of index).
      const pending = [];
      for (const w of waiters) {
        if (requests.filter(w.match).length >= w.n) w.resolve(requests.filter(w.match)[w.n - 1]);
        else pending.push(w);
      }
      waiters = pending;
    });
  });
  server.keepAliveTimeout = 1000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;

  const toMatcher = (m) => {
    if (typeof m === "function") return m;
    if (m instanceof RegExp) return (r) => m.test(r.url);
    return (r) => r.path === m;
  };

  return {
    url,
    port,
    requests,
    /** All recorded requests matching a path (exact, without query), a RegExp on url, or a predicate. */
    matching(m) {
      return requests.filter(toMatcher(m));
    },
    count(m) {
      return requests.filter(toMatcher(m)).length;
    },
    respond(fn) {
      responder = fn;
    },
    /**
     * Resolve with the n-th (1-based) request matching `m`; reject after `timeoutMs`.
     */
    waitFor(m, { n = 1, timeoutMs = 5000 } = {}) {
      const match = toMatcher(m);
      const already = requests.filter(match);
      if (already.length >= n) return Promise.resolve(already[n - 1]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          const seen = requests.map((r) => `${r.method} ${r.url}`).join(", ") || "none";
          reject(new Error(`receiver: request #${n} matching ${String(m)} not received within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        const waiter = {
          match,
          n,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        waiters.push(waiter);
      });
    },
    async close() {
      server.closeAllConnections?.();
      server.close();
      await once(server, "close").catch(() => {});
    },
  };
}

/**
 * Run `check` until it returns without throwing (returns its value) or `timeoutMs` elapses
 * (rethrows the last failure). For server-side state that follows an observable event.
 */
export async function eventually(check, { timeoutMs = 5000, intervalMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
    }
    await sleep(intervalMs);
  }
}

/** Decode a compact JWS without verifying it: { header, payload }. */
export function decodeJwt(token) {
  const [h, p] = token.split(".");
  const dec = (s) => JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
  return { header: dec(h), payload: dec(p) };
}

/** fetch() a broker endpoint and return { status, headers, text, json } (json = undefined if not JSON). */
export async function rawRequest(url, init = {}) {
  const res = await fetch(url, init);
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

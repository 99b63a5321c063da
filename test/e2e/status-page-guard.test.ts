import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { githubHeaders, startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { removeTempDirs, tempDir } from "../harness/run-nectr.js";
import {
  ADMIN_TOKEN,
  STATUS_ENV,
  WEBHOOK_SECRET,
  get,
  getWithHost,
  loginCodeOf,
  seedStatusHistory,
} from "./status-page-world.js";

// The admin guard of the status page and /metrics, through a real `nectr serve` listening beyond
// loopback: a Bearer token, or the cookie of the one-time login link.
let home: string;
let daemon: DaemonProcess | undefined;

beforeEach(async () => {
  home = tempDir();
  await seedStatusHistory(home);
});
afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
});
afterAll(removeTempDirs);

async function serve(env: Record<string, string> = {}): Promise<DaemonProcess> {
  daemon = await startDaemonProcess({ home, env: { ...STATUS_ENV, ...env }, args: ["--host", "0.0.0.0"] });
  return daemon;
}

/** The same text with its last character changed. */
function tampered(text: string): string {
  return `${text.slice(0, -1)}${text.endsWith("A") ? "B" : "A"}`;
}

describe("beyond loopback (--host 0.0.0.0): the admin guard", () => {
  it("answers 401 to / and /metrics without the admin token or with a wrong one, and 200 with it as a Bearer token", async () => {
    const started = await serve({ NECTR_ADMIN_TOKEN: ADMIN_TOKEN });
    for (const path of ["/", "/metrics"]) {
      const bare = await get(`${started.url}${path}`);
      expect(bare.status, path).toBe(401);
      expect(bare.headers.get("www-authenticate")).toBe('Bearer realm="nectr"');
      expect(bare.body).not.toContain("octocat");
      expect((await get(`${started.url}${path}`, { authorization: `Bearer ${ADMIN_TOKEN}x` })).status).toBe(401);
      expect((await get(`${started.url}${path}`, { authorization: `Basic ${ADMIN_TOKEN}` })).status).toBe(401);
      const admitted = await get(`${started.url}${path}`, { authorization: `Bearer ${ADMIN_TOKEN}` });
      expect(admitted.status, path).toBe(200);
    }
    expect((await get(`${started.url}/`, { authorization: `Bearer ${ADMIN_TOKEN}` })).body).toContain("octocat/app#7");
    expect((await get(`${started.url}/metrics`, { authorization: `Bearer ${ADMIN_TOKEN}` })).body).toContain(
      "nectr_queue_depth 1",
    );
  });

  it("signs in with the one-time link it prints at start: an HttpOnly, SameSite=Strict cookie without the token; the link works once", async () => {
    const started = await serve({ NECTR_ADMIN_TOKEN: ADMIN_TOKEN });
    const code = await loginCodeOf(started);
    expect(started.logs()).toContain(`nectr: status page: open ${started.url}/?login=${code} once to sign in`);
    // Not in the JSON log lines, which may be shipped elsewhere.
    const jsonLines = started
      .logs()
      .split("\n")
      .filter((line) => line.startsWith("{"));
    expect(jsonLines.join("\n")).not.toContain(code);

    const login = await get(`${started.url}/?login=${code}`);
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/");
    const setCookie = login.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^nectr_admin=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(setCookie).not.toContain(ADMIN_TOKEN);
    expect(setCookie).not.toContain(Buffer.from(ADMIN_TOKEN).toString("base64url"));
    const cookie = setCookie.split(";")[0] ?? "";

    expect((await get(`${started.url}/`, { cookie })).body).toContain("octocat/app#7");
    expect((await get(`${started.url}/metrics`, { cookie: `theme=dark; ${cookie}` })).status).toBe(200);
    expect((await get(`${started.url}/`, { cookie: tampered(cookie) })).status).toBe(401);

    const again = await get(`${started.url}/?login=${code}`);
    expect(again.status).toBe(401);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect((await get(`${started.url}/?login=${tampered(code)}`)).status).toBe(401);
  });

  it("without NECTR_ADMIN_TOKEN, signs in only with the one-time link it prints; no Bearer token works", async () => {
    const started = await serve();
    const code = await loginCodeOf(started);
    for (const path of ["/", "/metrics", "/?login=anything"]) {
      expect((await get(`${started.url}${path}`)).status, path).toBe(401);
      expect((await get(`${started.url}${path}`, { authorization: "Bearer " })).status, path).toBe(401);
      expect((await get(`${started.url}${path}`, { authorization: `Bearer ${code}` })).status, path).toBe(401);
    }
    const login = await get(`${started.url}/?login=${code}`);
    expect(login.status).toBe(303);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await get(`${started.url}/`, { cookie })).body).toContain("octocat/app#7");
  });

  it("answers 421 to a Host that is not the daemon's, signed in or not, and leaves the webhook endpoint alone", async () => {
    const started = await serve({ NECTR_ADMIN_TOKEN: ADMIN_TOKEN });
    const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
    for (const path of ["/", "/metrics"]) {
      expect(await getWithHost(`${started.url}${path}`, "attacker.example", bearer), path).toBe(421);
      expect(await getWithHost(`${started.url}${path}`, `localhost:${new URL(started.url).port}`, bearer), path).toBe(
        200,
      );
    }
    expect(await getWithHost(`${started.url}/healthz`, "attacker.example")).toBe(200);
    expect(await getWithHost(started.webhookUrl, "attacker.example")).toBe(405);
  });

  it("leaves the webhook endpoint and /healthz as they were", async () => {
    const started = await serve({ NECTR_ADMIN_TOKEN: ADMIN_TOKEN });
    const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const signed = await fetch(started.webhookUrl, {
      method: "POST",
      headers: githubHeaders("ping", body, WEBHOOK_SECRET),
      body,
    });
    expect(signed.status).toBe(202);
    expect(await signed.json()).toEqual({ id: expect.any(String), status: "ignored" });
    const unsigned = await fetch(started.webhookUrl, {
      method: "POST",
      headers: githubHeaders("ping", body, undefined),
      body,
    });
    expect(unsigned.status).toBe(401);
    expect((await get(started.webhookUrl)).status).toBe(405);
    const health = await get(`${started.url}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok", queueDepth: 1 });
  });
});

import { createHmac } from "node:crypto";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/open-database.js";
import { githubHeaders, startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { webhookExamples } from "../harness/webhook-examples.js";

// The daemon's wire behaviour (SPEC "The daemon on the wire"), through a real `nectr serve`,
// with GitHub's own example payloads. GitHub itself is not needed to answer a delivery.
const SECRET = "global-webhook-secret-for-tests";
let home: string;
let daemon: DaemonProcess;

beforeEach(async () => {
  home = tempDir();
  // Reviews of these example repos would go to an unreachable GitHub; keep their retries far off.
  daemon = await startDaemonProcess({
    home,
    env: { NECTR_WEBHOOK_SECRET: SECRET, NECTR_GITHUB_API_URL: "http://127.0.0.1:9" },
    args: ["--concurrency", "1"],
  });
});
afterEach(async () => {
  await daemon.stop();
});
afterAll(removeTempDirs);

async function post(body: string | Buffer, headers: Record<string, string>) {
  const response = await fetch(daemon.webhookUrl, { method: "POST", headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function storedEvents(): number {
  const db = openDatabase(path.join(home, "nectr.db"));
  const count = db.prepare<[], { count: number }>("SELECT COUNT(*) AS count FROM events").get()?.count ?? 0;
  db.close();
  return count;
}

describe("POST /api/v1/webhooks/github", () => {
  it("answers every pull_request example of @octokit/webhooks-examples as the SPEC says", async () => {
    const examples = webhookExamples("pull_request");
    expect(examples.length).toBeGreaterThanOrEqual(20);
    for (const example of examples) {
      const body = JSON.stringify(example);
      const answer = await post(body, githubHeaders("pull_request", body, SECRET));
      const action = String(example.action);
      const pull = example.pull_request as { draft?: boolean; state: string; head: { sha: string } };
      const reviewed =
        ["opened", "reopened", "ready_for_review", "synchronize"].includes(action) &&
        pull.state === "open" &&
        !pull.draft;
      if (reviewed) expect([202, 200], action).toContain(answer.status);
      else
        expect(answer, action).toEqual({
          status: 202,
          body: {
            id: expect.any(String),
            status:
              action === "closed" || ["opened", "reopened", "ready_for_review", "synchronize"].includes(action)
                ? "recorded"
                : "ignored",
          },
        });
      if (answer.status === 202 && reviewed) expect(answer.body.status).toBe("queued");
    }
    expect(storedEvents()).toBe(examples.length);
  });

  it("answers ping and issues with ignored and recorded", async () => {
    const [ping] = webhookExamples("ping");
    const pingBody = JSON.stringify(ping);
    expect((await post(pingBody, githubHeaders("ping", pingBody, SECRET))).body.status).toBe("ignored");
    const [issue] = webhookExamples("issues", "opened");
    const issueBody = JSON.stringify(issue);
    expect((await post(issueBody, githubHeaders("issues", issueBody, SECRET))).body.status).toBe("recorded");
  });

  it("refuses unsigned, wrongly signed, unknown-hook, tampered, non-JSON and oversized deliveries, storing none", async () => {
    const body = JSON.stringify(webhookExamples("pull_request", "opened")[0]);
    const signedOther = githubHeaders("pull_request", `${body} `, SECRET);
    const cases: [string, string | Buffer, Record<string, string>, number][] = [
      ["unsigned", body, githubHeaders("pull_request", body, undefined), 401],
      ["wrong signature", body, githubHeaders("pull_request", body, "not-the-secret"), 401],
      ["tampered body", body.replace('"opened"', '"closed"'), githubHeaders("pull_request", body, SECRET), 401],
      ["signature of another body", body, signedOther, 401],
      ["not JSON", "not json {", githubHeaders("pull_request", "not json {", SECRET), 400],
      ["no event header", body, { ...githubHeaders("pull_request", body, SECRET), "x-github-event": "" }, 400],
      ["26 MB", Buffer.alloc(26 * 1024 * 1024, 0x20), githubHeaders("pull_request", "x", SECRET), 413],
    ];
    for (const [name, payload, headers, status] of cases) {
      expect((await post(payload, headers)).status, name).toBe(status);
    }
    expect(storedEvents()).toBe(0);
  });

  it("answers the same delivery twice with 200 duplicate, and nectr events lists it once", async () => {
    const body = JSON.stringify(webhookExamples("issues", "opened")[0]);
    const headers = githubHeaders("issues", body, SECRET);
    expect((await post(body, headers)).status).toBe(202);
    expect(await post(body, headers)).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(storedEvents()).toBe(1);
    const listed = await runNectr(["events", "--json", "--limit", "5"], { home });
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        deliveryId: headers["x-github-delivery"],
        event: "issues",
        action: "opened",
        status: "recorded",
      }),
    ]);
    expect((await runNectr(["events"], { home })).stdout).toMatch(/issues\.opened\s+\S+\s+recorded/);
  });

  it("serves /healthz and /metrics", async () => {
    const health = await (await fetch(`${daemon.url}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", version: expect.any(String), queueDepth: 0 });
    const body = JSON.stringify(webhookExamples("issues", "opened")[0]);
    await post(body, githubHeaders("issues", body, SECRET));
    await post(body, githubHeaders("issues", body, "wrong"));
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toContain('nectr_webhook_deliveries_total{status="recorded"} 1');
    expect(metrics).toContain('nectr_webhook_deliveries_total{status="unauthorized"} 1');
    expect(metrics).toContain("nectr_queue_depth 0");
    expect(metrics).toContain("# TYPE nectr_review_duration_seconds histogram");
    expect(metrics).toContain("# TYPE nectr_github_rate_limit_remaining gauge");
  });
});

describe("nectr serve with no secret known", () => {
  it("answers 401 to any signed delivery: there is no skipping the check", async () => {
    const bare = await startDaemonProcess({ home: tempDir(), env: {} });
    try {
      const body = JSON.stringify(webhookExamples("issues", "opened")[0]);
      const response = await fetch(bare.webhookUrl, {
        method: "POST",
        headers: githubHeaders("issues", body, "anything", { "x-github-hook-id": "123" }),
        body,
      });
      expect(response.status).toBe(401);
    } finally {
      await bare.stop();
    }
  });
});

describe("POST /api/v1/webhooks/github, signed over the exact bytes", () => {
  it("answers 400, not 401, to a correctly signed body that is empty or not UTF-8, and stores none", async () => {
    const signedOver = (bytes: Buffer) => ({
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(bytes).digest("hex")}`,
    });
    const notUtf8 = Buffer.concat([Buffer.from('{"zen":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    for (const body of [Buffer.alloc(0), notUtf8]) {
      const answer = await post(body, githubHeaders("ping", "", SECRET, signedOver(body)));
      expect(answer.status, body.toString("hex")).toBe(400);
    }
    const multiByte = JSON.stringify({ ...webhookExamples("ping")[0], zen: "Ünïcödé 😀 is fine" });
    expect((await post(multiByte, githubHeaders("ping", multiByte, SECRET))).status).toBe(202);
    expect(storedEvents()).toBe(1);
  });
});

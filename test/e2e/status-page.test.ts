import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { LlmFake } from "../harness/llm-fake/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";
import { pullRequestDelivery } from "../harness/webhook-examples.js";
import { GITHUB_URL, INJECTED_TITLE, STATUS_ENV, get, getWithHost, seedStatusHistory } from "./status-page-world.js";

// The status page at GET /, through a real `nectr serve` (its guard: status-page-guard.test.ts).
let home: string;
let daemon: DaemonProcess | undefined;

afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
});
afterAll(removeTempDirs);

async function serve(env: Record<string, string> = {}, args: string[] = []): Promise<DaemonProcess> {
  daemon = await startDaemonProcess({ home, env: { ...STATUS_ENV, ...env }, args });
  return daemon;
}

function section(page: string, id: string): string {
  return page.split(`<section id="${id}">`)[1]?.split("</section>")[0] ?? "";
}

describe("GET / on loopback: the status page", () => {
  beforeEach(async () => {
    home = tempDir();
    await seedStatusHistory(home);
  });

  it("answers only a Host that names the daemon: not a rebound attacker.example, on loopback too", async () => {
    const started = await serve();
    const port = new URL(started.url).port;
    for (const path of ["/", "/metrics"]) {
      expect(await getWithHost(`${started.url}${path}`, "attacker.example"), path).toBe(421);
      expect(await getWithHost(`${started.url}${path}`, `attacker.example:${port}`), path).toBe(421);
      expect(await getWithHost(`${started.url}${path}`, `127.0.0.1:${port}`), path).toBe(200);
      expect(await getWithHost(`${started.url}${path}`, `localhost:${port}`), path).toBe(200);
    }
  });

  it("shows the queue depth, deliveries, reviews linked to their PRs, hotspots and a chart of tokens per day", async () => {
    const started = await serve();
    const page = await get(`${started.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.body).toContain('<span class="figure" id="queue-depth">1</span>');

    const reviews = section(page.body, "reviews");
    expect(reviews.match(/<tr>\s*<td/g)).toHaveLength(4);
    expect(reviews).toContain(`<a href="${GITHUB_URL}/octocat/app/pull/7" rel="noreferrer">octocat/app#7</a>`);
    expect(reviews).toMatch(/request_changes[\s\S]*7777777[\s\S]*4,200/);

    const deliveries = section(page.body, "deliveries");
    expect(deliveries.match(/<tr>\s*<td/g)).toHaveLength(4);
    expect(deliveries).toContain('<td data-status="failed" title="GitHub answered 502">failed</td>');
    expect(deliveries).toContain('<td data-status="queued" title="GitHub unreachable">queued</td>');
    expect(deliveries).toMatch(/<td>pull_request<\/td>\s*<td>opened<\/td>\s*<td>octocat\/app#7<\/td>/);

    const hotspots = section(page.body, "hotspots");
    expect(hotspots).toContain("<h3>octocat/app</h3>");
    expect(hotspots).toMatch(
      /src\/api\.ts<\/code>\s*<span class="muted">3 PRs[\s\S]*src\/db\.ts<\/code>\s*<span class="muted">2 PRs/,
    );

    const chart = section(page.body, "tokens");
    expect(chart).toMatch(/<svg\s+class="chart"/);
    expect(chart.match(/<g class="day">/g)).toHaveLength(14);
    expect(chart.match(/<rect\s[^>]*height="0"/g)).toHaveLength(10);
    expect(chart).toContain("17,500 in all");
    expect(chart).toContain(`${new Date().toISOString().slice(0, 10)}: 4,200 tokens (3,900 prompt, 300 completion)`);
  });

  it("shows markup from deliveries as text: a PR title, a repo name and a file path", async () => {
    const started = await serve();
    const page = (await get(`${started.url}/`)).body;
    expect(page).not.toMatch(/<script|<img|<svg onload|<b>/);
    expect(page).toContain(
      '<td class="title">Fix &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</td>',
    );
    expect(page).toContain("<td>octocat/&lt;svg onload=alert(2)&gt;#3</td>");
    expect(page).toContain("<code>src/&lt;b&gt;bold&lt;/b&gt;.ts</code>");
  });
});

describe("a review the daemon ran", () => {
  let sim: GitHubSimulator;
  let llm: LlmFake;

  beforeEach(async () => {
    home = tempDir();
    sim = await GitHubSimulator.start();
    sim.state.addUser("octocat", { token: "gho_status_page_owner" });
    sim.state.addRepo({ owner: "octocat", name: "app" });
    llm = await LlmFake.start();
    llm.fallback = () => ({
      json: { summary: "Looks fine.", keyChanges: [], verdict: "comment", findings: [] },
      usage: { promptTokens: 1200, completionTokens: 34 },
    });
  });
  afterEach(async () => {
    await daemon?.stop();
    daemon = undefined;
    await sim.close();
    await llm.close();
  });

  it("is listed with its PR's title, a link to the PR, its tokens, and the PR's files among the hotspots", async () => {
    const env = { ...STATUS_ENV, NECTR_GITHUB_API_URL: sim.url, OPENAI_BASE_URL: llm.url };
    const started = await serve(env);
    const connected = await runNectr(["connect", "octocat/app", "--url", started.url], {
      home,
      env: { ...env, GH_TOKEN: "gho_status_page_owner" },
    });
    expect(connected.code).toBe(0);
    const { headSha } = sim.state.openPullRequest({
      repo: "octocat/app",
      author: "octocat",
      title: INJECTED_TITLE,
      changes: { "src/status.ts": "export const ok = true;\n" },
    });
    const delivery = pullRequestDelivery("opened", { repo: "octocat/app", number: 1, headSha });
    const [sent] = await sim.deliverWebhook("octocat/app", "pull_request", {
      ...delivery,
      pull_request: { ...Object(delivery.pull_request), title: INJECTED_TITLE },
    });
    expect(sent?.statusCode).toBe(202);

    const link = `<a href="${GITHUB_URL}/octocat/app/pull/1" rel="noreferrer">octocat/app#1</a>`;
    const deadline = Date.now() + 60_000;
    let page = "";
    while (!page.includes(link)) {
      if (Date.now() > deadline) throw new Error(`no review on the page\n${started.logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      page = (await get(`${started.url}/`)).body;
    }
    const reviews = section(page, "reviews");
    expect(reviews).toContain("Fix &lt;script&gt;alert(&quot;title&quot;)");
    expect(reviews).toMatch(/comment<\/td>[\s\S]*1,234<\/td>/);
    expect(section(page, "deliveries")).toContain('data-status="done"');
    expect(section(page, "hotspots")).toMatch(/<code>src\/status\.ts<\/code>\s*<span class="muted">1 PR<\/span>/);
    expect(section(page, "tokens")).toContain("1,234 in all");
  });
});

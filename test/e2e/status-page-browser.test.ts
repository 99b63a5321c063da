import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { launchChromium, runBrowserTests } from "../harness/chromium.js";
import { startDaemonProcess, type DaemonProcess } from "../harness/daemon-process.js";
import { removeTempDirs, repoRoot, tempDir } from "../harness/run-nectr.js";
import {
  ADMIN_TOKEN,
  GITHUB_URL,
  INJECTED_PATH,
  INJECTED_REPO,
  INJECTED_TITLE,
  STATUS_ENV,
  loginCodeOf,
  seedStatusHistory,
} from "./status-page-world.js";

// The status page as a person sees it: headless chromium signs in with the one-time link of a
// daemon listening beyond loopback. Skips only where no chromium is installed and CI is unset.
const SCREENSHOT = path.join(repoRoot, "test-artifacts", "status-page.png");
let daemon: DaemonProcess | undefined;
let browser: BrowserContext | undefined;

afterEach(async () => {
  await browser?.close();
  await daemon?.stop();
});
afterAll(removeTempDirs);

describe("the status page in chromium (skips only when no chromium is installed and CI is unset)", () => {
  it.runIf(runBrowserTests)(
    "signs in with the one-time link and shows reviews, the token chart and hotspots, with markup as text",
    async () => {
      const home = tempDir();
      await seedStatusHistory(home);
      daemon = await startDaemonProcess({
        home,
        env: { ...STATUS_ENV, NECTR_ADMIN_TOKEN: ADMIN_TOKEN },
        args: ["--host", "0.0.0.0"],
      });
      const origin = `http://127.0.0.1:${new URL(daemon.url).port}`;
      const code = await loginCodeOf(daemon);
      browser = await launchChromium();
      const page = browser.pages()[0] ?? (await browser.newPage());
      const dialogs: string[] = [];
      // The page must load without an error: nothing blocked by its CSP, nothing missing.
      const consoleErrors: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(`${message.text()} (${message.location().url})`);
      });

      // A bare request (no page, so no favicon fetch of a 401 page racing the listener above).
      expect((await browser.request.get(`${origin}/`)).status()).toBe(401);
      expect((await page.goto(`${origin}/?login=${code}`))?.status()).toBe(200);
      expect(page.url()).toBe(`${origin}/`);
      const [cookie] = await browser.cookies(origin);
      expect(cookie).toMatchObject({ name: "nectr_admin", httpOnly: true, sameSite: "Strict" });
      expect(cookie?.value).not.toContain(ADMIN_TOKEN);

      expect(await page.locator("h1").innerText()).toBe("nectr status");
      expect(await page.locator("#queue-depth").innerText()).toBe("1");
      const review = page.locator("#reviews tbody tr").first();
      expect(await review.isVisible()).toBe(true);
      expect(await review.getByRole("link").innerText()).toBe("octocat/app#7");
      expect(await review.getByRole("link").getAttribute("href")).toBe(`${GITHUB_URL}/octocat/app/pull/7`);
      expect(await review.locator("td.title").innerText()).toBe(INJECTED_TITLE);

      const chart = page.locator("#tokens svg.chart");
      expect(await chart.isVisible()).toBe(true);
      expect((await chart.boundingBox())?.width).toBeGreaterThan(300);
      const barHeights = await chart
        .locator("rect")
        .evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute("height"))));
      expect(barHeights).toHaveLength(14);
      expect(barHeights.filter((height) => height > 0)).toHaveLength(4);

      expect(await page.locator("#hotspots li").first().innerText()).toMatch(/^src\/api\.ts\s+3 PRs$/);
      expect(await page.locator("#hotspots").innerText()).toContain(INJECTED_PATH);
      expect(await page.locator("#deliveries").innerText()).toContain(`${INJECTED_REPO}#3`);
      expect(dialogs).toEqual([]);
      expect(consoleErrors).toEqual([]);

      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    },
  );
});

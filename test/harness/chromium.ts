import { existsSync } from "node:fs";
import { chromium, type BrowserContext } from "playwright-core";
import { tempDir } from "./run-nectr.js";

// Debian's chromium, driven by playwright-core (no browser download). The binary itself avoids
// a warning the /usr/bin/chromium wrapper prints. .ci/run installs it when it is missing.
export const chromiumPath: string | undefined = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((file) =>
  existsSync(file),
);

/** CI must run the browser tests; elsewhere they may skip when there is no chromium. */
export const runBrowserTests = chromiumPath !== undefined || process.env.CI !== undefined;

const ARGS = [
  "--headless",
  // Tests run as root in a container, where chromium's sandbox cannot start.
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless chromium with a fresh profile; close the context to stop the browser. */
export async function launchChromium(): Promise<BrowserContext> {
  if (!chromiumPath) throw new Error("no chromium here: apt-get install -y chromium (.ci/run does this as root)");
  return chromium.launchPersistentContext(tempDir("nectr-chromium-"), {
    executablePath: chromiumPath,
    headless: true,
    args: ARGS,
    viewport: { width: 1200, height: 900 },
  });
}

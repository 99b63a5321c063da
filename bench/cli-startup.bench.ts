// How fast the CLI starts and how little an idle daemon holds: `nectr --help`, `nectr --version`
// and `nectr review --local` of a one-file change (built-in checks, no LLM), each the median of
// many runs against `node -e 0`; then `nectr serve`'s resident memory while it sits idle.
// Run (after `npm run build`): node --import ./bench/resolve-ts-imports.ts bench/cli-startup.bench.ts
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { runHeader } from "./run-header.js";

const RUNS = 21;
const IDLE_SECONDS = 20;
const nectr = path.resolve(import.meta.dirname, "..", "bin", "nectr.js");
const home = mkdtempSync(path.join(os.tmpdir(), "nectr-startup-"));
const env = { ...process.env, NECTR_HOME: home, NO_COLOR: "1" };

/** A git checkout on `main` with one TypeScript file changed in the working tree. */
function oneFileChange(): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), "nectr-startup-repo-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "bench@example.com");
  git("config", "user.name", "bench");
  writeFileSync(path.join(repo, "app.ts"), "export const answer = 41;\n");
  git("add", ".");
  git("commit", "-q", "-m", "first");
  writeFileSync(path.join(repo, "app.ts"), "export const answer = 42;\nconsole.log(answer);\n");
  return repo;
}

function medianMs(command: string, args: string[], cwd: string): { ms: number; code: number | null } {
  const times: number[] = [];
  let code: number | null = null;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    code = spawnSync(command, args, { cwd, env, stdio: "ignore" }).status;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, code };
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;

async function idleServe(): Promise<{ afterStart: number; settled: number; peak: number }> {
  const child = spawn(process.execPath, [nectr, "serve", "--port", "0"], {
    env: { ...env, NECTR_WEBHOOK_SECRET: "bench", NECTR_GITHUB_API_URL: "http://127.0.0.1:9" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  await new Promise<void>((resolve) =>
    child.stderr.on("data", (chunk: Buffer) => chunk.includes('"listening"') && resolve()),
  );
  const samples: number[] = [];
  for (let second = 0; second < IDLE_SECONDS; second += 1) {
    samples.push(rssMb(child.pid!));
    await sleep(1000);
  }
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return { afterStart: samples[0]!, settled: samples.at(-1)!, peak: Math.max(...samples) };
}

const repo = oneFileChange();
for (const line of runHeader()) console.log(line);
console.log(`timing:  median of ${RUNS} runs each, wall clock from spawn to exit\n`);
const rows: [string, string, string[], string][] = [
  ["node -e 0", process.execPath, ["-e", "0"], home],
  ["nectr --version", process.execPath, [nectr, "--version"], home],
  ["nectr --help", process.execPath, [nectr, "--help"], home],
  ["nectr review --local (one file)", process.execPath, [nectr, "review", "--local"], repo],
];
for (const [name, command, args, cwd] of rows) {
  const { ms, code } = medianMs(command, args, cwd);
  console.log(`${name.padEnd(34)} ${ms.toFixed(0).padStart(5)} ms   (exit ${code})`);
}
const idle = await idleServe();
console.log(
  `\nnectr serve, idle: ${idle.afterStart.toFixed(0)} MB resident once listening, ${idle.settled.toFixed(0)} MB after ${IDLE_SECONDS} s (peak ${idle.peak.toFixed(0)} MB)`,
);
rmSync(home, { recursive: true, force: true });
rmSync(repo, { recursive: true, force: true });

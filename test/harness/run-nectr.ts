import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const launcher = path.join(repoRoot, "bin", "nectr.js");

export interface NectrRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface NectrRunOptions {
  /** Variables on top of a clean environment (PATH, HOME and NECTR_HOME only). */
  env?: Record<string, string>;
  home?: string;
  cwd?: string;
  stdin?: string;
  timeoutMs?: number;
}

/** Runs the built `nectr` as a real process, the way a user does, with nothing inherited. */
export async function runNectr(args: readonly string[], options: NectrRunOptions = {}): Promise<NectrRun> {
  const home = options.home ?? tempDir();
  const env = { PATH: process.env.PATH ?? "", HOME: home, NECTR_HOME: home, ...options.env };
  const child = spawn(process.execPath, [launcher, ...args], {
    env,
    cwd: options.cwd ?? home,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdin.end(options.stdin ?? "");
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000);
  const code = await new Promise<number>((resolve) =>
    child.on("close", (exit, signal) => resolve(exit ?? (signal ? 128 : 1))),
  );
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const created: string[] = [];

/** A fresh folder under the OS temp dir, removed by `removeTempDirs`. */
export function tempDir(prefix = "nectr-test-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

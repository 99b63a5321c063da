import { spawn } from "node:child_process";
import { UsageError } from "../errors.js";

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git in `cwd` and collects its output as bytes (diffs need not be UTF-8). */
export function runGit(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-c", "core.quotepath=off", ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", (error) =>
      reject(
        new UsageError("git is not installed or not on PATH", {
          hint: "install git to use nectr review --local",
          cause: error,
        }),
      ),
    );
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr }));
  });
}

/** Like runGit, but a non-zero exit is an error naming the command. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const result = await runGit(cwd, args);
  if (result.code !== 0) {
    throw new UsageError(`git ${args[0] ?? ""} failed: ${result.stderr.trim().split("\n")[0] ?? ""}`, {
      hint: "run nectr review --local inside a git checkout",
    });
  }
  return result.stdout.toString("utf8").trim();
}

/** Text from bytes: UTF-8 when valid; otherwise each invalid byte becomes U+FFFD (line breaks survive either way). */
export function decodeText(bytes: Buffer): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

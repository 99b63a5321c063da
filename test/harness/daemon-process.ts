import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import path from "node:path";
import { repoRoot } from "./run-nectr.js";

export interface DaemonProcess {
  url: string;
  pid: number;
  webhookUrl: string;
  /** Everything the daemon wrote to stderr (its JSON log lines). */
  logs(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, with no chance to clean up. */
  kill(): Promise<void>;
}

/** Starts `nectr serve --port 0` (or the --port in `args`) as a real process and waits for its "listening" log line. */
export async function startDaemonProcess(options: {
  home: string;
  env: Record<string, string>;
  args?: string[];
}): Promise<DaemonProcess> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, "bin", "nectr.js"), "serve", "--port", "0", ...(options.args ?? [])],
    {
      env: { PATH: process.env.PATH ?? "", HOME: options.home, NECTR_HOME: options.home, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let logs = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      logs += chunk.toString("utf8");
      const match = /"url":"(http:\/\/[^"]+)".*"msg":"listening"/.exec(logs);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`nectr serve exited (${code}) before listening:\n${logs}`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    webhookUrl: `${url}/api/v1/webhooks/github`,
    logs: () => logs,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Headers GitHub sends with a delivery, signed over the exact body with `secret`. */
export function githubHeaders(
  event: string,
  body: string,
  secret: string | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/test",
    "x-github-event": event,
    "x-github-delivery": randomUUID(),
    ...(secret !== undefined && {
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    }),
    ...extra,
  };
}

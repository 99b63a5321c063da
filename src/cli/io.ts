import fs from "node:fs";
import os from "node:os";
import type { ConfigFileSystem } from "../config/config-file.js";

export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Everything the CLI takes from its process, so a test can run it in-process too. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  fs: ConfigFileSystem;
}

export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    homeDir: os.homedir(),
    fs,
  };
}

import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { memoryFs } from "../../harness/memory-fs.js";
import { exitCodeFor, reportError } from "../../../src/cli/report-error.js";
import type { CliIo } from "../../../src/cli/io.js";
import { AuthError, InternalError, RemoteError, UsageError } from "../../../src/errors.js";

function capture(): { io: CliIo; stderr: () => string } {
  let text = "";
  const stderr = new PassThrough();
  stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const io: CliIo = {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr,
    env: {},
    homeDir: "/h",
    fs: memoryFs().port,
  };
  return { io, stderr: () => text };
}

describe("errors and exit codes", () => {
  it("maps each kind to the SPEC's exit code", () => {
    expect(exitCodeFor(new UsageError("u"))).toBe(2);
    expect(exitCodeFor(new AuthError("a"))).toBe(4);
    expect(exitCodeFor(new RemoteError("r"))).toBe(1);
    expect(exitCodeFor(new InternalError("i"))).toBe(1);
    expect(exitCodeFor(new TypeError("boom"))).toBe(1);
  });

  it("prints one line with the next step, and the stack only in debug", () => {
    const quiet = capture();
    expect(reportError(new AuthError("Not logged in", { hint: "run nectr login" }), quiet.io, false)).toBe(4);
    expect(quiet.stderr()).toBe("nectr: Not logged in — run nectr login\n");

    const loud = capture();
    reportError(new RemoteError("GitHub failed", { cause: new Error("socket hang up") }), loud.io, true);
    expect(loud.stderr()).toMatch(/^nectr: GitHub failed\nRemoteError: GitHub failed\n\s+at /);
    expect(loud.stderr()).toContain("Caused by:\nError: socket hang up");
  });

  it("keeps a multi-line message on one line", () => {
    const out = capture();
    reportError(new Error("first\nsecond"), out.io, false);
    expect(out.stderr().trim().split("\n")).toHaveLength(1);
  });
});

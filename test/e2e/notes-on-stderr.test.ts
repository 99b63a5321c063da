import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, runNectr } from "../harness/run-nectr.js";

afterAll(removeTempDirs);

describe("notes and hints go to stderr, so stdout carries only data", () => {
  it.each([
    [["repos"], "nectr: no repositories connected yet — run nectr connect OWNER/REPO --url URL\n"],
    [["events"], "nectr: no webhook deliveries yet — connect a repository with nectr connect, and run nectr serve\n"],
    [
      ["memory", "list", "octo/app"],
      'nectr: nothing remembered for octo/app yet — add a rule with nectr memory add octo/app "TEXT"\n',
    ],
  ])("nectr %j with nothing to list: no line on stdout, the next step on stderr", async (args, note) => {
    expect(await runNectr(args)).toEqual({ code: 0, stdout: "", stderr: note });
  });

  it("with --json, stdout is the empty list", async () => {
    for (const args of [["repos"], ["events"], ["memory", "list", "octo/app"]])
      expect(await runNectr([...args, "--json"]), args.join(" ")).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });
});

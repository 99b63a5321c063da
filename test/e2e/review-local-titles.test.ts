import { afterAll, describe, expect, it } from "vitest";
import { gitCheckout } from "../harness/git-checkout.js";
import { removeTempDirs, runNectr } from "../harness/run-nectr.js";

afterAll(removeTempDirs);

describe("nectr review --local, on changes not yet committed", () => {
  it("titles its findings with words true of an uncommitted line: added, never committed", async () => {
    const { dir, git, write } = gitCheckout();
    write("app.test.ts", 'it("works", () => {});\n');
    git("add", ".");
    git("commit", "-q", "-m", "second");
    write(
      "app.test.ts",
      [
        'const slack = "xoxb-4829301756-2938475610293-QwErTyUiOpAsDfGhJkLzXcVb";',
        // Split, so this file itself holds no focused test.
        "it" + '.only("works", () => {});',
        "<<<<<<< HEAD",
        "",
      ].join("\n"),
    );
    const run = await runNectr(["review", "--local", "--json"], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const titles = JSON.parse(run.stdout).findings.map((finding: { title: string }) => finding.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Slack token added: `xoxb****`",
        "Focused test added",
        "Merge-conflict marker `<<<<<<<` added",
      ]),
    );
    expect(titles.join("\n")).not.toContain("committed");
  });
});

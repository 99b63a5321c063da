import { describe, expect, it } from "vitest";
import { sarifLog } from "../../../../src/review/render/sarif.js";
import { runRules } from "../../../../src/review/rules/built-in-rules.js";
import type { Finding, ReviewFile } from "../../../../src/review/types.js";
import { validateSarif } from "../../../harness/sarif-schema.js";
import { addedFile, reviewFile } from "../rules/review-file.js";
import { placedReview } from "./placed-review.js";

// Split so that this file holds no secret-shaped literal for a scanner (or nectr) to report.
const TOKEN = "ghp" + "_bXjAuk5HbNA8YufCf9F5V9yQ81emJT1z1vWh";
const CONFIG_PATH = "config/déploiement prod.yml";

const llmFinding = (finding: Partial<Finding> & Pick<Finding, "line" | "severity" | "title">): Finding => ({
  path: "src/app.ts",
  startLine: null,
  side: "RIGHT",
  rule: "llm",
  body: "",
  suggestion: null,
  ...finding,
});

/** Two identical console.log lines (one rule, one fingerprint), a token, and the model's findings, one on a deleted line. */
function reviewFrom(start: number) {
  const files: ReviewFile[] = [
    reviewFile(
      "src/app.ts",
      [
        " import { user } from './user';",
        "-checkAuth(user);",
        "+console.log(user);",
        "+console.log(user);",
        "+run(user);",
      ],
      { start },
    ),
    addedFile(CONFIG_PATH, [`token: ${TOKEN}`], { start }),
  ];
  const findings = [
    ...runRules(files).findings,
    llmFinding({
      line: start + 1,
      side: "LEFT",
      severity: "warning",
      title: "The auth check is gone",
      body: "Anyone can call run() now.",
    }),
    llmFinding({ startLine: start + 1, line: start + 3, severity: "nit", title: "Log once, not per line" }),
    llmFinding({ line: start + 3, severity: "suggestion", title: "Name what run does" }),
  ];
  return placedReview(files, findings);
}

const review = reviewFrom(1);
const log = sarifLog(review, { version: "1.2.3" });
const run = log.runs[0]!;
const { rules } = run.tool.driver;
const resultFor = (title: string) => {
  const index = review.findings.findIndex((finding) => finding.title.startsWith(title));
  return { finding: review.findings[index]!, result: run.results[index]! };
};

describe("sarifLog", () => {
  it("is valid against the OASIS SARIF 2.1.0 schema", () => {
    expect(review.findings).toHaveLength(6);
    expect(review.notes).toEqual([]);
    expect(validateSarif(log)).toEqual([]);
    expect(log).toMatchObject({ $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0" });
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: "nectr", semanticVersion: "1.2.3", version: "1.2.3" });
  });

  it("describes each rule once, and every result points at its rule by id and index", () => {
    expect(rules.map((rule) => rule.id)).toEqual(["debug/console-log", "llm", "secret/github-token"]);
    expect(run.results).toHaveLength(review.findings.length);
    for (const result of run.results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(run.results.filter((result) => result.ruleId === "debug/console-log")).toHaveLength(2);
    for (const rule of rules) {
      expect(rule.shortDescription.text).not.toBe("");
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    }
  });

  it("marks secrets as security results GitHub ranks critical, and nothing else", () => {
    const secret = rules.find((rule) => rule.id === "secret/github-token")!;
    expect(secret.defaultConfiguration.level).toBe("error");
    expect(secret.properties.tags).toContain("security");
    expect(Number(secret.properties["security-severity"])).toBeGreaterThanOrEqual(9);
    for (const rule of rules.filter((other) => other !== secret)) {
      expect(rule.properties.tags).not.toContain("security");
      expect(rule.properties).not.toHaveProperty("security-severity");
    }
  });

  it("maps severities to levels: critical to error, warning to warning, suggestion and nit to note", () => {
    for (const [index, finding] of review.findings.entries()) {
      const level = { critical: "error", warning: "warning", suggestion: "note", nit: "note" }[finding.severity];
      expect(run.results[index]).toMatchObject({ level, properties: { severity: finding.severity } });
    }
    expect(new Set(review.findings.map((finding) => finding.severity))).toEqual(
      new Set(["critical", "warning", "suggestion", "nit"]),
    );
  });

  it("locates results by repository-relative URI, percent-encoded, and by the lines on the head", () => {
    for (const result of run.results) {
      const { artifactLocation } = result.locations[0]!.physicalLocation;
      expect(artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/i);
    }
    const secret = resultFor("GitHub token");
    expect(secret.result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "config/d%C3%A9ploiement%20prod.yml", uriBaseId: "%SRCROOT%" },
      region: { startLine: 1, endLine: 1 },
    });
    expect(decodeURIComponent(secret.result.locations[0]!.physicalLocation.artifactLocation.uri)).toBe(CONFIG_PATH);
    expect(resultFor("Log once").result.locations[0]!.physicalLocation.region).toEqual({ startLine: 2, endLine: 4 });
  });

  it("reports a finding on a deleted line on its file as a whole, and says which base line it means", () => {
    const { result } = resultFor("The auth check is gone");
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "src/app.ts", uriBaseId: "%SRCROOT%" },
    });
    expect(result.message.text).toBe(
      "The auth check is gone\n\nAnyone can call run() now.\n\nOn line 2 of the base, which this change deletes.",
    );
  });

  it("shows the secret no more than the finding does", () => {
    expect(JSON.stringify(log)).not.toContain(TOKEN);
    expect(JSON.stringify(log)).not.toContain(TOKEN.slice(0, 8));
    const { finding, result } = resultFor("GitHub token");
    expect(result.message.text).toBe(`${finding.title}\n\n${finding.body}`);
  });

  it("fingerprints results by what they point at, so an edit above them keeps their alerts", () => {
    const hashes = run.results.map((result) => result.partialFingerprints.primaryLocationLineHash);
    expect(hashes).toEqual(review.findings.map((finding) => expect.stringMatching(`^${finding.fingerprint}:`)));
    expect(new Set(hashes).size).toBe(hashes.length);
    const twins = run.results.filter((result) => result.ruleId === "debug/console-log");
    expect(twins.map((result) => result.partialFingerprints.primaryLocationLineHash.split(":")[1])).toEqual(["1", "2"]);

    const moved = sarifLog(reviewFrom(41), { version: "1.2.3" }).runs[0]!.results;
    expect(moved.map((result) => result.partialFingerprints.primaryLocationLineHash)).toEqual(hashes);
    expect(moved.map((result) => result.locations[0]!.physicalLocation.region?.startLine)).not.toEqual(
      run.results.map((result) => result.locations[0]!.physicalLocation.region?.startLine),
    );
  });

  it("encodes a file name with a lone surrogate (U+FFFD) rather than failing on it", () => {
    const path = "src/bad\ud800name.ts";
    const file = addedFile(path, ["run();"]);
    const lone = placedReview([file], [llmFinding({ path, line: 1, severity: "nit", title: "Odd name" })]);
    const result = sarifLog(lone, { version: "1.2.3" }).runs[0]!.results[0]!;
    expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe("src/bad%EF%BF%BDname.ts");
  });

  it("is valid for a review with no findings", () => {
    const empty = sarifLog(placedReview([], []), { version: "1.2.3" });
    expect(validateSarif(empty)).toEqual([]);
    expect(empty.runs[0]!.results).toEqual([]);
  });
});

describe("validateSarif", () => {
  it("fails a log whose result has no message", () => {
    const { message: _message, ...withoutMessage } = run.results[0]!;
    const broken = { ...log, runs: [{ ...run, results: [withoutMessage] }] };
    expect(validateSarif(broken)).toContainEqual(expect.stringContaining("must have required property 'message'"));
  });

  it("fails a log of another version, a region that starts at line 0, or a path that is no URI", () => {
    expect(validateSarif({ ...log, version: "2.0.0" })).not.toEqual([]);
    const at = (artifactLocation: { uri: string }, region?: { startLine: number }) => ({
      ...log,
      runs: [
        { ...run, results: [{ ...run.results[0]!, locations: [{ physicalLocation: { artifactLocation, region } }] }] },
      ],
    });
    expect(validateSarif(at({ uri: "a.ts" }, { startLine: 0 }))).toContainEqual(expect.stringContaining("startLine"));
    expect(validateSarif(at({ uri: "a b.ts" }))).toContainEqual(expect.stringContaining('format "uri-reference"'));
    expect(validateSarif(at({ uri: "a%20b.ts" }))).toEqual([]);
  });
});

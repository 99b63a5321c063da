import { builtInRules } from "../rules/built-in-rules.js";
import { SEVERITIES, type PlacedFinding, type Review, type Severity } from "../types.js";

// The review as a SARIF 2.1.0 log for GitHub code scanning. The properties GitHub reads, and the
// limits it puts on them, are in https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning

type Level = "error" | "warning" | "note";

const LEVEL: Readonly<Record<Severity, Level>> = {
  critical: "error",
  warning: "warning",
  suggestion: "note",
  nit: "note",
};

// GitHub reads security-severity as a CVSS-like score: 9.0 and up is critical, 7.0–8.9 high,
// 4.0–6.9 medium, 0.1–3.9 low. Each value sits inside its band, clear of the edges.
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: "9.5",
  warning: "7.5",
  suggestion: "5.0",
  nit: "2.0",
};

const SECURITY_FAMILIES: ReadonlySet<string> = new Set(["secret"]);

const LLM_DESCRIPTION = "A problem the language model found while reviewing the change";

export function sarifLog(review: Review, { version }: { version: string }) {
  const ruleIds = [...new Set(review.findings.map((finding) => finding.rule))].sort();
  const fingerprints = occurrenceFingerprints(review.findings);
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "nectr",
            semanticVersion: version,
            version,
            rules: ruleIds.map((id) => ruleDescriptor(id, review.findings)),
          },
        },
        results: review.findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIds.indexOf(finding.rule),
          level: LEVEL[finding.severity],
          message: { text: messageText(finding) },
          locations: [{ physicalLocation: physicalLocation(finding) }],
          partialFingerprints: { primaryLocationLineHash: fingerprints.get(finding) ?? finding.fingerprint },
          properties: { severity: finding.severity },
        })),
      },
    ],
  };
}

function ruleDescriptor(id: string, findings: readonly PlacedFinding[]) {
  const family = id.split("/")[0] ?? id;
  const description = id === "llm" ? LLM_DESCRIPTION : builtInRules.find((rule) => rule.id === family)?.description;
  const severest = severestOf(findings.filter((finding) => finding.rule === id));
  const security = SECURITY_FAMILIES.has(family);
  return {
    id,
    name: pascalName(id),
    shortDescription: { text: description ?? id },
    ...(description !== undefined && { fullDescription: { text: description }, help: { text: description } }),
    defaultConfiguration: { level: LEVEL[severest] },
    properties: {
      tags: security ? ["security", family] : [family],
      ...(security && { "security-severity": SECURITY_SEVERITY[severest] }),
    },
  };
}

/**
 * A deleted (LEFT) line is not in the head file code scanning reads: its number would point at
 * unrelated code there, and GitHub only shows alerts on added or edited lines anyway. So such a
 * finding is reported on the file as a whole (a location with no region, which code scanning
 * takes as "the entire file"), and its message says which lines of the base it is about.
 */
function physicalLocation(finding: PlacedFinding) {
  const artifactLocation = { uri: relativeUri(finding.path), uriBaseId: "%SRCROOT%" };
  if (finding.side === "LEFT") return { artifactLocation };
  return { artifactLocation, region: { startLine: finding.startLine ?? finding.line, endLine: finding.line } };
}

function messageText(finding: PlacedFinding): string {
  const parts = [finding.title, finding.body];
  if (finding.side === "LEFT") parts.push(`On ${lineRange(finding)} of the base, which this change deletes.`);
  return parts.filter((part) => part.trim() !== "").join("\n\n");
}

function lineRange({ startLine, line }: PlacedFinding): string {
  return startLine === null || startLine === line ? `line ${line}` : `lines ${startLine}–${line}`;
}

/**
 * GitHub matches alerts across pushes by `primaryLocationLineHash` alone. The finding's fingerprint
 * does not move with its line; the `:n` suffix (as codeql-action's own hashes carry) keeps two
 * findings on identical code in one file, which share a fingerprint, two alerts.
 */
function occurrenceFingerprints(findings: readonly PlacedFinding[]): Map<PlacedFinding, string> {
  const seen = new Map<string, number>();
  const result = new Map<PlacedFinding, string>();
  for (const finding of [...findings].sort((a, b) => a.line - b.line)) {
    const count = (seen.get(finding.fingerprint) ?? 0) + 1;
    seen.set(finding.fingerprint, count);
    result.set(finding, `${finding.fingerprint}:${count}`);
  }
  return result;
}

/** A repository path as a relative URI reference: each segment percent-encoded, `/` kept. */
function relativeUri(path: string): string {
  // encodeURIComponent throws on a lone surrogate, which a hostile file name could carry.
  const wellFormed = path.replace(/\p{Cs}/gu, "\uFFFD");
  return wellFormed.split("/").map(encodeURIComponent).join("/");
}

/** "secret/aws-key" → "SecretAwsKey": the rule's name as SARIF viewers show it. */
function pascalName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

function severestOf(findings: readonly PlacedFinding[]): Severity {
  return SEVERITIES.find((severity) => findings.some((finding) => finding.severity === severity)) ?? "warning";
}

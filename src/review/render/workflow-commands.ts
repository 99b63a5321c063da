import { SEVERITIES, type PlacedFinding, type Review, type Severity } from "../types.js";

// The review as GitHub Actions workflow commands, one annotation per finding:
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
// The runner takes `::name key=value,key=value::message` from the start of an output line
// (actions/runner, ActionCommand.TryParseV2), ends the properties at the first `::` and splits
// them at `,`. A PR's paths, titles and bodies are its author's to choose, so they are escaped as
// @actions/core's command.ts escapes them: a CR or LF cannot end the line (and start a command of
// its own), and a `:` or `,` in a value cannot end the properties or add one.

const COMMAND: Readonly<Record<Severity, string>> = {
  critical: "error",
  warning: "warning",
  suggestion: "notice",
  nit: "notice",
};

/** One command a line; then a plain line of counts, which the runner logs and makes no annotation of. */
export function workflowCommands(review: Review): string {
  const counts = SEVERITIES.map(
    (severity) => `${review.findings.filter((finding) => finding.severity === severity).length} ${severity}`,
  );
  return [...review.findings.map(annotation), `nectr findings: ${counts.join(", ")}`].join("\n");
}

/**
 * A finding on a deleted (LEFT) line names its file but no line: the runner reads line numbers
 * as the head's, where that line is not. Its message says which lines of the base it is about.
 */
function annotation(finding: PlacedFinding): string {
  const properties: [string, string][] = [["file", finding.path]];
  if (finding.side === "RIGHT")
    properties.push(["line", String(finding.startLine ?? finding.line)], ["endLine", String(finding.line)]);
  properties.push(["title", finding.title]);
  const shown = properties
    .filter(([, value]) => value !== "")
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(",");
  return `::${COMMAND[finding.severity]} ${shown}::${escapeMessage(messageOf(finding))}`;
}

function messageOf(finding: PlacedFinding): string {
  const message = finding.body.trim() === "" ? finding.title : finding.body;
  if (finding.side === "RIGHT") return message;
  const { startLine, line } = finding;
  const lines = startLine === null || startLine === line ? `line ${line}` : `lines ${startLine}–${line}`;
  return `${message}\n\n(On ${lines} of the base, which this change deletes.)`;
}

// `%` first, so the escapes that follow are not escaped again.
function escapeMessage(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeMessage(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

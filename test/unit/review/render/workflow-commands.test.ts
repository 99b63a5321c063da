import { describe, expect, it } from "vitest";
import { workflowCommands } from "../../../../src/review/render/workflow-commands.js";
import type { Finding } from "../../../../src/review/types.js";
import { reviewFile } from "../rules/review-file.js";
import { placedReview } from "./placed-review.js";

// A path, title and body an author could put in a PR to end a command early or start a second one.
const PATH = "src/50%,x::error::y.ts";
const TITLE = "Rate: 50%, then\r\n::warning::also";
const BODY = "Line one\n::error::injected, 100%\r\n::stop-commands::t\n%0A stays text";

const finding = (overrides: Partial<Finding>): Finding => ({
  path: PATH,
  line: 2,
  startLine: null,
  side: "RIGHT",
  severity: "critical",
  rule: "llm",
  title: TITLE,
  body: BODY,
  suggestion: null,
  ...overrides,
});

const file = reviewFile(PATH, [" keep", "-gone", "+one", "+two"]);

/** A line read as the runner reads it (actions/runner ActionCommand.TryParseV2), escapes undone. */
function parseCommand(line: string) {
  const end = line.indexOf("::", 2);
  if (!line.startsWith("::") || end < 0) return undefined;
  const info = line.slice(2, end);
  const space = info.indexOf(" ");
  const properties = new Map<string, string>();
  for (const pair of space < 0 ? [] : info.slice(space + 1).split(",")) {
    const equals = pair.indexOf("=");
    properties.set(pair.slice(0, equals), unescapeProperty(pair.slice(equals + 1)));
  }
  return { name: space < 0 ? info : info.slice(0, space), properties, message: unescapeData(line.slice(end + 2)) };
}

// The runner's order: %25 last, so an escaped "%0A" comes back as text.
const unescapeData = (text: string) => text.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%25", "%");
const unescapeProperty = (text: string) =>
  text
    .replaceAll("%0D", "\r")
    .replaceAll("%0A", "\n")
    .replaceAll("%3A", ":")
    .replaceAll("%2C", ",")
    .replaceAll("%25", "%");

describe("workflowCommands", () => {
  it("escapes a hostile path, title and body so each finding is one command, exactly", () => {
    const review = placedReview([file], [finding({ startLine: 1, line: 2 })]);
    expect(workflowCommands(review)).toBe(
      "::error file=src/50%25%2Cx%3A%3Aerror%3A%3Ay.ts,line=1,endLine=2,title=Rate%3A 50%25%2C then%0D%0A%3A%3Awarning%3A%3Aalso" +
        "::Line one%0A::error::injected, 100%25%0D%0A::stop-commands::t%0A%250A stays text\n" +
        "nectr findings: 1 critical, 0 warning, 0 suggestion, 0 nit",
    );
  });

  it("gives back the path, title, lines and body when read by GitHub's rules", () => {
    const review = placedReview([file], [finding({ startLine: 1, line: 2 })]);
    const [line] = workflowCommands(review).split("\n");
    const command = parseCommand(line!);
    expect(command?.name).toBe("error");
    expect(Object.fromEntries(command!.properties)).toEqual({ file: PATH, line: "1", endLine: "2", title: TITLE });
    expect(command?.message).toBe(BODY);
  });

  it("writes error, warning or notice by severity, and a last line that is no command", () => {
    const review = placedReview(
      [file],
      [
        finding({ line: 1, severity: "critical" }),
        finding({ line: 2, severity: "warning" }),
        finding({ line: 1, severity: "suggestion", title: "s" }),
        finding({ line: 2, severity: "nit", title: "n" }),
      ],
    );
    const lines = workflowCommands(review).split("\n");
    expect(lines.map((line) => parseCommand(line)?.name)).toEqual(["error", "warning", "notice", "notice", undefined]);
    expect(lines.at(-1)).toBe("nectr findings: 1 critical, 1 warning, 1 suggestion, 1 nit");
    expect(parseCommand(lines[0]!)?.properties.get("line")).toBe("1");
    expect(parseCommand(lines[0]!)?.properties.get("endLine")).toBe("1");
  });

  it("names only the file for a finding on a deleted line, and says which base line it means", () => {
    const review = placedReview([file], [finding({ side: "LEFT", line: 2, severity: "warning", body: "Gone." })]);
    const command = parseCommand(workflowCommands(review).split("\n")[0]!);
    expect(Object.fromEntries(command!.properties)).toEqual({ file: PATH, title: TITLE });
    expect(command?.message).toBe("Gone.\n\n(On line 2 of the base, which this change deletes.)");
  });

  it("uses the title as the message when the body is empty", () => {
    const review = placedReview([file], [finding({ body: "" })]);
    expect(parseCommand(workflowCommands(review).split("\n")[0]!)?.message).toBe(TITLE);
  });

  it("prints only the counts for a review with no findings", () => {
    expect(workflowCommands(placedReview([file], []))).toBe(
      "nectr findings: 0 critical, 0 warning, 0 suggestion, 0 nit",
    );
  });
});

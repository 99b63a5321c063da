import type { Finding, ReviewFile } from "../types.js";
import type { Rule } from "./types.js";
import { conflictMarkersRule } from "./conflict-markers.js";
import { debugLeftoversRule } from "./debug-leftovers.js";
import { disabledTestsRule } from "./disabled-tests.js";
import { lockfileDriftRule } from "./lockfile-drift.js";
import { secretsRule } from "./secrets.js";
import { sizeRule } from "./size.js";
import { todoCommentsRule } from "./todo-comments.js";

export const builtInRules: readonly Rule[] = [
  secretsRule,
  conflictMarkersRule,
  debugLeftoversRule,
  disabledTestsRule,
  lockfileDriftRule,
  sizeRule,
  todoCommentsRule,
];

/** Every rule's findings, sorted by path then line, each (path, side, line, rule) once. */
export function runRules(files: readonly ReviewFile[], rules: readonly Rule[] = builtInRules): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const finding of rules.flatMap((rule) => rule.check(files))) {
    const key = JSON.stringify([finding.path, finding.side, finding.line, finding.rule]);
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings.sort(byPathThenLine);
}

function byPathThenLine(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.line - b.line;
}

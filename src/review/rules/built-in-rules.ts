import { UNLIMITED_TIME, type TimeBox } from "../ports.js";
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

export interface RulesRun {
  findings: Finding[];
  /** Files the time box left unchecked. */
  unchecked: string[];
}

/**
 * Every rule's findings, sorted by path then line, each (path, side, line, rule) once. Files are
 * checked one at a time until the time box is spent; the rest are named, not silently passed.
 */
export function runRules(
  files: readonly ReviewFile[],
  rules: readonly Rule[] = builtInRules,
  time: TimeBox = UNLIMITED_TIME,
): RulesRun {
  const raw: Finding[] = [];
  const checked: ReviewFile[] = [];
  const unchecked: string[] = [];
  for (const file of files) {
    if (time.remainingMs() <= 0) {
      unchecked.push(file.path);
      continue;
    }
    checked.push(file);
    for (const rule of rules) if (!rule.acrossFiles) raw.push(...rule.check([file]));
  }
  for (const rule of rules) if (rule.acrossFiles) raw.push(...rule.check(checked));
  return { findings: onePerLine(raw), unchecked };
}

function onePerLine(raw: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const finding of raw) {
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

import { KIND_PRIORITY, type FileKind } from "./file-kind.js";
import type { DiffHunk } from "./types.js";

export interface BudgetFile {
  path: string;
  kind: FileKind;
  hunks: readonly DiffHunk[];
}

export interface PlannedFile {
  path: string;
  /** The hunks sent, in the order sent (deletion-only hunks last). */
  hunks: DiffHunk[];
  clipped: boolean;
  /** Whether the unchanged code around its hunks fits the call too (see BudgetLimits.contextCost). */
  withContext: boolean;
}

export interface BudgetPlan {
  /** Each chunk is one LLM call. */
  chunks: PlannedFile[][];
  /** The prompt tokens each chunk's files cost. */
  tokens: number[];
  full: string[];
  clipped: string[];
  skipped: { path: string; reason: string }[];
}

export interface BudgetLimits {
  /** Prompt tokens one call may spend on file diffs. */
  tokensPerCall: number;
  maxCalls: number;
  /** Tokens of a file's heading in the prompt. */
  headerCost(path: string): number;
  /** Tokens of one hunk in the prompt; a file costs its heading plus its hunks. */
  hunkCost(hunk: DiffHunk): number;
  /** True once the review's analysis time is spent: the files not yet planned are skipped. */
  outOfTime?: () => boolean;
}

export const OUT_OF_TIME_REASON = "not analysed within the review's time box";

/**
 * Fits the diff into at most `maxCalls` calls of `tokensPerCall` tokens: source before config
 * before tests before docs, larger changes first within a kind, deletion-only hunks last. A
 * file too big for one call is clipped to the hunks that fit; what fits nowhere is skipped and
 * named, never silently dropped.
 */
export function planTokenBudget(files: readonly BudgetFile[], limits: BudgetLimits): BudgetPlan {
  const used: number[] = [];
  const plan: BudgetPlan = { chunks: [], tokens: used, full: [], clipped: [], skipped: [] };
  for (const file of orderForReview(files)) {
    if (limits.outOfTime?.()) {
      plan.skipped.push({ path: file.path, reason: OUT_OF_TIME_REASON });
      continue;
    }
    const hunks = orderHunks(file.hunks);
    const costs = [limits.headerCost(file.path), ...hunks.map((hunk) => limits.hunkCost(hunk))];
    const whole = costs.reduce((sum, cost) => sum + cost, 0);
    const slot = used.findIndex((tokens) => tokens + whole <= limits.tokensPerCall);
    if (slot !== -1 || (whole <= limits.tokensPerCall && plan.chunks.length < limits.maxCalls)) {
      place(plan, used, slot, { path: file.path, hunks, clipped: false, withContext: false }, whole);
      plan.full.push(file.path);
      continue;
    }
    const clipped = clipToFit(file.path, hunks, costs, limits, plan, used);
    if (clipped) plan.clipped.push(file.path);
    else plan.skipped.push({ path: file.path, reason: "over the token budget" });
  }
  return plan;
}

/**
 * Adds the unchanged code around each planned file's hunks (`contextCost` tokens) where its call
 * has room left. Context is planned after the diff, into the room the diff leaves: it is the first
 * thing left out, never a diff line.
 */
export function addContext(plan: BudgetPlan, tokensPerCall: number, contextCost: (file: PlannedFile) => number): void {
  plan.chunks.forEach((chunk, slot) => {
    for (const file of chunk) {
      const cost = contextCost(file);
      if (cost === 0 || (plan.tokens[slot] ?? 0) + cost > tokensPerCall) continue;
      file.withContext = true;
      plan.tokens[slot] = (plan.tokens[slot] ?? 0) + cost;
    }
  });
}

function orderForReview(files: readonly BudgetFile[]): BudgetFile[] {
  const onlyDeletes = (file: BudgetFile) => file.hunks.every(isDeletionOnly);
  const added = (file: BudgetFile) => file.hunks.reduce((sum, hunk) => sum + hunk.newLines, 0);
  return [...files].sort(
    (a, b) =>
      Number(onlyDeletes(a)) - Number(onlyDeletes(b)) ||
      KIND_PRIORITY[a.kind] - KIND_PRIORITY[b.kind] ||
      added(b) - added(a) ||
      a.path.localeCompare(b.path),
  );
}

function orderHunks(hunks: readonly DiffHunk[]): DiffHunk[] {
  return [...hunks.filter((hunk) => !isDeletionOnly(hunk)), ...hunks.filter(isDeletionOnly)];
}

function isDeletionOnly(hunk: DiffHunk): boolean {
  return hunk.lines.every((line) => line.kind !== "add");
}

/**
 * The largest prefix of the hunks that fits the roomiest open chunk, or a new one if calls
 * remain. `costs` holds the heading's cost, then each hunk's.
 */
function clipToFit(
  path: string,
  hunks: DiffHunk[],
  costs: number[],
  limits: BudgetLimits,
  plan: BudgetPlan,
  used: number[],
): boolean {
  const room = Math.max(
    ...used.map((tokens) => limits.tokensPerCall - tokens),
    plan.chunks.length < limits.maxCalls ? limits.tokensPerCall : 0,
  );
  let cost = costs[0] ?? 0;
  let count = 0;
  while (count < hunks.length && cost + (costs[count + 1] ?? 0) <= room) {
    count += 1;
    cost += costs[count] ?? 0;
  }
  if (count === 0) return false;
  const kept = hunks.slice(0, count);
  const slot = used.findIndex((tokens) => tokens + cost <= limits.tokensPerCall);
  place(plan, used, slot, { path, hunks: kept, clipped: true, withContext: false }, cost);
  return true;
}

function place(plan: BudgetPlan, used: number[], slot: number, file: PlannedFile, cost: number): void {
  if (slot === -1) {
    plan.chunks.push([file]);
    used.push(cost);
    return;
  }
  plan.chunks[slot]?.push(file);
  used[slot] = (used[slot] ?? 0) + cost;
}

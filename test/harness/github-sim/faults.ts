import type { SimResponse } from "./http.js";

/** A switchable fault: which requests it hits, and the answer (or delay) they get instead. */
export interface FaultRule {
  method?: string;
  path?: string | RegExp;
  /** How many matching requests it affects; unlimited when left out. */
  times?: number;
  /** The share of matching requests it affects (0..1), from a seeded generator. */
  rate?: number;
  /** Answer this much later (a slow GitHub); combined with `response`, or alone. */
  delayMs?: number;
  /** Do the work at once but send the answer this much later (a connection lost after GitHub acted). */
  answerDelayMs?: number;
  response?: SimResponse;
  /** Do the work, then answer with `response` anyway: GitHub applied the write, the client saw a 5xx. */
  afterApplying?: boolean;
}

export interface FaultDecision {
  delayMs: number;
  answerDelayMs: number;
  response: SimResponse | undefined;
  afterApplying: boolean;
}

export class Faults {
  private rules: FaultRule[] = [];
  private seed = 42;

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  /** A 5xx for matching requests (after doing the work, with `afterApplying`). */
  serverError(rule: Omit<FaultRule, "response"> & { status?: number } = {}): void {
    const status = rule.status ?? 502;
    this.add({ ...rule, response: { status, body: { message: "Server Error" } } });
  }

  /** GitHub's secondary rate limit: 403 with `Retry-After` (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api). */
  secondaryRateLimit(
    rule: Omit<FaultRule, "response"> & { retryAfterSeconds?: number; status?: 403 | 429 } = {},
  ): void {
    this.add({
      ...rule,
      response: {
        status: rule.status ?? 403,
        headers: { "retry-after": String(rule.retryAfterSeconds ?? 1) },
        body: {
          message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
          documentation_url:
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
        },
      },
    });
  }

  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, answerDelayMs: 0, response: undefined, afterApplying: false };
    for (const rule of this.rules) {
      if (!this.matches(rule, method, path)) continue;
      if (rule.times !== undefined) rule.times -= 1;
      decision.delayMs += rule.delayMs ?? 0;
      decision.answerDelayMs += rule.answerDelayMs ?? 0;
      if (decision.response === undefined && rule.response !== undefined) {
        decision.response = rule.response;
        decision.afterApplying = rule.afterApplying === true;
      }
    }
    this.rules = this.rules.filter((rule) => rule.times === undefined || rule.times > 0);
    return decision;
  }

  private matches(rule: FaultRule, method: string, path: string): boolean {
    if (rule.method && rule.method.toUpperCase() !== method) return false;
    if (typeof rule.path === "string" && rule.path !== path) return false;
    if (rule.path instanceof RegExp && !rule.path.test(path)) return false;
    if (rule.times !== undefined && rule.times <= 0) return false;
    return rule.rate === undefined || this.random() < rule.rate;
  }

  /** mulberry32: the same faults on every run. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = Math.imul(this.seed ^ (this.seed >>> 15), 1 | this.seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

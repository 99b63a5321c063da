import { deliveryIdAsRead, type FuzzRequest } from "./fuzz-request.js";
import type { SentRequest } from "./send-fuzz-request.js";

/** What a fuzz run saw: how requests ended, answers outside the SPEC, and what each delivery id got. */
export interface FuzzTally {
  record(fuzz: FuzzRequest, sent: SentRequest): void;
  tried(): number;
  /** The bodies of the requests that went out (not those node:http refused to send), in MB. */
  bodyMegabytes(): number;
  /** Answers outside what their request's kind allows, one line per kind and answer, with how often. */
  unexpected(): string[];
  /** Statuses (200, 202) the webhook answered per delivery id, as the daemon read the id. */
  answersByDelivery(): ReadonlyMap<string, number[]>;
  lines(): string[];
}

export function createFuzzTally(): FuzzTally {
  let tried = 0;
  let bodyBytes = 0;
  const counts = new Map<string, number>();
  const unexpected = new Map<string, number>();
  const answersByDelivery = new Map<string, number[]>();
  return {
    record(fuzz, sent) {
      tried += 1;
      if (sent.outcome !== "refused") bodyBytes += fuzz.body.length;
      const label = outcomeLabel(fuzz, sent);
      counts.set(label, (counts.get(label) ?? 0) + 1);
      if (!fuzz.allowed.includes(sent.outcome)) {
        const error = sent.error ? ` (${sent.error})` : "";
        const line = `${fuzz.kind}: ${String(sent.outcome)}${error}, allowed ${fuzz.allowed.join(" or ")}`;
        unexpected.set(line, (unexpected.get(line) ?? 0) + 1);
      }
      const deliveryId = deliveryIdAsRead(fuzz.headers);
      if (fuzz.method === "POST" && (sent.outcome === 200 || sent.outcome === 202) && deliveryId !== undefined) {
        answersByDelivery.set(deliveryId, [...(answersByDelivery.get(deliveryId) ?? []), sent.outcome]);
      }
    },
    tried: () => tried,
    bodyMegabytes: () => bodyBytes / 1024 / 1024,
    unexpected: () => [...unexpected].map(([line, count]) => `${line} (${count}×)`),
    answersByDelivery: () => answersByDelivery,
    lines: () => [
      `requests tried: ${tried}`,
      ...[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([label, count]) => `  ${label}: ${count}`),
    ],
  };
}

function outcomeLabel(fuzz: FuzzRequest, sent: SentRequest): string {
  if (sent.outcome === 202) return "202 accepted";
  if (sent.outcome === 200) return fuzz.method === "POST" ? "200 duplicate" : "200 health, metrics or status page";
  if (sent.outcome === "refused") return "refused by node:http's client (never sent)";
  if (sent.outcome === "closed" && fuzz.abortAfterBytes !== undefined) return "abandoned mid-body by the fuzzer";
  if (sent.outcome === "closed") return "closed without an answer (framing node:http refused, or past the cap)";
  if (sent.outcome === "timeout") return "timed out";
  return `${sent.outcome} rejected`;
}

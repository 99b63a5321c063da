import { webhookExample } from "../harness/webhook-examples.js";
import { addHugeString, changeBody } from "./body-defects.js";
import {
  addDefect,
  addVariation,
  finish,
  signature,
  signedDelivery,
  type FuzzRequest,
  type Outcome,
} from "./fuzz-request.js";
import { addHeaderDefect } from "./header-defects.js";
import { methodOrPathRequest, statusPageRequest } from "./method-and-path-requests.js";
import type { SeededRandom } from "./seeded-random.js";
import { addSignatureDefect } from "./signature-defects.js";
import { GLOBAL_SECRET, hookedRepoDelivery, validDelivery } from "./valid-deliveries.js";

/** Valid deliveries kept to send again (GitHub redelivers with the same X-GitHub-Delivery). */
const RESEND_WINDOW = 32;
/** Huge bodies are not kept for resending: the fuzzer's own memory stays small. */
const RESENT_BODY_LIMIT = 100_000;
/**
 * Reading stops at the cap (README): the daemon answers 413 and closes while the client may still
 * be sending, and a client that is gets a reset that can beat the answer.
 */
const TOO_LARGE: Outcome[] = [413, "closed"];

/**
 * `count` requests, the same ones for the same seed: a mix of valid deliveries, resends, and
 * deliveries with one or two defects, plus a few bodies around the 25 MB cap, sent during the
 * first `warmUp` requests so the memory they take counts as the baseline, not as growth.
 */
export function* generateFuzzRequests(
  random: SeededRandom,
  options: { count: number; warmUp: number },
): Generator<FuzzRequest> {
  const sent: FuzzRequest[] = [];
  const big = bigBodyRequests();
  const bigEvery = Math.floor(options.warmUp / (big.length + 1));
  for (let index = 1; index <= options.count; index += 1) {
    const bigRequest = index % bigEvery === 0 && index < options.warmUp ? big.shift() : undefined;
    if (bigRequest) {
      yield bigRequest();
      continue;
    }
    const request = mixedRequest(random, sent);
    if (request.allowed.includes(202) && request.body.length < RESENT_BODY_LIMIT) sent.push(request);
    if (sent.length > RESEND_WINDOW) sent.shift();
    yield request;
  }
}

/**
 * One request of the mix, roughly: 27% valid deliveries (some sent chunked), 5% of the hooked
 * repo, 7% sent again, 15% with a header defect, 12% with a signature defect, 23% with another
 * body (mostly refused), 1% with a 1-3 MB string, 0.5% abandoned mid-body, 0.2% for the status
 * page, and the rest other methods and paths.
 */
function mixedRequest(random: SeededRandom, sent: readonly FuzzRequest[]): FuzzRequest {
  const roll = random.next();
  const draft = validDelivery(random);
  if (roll < 0.27) {
    if (random.chance(0.05)) {
      draft.chunked = true;
      addVariation(draft, "chunked");
    }
    return finish(draft);
  }
  if (roll < 0.3) return finish(hookedRepoDelivery(random));
  if (roll < 0.32) {
    const other = hookedRepoDelivery(random, "someone-else/their-repo");
    addDefect(other, "a hook's secret vouching for another repo", [401]);
    return finish(other);
  }
  const earlier = sent.length > 0 ? random.pick(sent) : undefined;
  if (roll < 0.37 && earlier) return { ...earlier, kind: `${earlier.kind}, sent again` };
  if (roll < 0.39 && earlier) {
    // Nothing about a stored delivery is told to a sender who cannot sign: 401, not "duplicate".
    const headers = { ...earlier.headers, "x-hub-signature-256": signature(earlier.body, "not-the-secret") };
    return { ...earlier, headers, kind: `${earlier.kind}, sent again with a wrong signature`, allowed: [401] };
  }
  if (roll < 0.54) addHeaderDefect(draft, random);
  else if (roll < 0.66) {
    addSignatureDefect(draft, random);
    if (random.chance(0.1)) addHeaderDefect(draft, random);
  } else if (roll < 0.89) {
    changeBody(draft, random);
    if (random.chance(0.1)) addSignatureDefect(draft, random);
  } else if (roll < 0.899) addHugeString(draft, random.int(1, 3));
  else if (roll < 0.904) {
    draft.headers["content-length"] = String(draft.body.length);
    draft.abortAfterBytes = random.int(1, draft.body.length - 1);
    addDefect(draft, "client gives up mid-body", ["closed"]);
  } else if (roll < 0.906) return statusPageRequest(random);
  else return methodOrPathRequest(random);
  return finish(draft);
}

/** SPEC: over GitHub's 25 MB cap is 413. Sizes stay clear of the MB/MiB question: 25e6 - 64 and 25 MiB + 1. */
function bigBodyRequests(): (() => FuzzRequest)[] {
  const underCap = 25_000_000 - 64;
  const overCap = 25 * 1024 * 1024 + 1;
  const sized =
    (kind: string, bytes: number, answers: FuzzRequest["allowed"], chunked = false) =>
    () => {
      const draft = signedDelivery("ping", Buffer.alloc(bytes, "x"), GLOBAL_SECRET, `big-${kind}`);
      draft.chunked = chunked;
      addDefect(draft, kind, answers);
      return finish(draft);
    };
  return [
    () => {
      const ping = JSON.stringify({ ...webhookExample("ping"), fuzz: "" });
      const padded = ping.replace('"fuzz":""', `"fuzz":"${"x".repeat(underCap - ping.length)}"`);
      const draft = signedDelivery("ping", Buffer.from(padded), GLOBAL_SECRET, "big-just-under-the-cap");
      addVariation(draft, "JSON just under 25 MB");
      return finish(draft);
    },
    sized("just under 25 MB, not JSON", underCap, [400]),
    sized("just under 25 MB, chunked, not JSON", underCap, [400], true),
    sized("over 25 MiB", overCap, TOO_LARGE),
    sized("over 25 MiB, chunked", overCap, TOO_LARGE, true),
    sized("50 MiB, chunked", 2 * overCap, TOO_LARGE, true),
  ];
}

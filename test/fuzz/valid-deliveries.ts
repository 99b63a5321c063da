import { webhookExamples } from "../harness/webhook-examples.js";
import { addVariation, signedDelivery, type RequestDraft } from "./fuzz-request.js";
import type { SeededRandom } from "./seeded-random.js";

// Deliveries the SPEC accepts, from GitHub's own example payloads (@octokit/webhooks-examples),
// each with a fresh delivery id, sometimes with a harmless change GitHub or a proxy could make.

export const GLOBAL_SECRET = "fuzz-global-webhook-secret";

/** A connected repo whose hook has its own secret: its deliveries must be signed with it. */
export const HOOKED_REPO = { fullName: "nectr-fuzz/hooked", hookId: "4242", secret: "fuzz-hook-own-secret" };

const COMMON_EVENTS = ["pull_request", "pull_request", "issue_comment", "issues", "ping"];
const OTHER_EVENTS = ["push", "star", "release", "installation", "check_run", "workflow_run", "label", "fork"];

/** Event names that pass the daemon's header check but that it does not act on. */
const ODD_BUT_WELL_FORMED_EVENTS = ["__proto__", "constructor", "toString", "x.y-z", "e".repeat(100)];

export function validDelivery(random: SeededRandom): RequestDraft {
  const event = random.chance(0.8) ? random.pick(COMMON_EVENTS) : random.pick(OTHER_EVENTS);
  const payload = structuredClone(random.pick(webhookExamples(event)));
  if (event === "pull_request" && random.chance(0.5)) asNewHead(payload, random);
  if (event === "issue_comment" && random.chance(0.3)) asReviewCommand(payload);
  const draft = signedDelivery(event, Buffer.from(JSON.stringify(payload)), GLOBAL_SECRET, random.uuid());
  if (random.chance(0.25)) vary(draft, random);
  return draft;
}

/** A delivery of the hooked repo, signed with its hook's own secret. */
export function hookedRepoDelivery(random: SeededRandom, fullName = HOOKED_REPO.fullName): RequestDraft {
  const payload = structuredClone(random.pick(webhookExamples("issues")));
  payload.repository = { ...Object(payload.repository), full_name: fullName };
  const draft = signedDelivery("issues", Buffer.from(JSON.stringify(payload)), HOOKED_REPO.secret, random.uuid());
  draft.headers["x-github-hook-id"] = HOOKED_REPO.hookId;
  return draft;
}

/** A PR head no delivery has named yet, so the daemon queues a review (that fails in the background). */
function asNewHead(payload: Record<string, unknown>, random: SeededRandom): void {
  const pull = { ...Object(payload.pull_request), state: "open", draft: false };
  pull.head = { ...Object(pull.head), sha: random.hex(40) };
  payload.pull_request = pull;
  payload.number = random.int(1, 100_000);
}

function asReviewCommand(payload: Record<string, unknown>): void {
  payload.issue = { ...Object(payload.issue), pull_request: { url: "https://api.github.com/repos/o/r/pulls/1" } };
  payload.comment = { ...Object(payload.comment), body: "@nectr review" };
}

function vary(draft: RequestDraft, random: SeededRandom): void {
  const variations: [string, () => void][] = [
    ["odd but short delivery id", () => (draft.headers["x-github-delivery"] = oddDeliveryId(random))],
    ["repeated delivery header", () => (draft.headers["x-github-delivery"] = [random.uuid(), random.hex(8)])],
    [
      "unknown but well-formed event",
      () => (draft.headers["x-github-event"] = random.pick(ODD_BUT_WELL_FORMED_EVENTS)),
    ],
    ["unknown hook id", () => (draft.headers["x-github-hook-id"] = String(random.int(100_000, 999_999_999)))],
    [
      "junk hook id",
      () => (draft.headers["x-github-hook-id"] = random.pick(["-1", "1e3", "0x10", "abc", "9".repeat(30)])),
    ],
    ["query string", () => (draft.path += `?fuzz=${random.hex(6)}`)],
    ["other content type", () => (draft.headers["content-type"] = random.pick(["text/plain", "", "x/y; q=1"]))],
    ["no content type", () => delete draft.headers["content-type"]],
    ["many extra headers", () => addExtraHeaders(draft, random)],
    ["expect 100-continue", () => (draft.headers.expect = "100-continue")],
  ];
  const [kind, apply] = random.pick(variations);
  apply();
  addVariation(draft, kind);
}

/** Printable ASCII and Latin-1, at most 40 characters: within the daemon's 100 even as UTF-8 bytes. */
function oddDeliveryId(random: SeededRandom): string {
  const characters = "!\"#$%&'()*+,/:;<=>?@[\\]^`{|}~ éüÿ§µ¿";
  const middle = Array.from({ length: random.int(1, 38) }, () => random.pick([...characters])).join("");
  return `x${middle}x`;
}

function addExtraHeaders(draft: RequestDraft, random: SeededRandom): void {
  for (let index = random.int(1, 150); index > 0; index -= 1) draft.headers[`x-fuzz-${index}`] = random.hex(16);
}

import { addDefect, type Outcome, type RequestDraft } from "./fuzz-request.js";
import type { SeededRandom } from "./seeded-random.js";

// Headers GitHub would never send. The daemon answers 400 when X-GitHub-Event or
// X-GitHub-Delivery is missing or malformed (SPEC: "lacks the headers GitHub always sends").
// A few never reach it: node:http itself answers 431 to headers over its 16 KB limit and 417
// to an Expect it does not know, and 400 to broken framing; and node:http's client refuses to
// send CR, LF, NUL or characters past Latin-1 in a header, so header injection cannot leave
// this machine ("refused").

interface HeaderDefect {
  kind: string;
  answers: readonly Outcome[];
  apply(draft: RequestDraft, random: SeededRandom): void;
}

const ODD_EVENT_CHARACTERS = [" ", "/", ":", ";", ",", "%", "é", "\t", "'", "<", "{", "+", "="];
const UNSENDABLE = ["\r\nx-injected: 1", "\n", "\r", "\u0000", "\u0007", "😀", "中文", "\u2028", "\u0100"];
const GITHUB_HEADERS = ["x-github-event", "x-github-delivery", "x-hub-signature-256", "x-github-hook-id"];
/** node:http's parser answers these with 400 and closes the connection (request smuggling shapes). */
const FRAMING: readonly Outcome[] = [400, "closed"];

const HEADER_DEFECTS: HeaderDefect[] = [
  { kind: "no event header", answers: [400], apply: (draft) => delete draft.headers["x-github-event"] },
  { kind: "no delivery header", answers: [400], apply: (draft) => delete draft.headers["x-github-delivery"] },
  { kind: "empty event header", answers: [400], apply: (draft) => (draft.headers["x-github-event"] = "") },
  { kind: "empty delivery header", answers: [400], apply: (draft) => (draft.headers["x-github-delivery"] = "") },
  {
    kind: "event with an odd character",
    answers: [400],
    apply: (draft, random) => {
      const event = String(draft.headers["x-github-event"]);
      const at = random.int(1, event.length - 1);
      draft.headers["x-github-event"] = `${event.slice(0, at)}${random.pick(ODD_EVENT_CHARACTERS)}${event.slice(at)}`;
    },
  },
  {
    kind: "event over 100 characters",
    answers: [400],
    apply: (draft, random) => (draft.headers["x-github-event"] = "pull_request".repeat(random.int(9, 400))),
  },
  {
    kind: "delivery id over 100 characters",
    answers: [400],
    apply: (draft, random) => (draft.headers["x-github-delivery"] = random.hex(random.int(101, 8000))),
  },
  {
    kind: "repeated event header",
    answers: [400],
    apply: (draft) => (draft.headers["x-github-event"] = [String(draft.headers["x-github-event"]), "ping"]),
  },
  {
    kind: "headers over 16 KB",
    answers: [431],
    apply: (draft, random) => {
      const name = random.pick(["x-fuzz-big", "x-github-delivery", "cookie"]);
      draft.headers[name] = "a".repeat(random.int(17_000, 64_000));
    },
  },
  {
    kind: "unknown Expect",
    answers: [417],
    apply: (draft, random) => (draft.headers.expect = random.pick(["200-ok", "fuzz", "expect-nothing"])),
  },
  {
    kind: "unsendable header value",
    answers: ["refused"],
    apply: (draft, random) => {
      const name = random.pick([...GITHUB_HEADERS, "x-fuzz"]);
      draft.headers[name] = `${random.hex(4)}${random.pick(UNSENDABLE)}${random.hex(4)}`;
    },
  },
  {
    kind: "unsendable header name",
    answers: ["refused"],
    apply: (draft, random) => (draft.headers[random.pick(["x fuzz", "x:fuzz", "x-füzz", "x\r\ny", "(x)"])] = "1"),
  },
  {
    kind: "bad Content-Length",
    answers: FRAMING,
    apply: (draft, random) => (draft.headers["content-length"] = random.pick(["abc", "-1", "1.5", "0x10"])),
  },
  {
    kind: "repeated Content-Length",
    answers: FRAMING,
    apply: (draft) => (draft.headers["content-length"] = ["1", "2"]),
  },
  {
    kind: "Transfer-Encoding not chunked",
    answers: FRAMING,
    apply: (draft, random) => (draft.headers["transfer-encoding"] = random.pick(["gzip", "x"])),
  },
];

/** One header defect, picked by `random`, applied to `draft`. */
export function addHeaderDefect(draft: RequestDraft, random: SeededRandom): void {
  const defect = random.pick(HEADER_DEFECTS);
  defect.apply(draft, random);
  addDefect(draft, defect.kind, defect.answers);
}

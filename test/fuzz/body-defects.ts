import { webhookExamples } from "../harness/webhook-examples.js";
import { addDefect, addVariation, resign, type RequestDraft } from "./fuzz-request.js";
import type { SeededRandom } from "./seeded-random.js";
import { GLOBAL_SECRET } from "./valid-deliveries.js";

// Bodies signed with the right secret over their exact bytes, so only the content is on trial.
// SPEC: "a body that is not JSON: 400"; a JSON body of the wrong shape for its event is 400
// too. Odd but well-formed JSON (deep nesting, huge strings, NUL escapes, unicode) is accepted.

interface BodyChange {
  kind: string;
  /** False for a body the SPEC still accepts. */
  refused: boolean;
  apply(draft: RequestDraft, random: SeededRandom): void;
}

const NOT_JSON = [
  "not json",
  "{",
  "[",
  "{'a':1}",
  '{"a":1,}',
  "NaN",
  "undefined",
  '{"a":01}',
  '"open',
  "// c\n{}",
  "{}x",
  "payload=%7B%7D",
];
const NOT_AN_OBJECT = ["[]", "1", '"text"', "null", "true", "-0", "[{}]", "1e999"];
/** Bytes that are not UTF-8: a stray continuation byte, 0xFF, an overlong "/", an encoded surrogate. */
const NOT_UTF8 = [[0x80], [0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];
const ODD_TEXT = [
  "\u0000",
  "\\u0000",
  "😀",
  "\u202e",
  "\u2028",
  "\ud800",
  "e\u0301",
  "\ufeff",
  "\u0000".repeat(64),
  "中文",
];

const BODY_CHANGES: BodyChange[] = [
  { kind: "random bytes", refused: true, apply: (draft, random) => setBody(draft, randomBytes(random)) },
  {
    kind: "truncated JSON",
    refused: true,
    apply: (draft, random) => setBody(draft, draft.body.subarray(0, random.int(0, draft.body.length - 1))),
  },
  { kind: "empty body", refused: true, apply: (draft) => setBody(draft, Buffer.alloc(0)) },
  { kind: "not JSON", refused: true, apply: (draft, random) => setBody(draft, Buffer.from(random.pick(NOT_JSON))) },
  {
    kind: "byte-order mark before the JSON",
    refused: true,
    apply: (draft) => setBody(draft, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), draft.body])),
  },
  {
    kind: "raw control character in a string",
    refused: true,
    apply: (draft, random) => setBody(draft, insertIntoFirstString(draft.body, Buffer.from([random.int(0, 31)]))),
  },
  {
    kind: "not UTF-8",
    refused: true,
    apply: (draft, random) => setBody(draft, insertIntoFirstString(draft.body, Buffer.from(random.pick(NOT_UTF8)))),
  },
  {
    kind: "JSON but not an object",
    refused: true,
    apply: (draft, random) => setBody(draft, Buffer.from(random.pick(NOT_AN_OBJECT))),
  },
  {
    kind: "10,000-deep array",
    refused: true,
    apply: (draft) => setBody(draft, Buffer.from(`${"[".repeat(10_000)}${"]".repeat(10_000)}`)),
  },
  {
    kind: "another event's payload",
    refused: true,
    apply: (draft, random) => {
      draft.headers["x-github-event"] = random.pick(["pull_request", "issue_comment"]);
      const other = random.pick(webhookExamples(random.pick(["issues", "ping", "push", "star", "release"])));
      setBody(draft, Buffer.from(JSON.stringify(other)));
    },
  },
  {
    kind: "pull_request without what nectr reads",
    refused: true,
    apply: (draft, random) => {
      draft.headers["x-github-event"] = "pull_request";
      const pull = { head: { sha: "f".repeat(40) }, state: "open" };
      const repository = { full_name: "o/r" };
      const shape = random.pick([
        { action: "opened", number: 1, repository },
        { action: "opened", number: 1, repository, pull_request: [] },
        { action: "opened", number: -1, repository, pull_request: pull },
        { action: "opened", number: 1.5, repository, pull_request: pull },
        { action: 7, number: 1, repository, pull_request: pull },
        { action: "opened", number: 1, repository: { full_name: "no-slash" }, pull_request: pull },
        { action: "opened", number: 1, repository, pull_request: { ...pull, head: { sha: "NOT-A-SHA" } } },
      ]);
      setBody(draft, Buffer.from(JSON.stringify(shape)));
    },
  },
  {
    kind: "10,000-deep array inside",
    refused: false,
    apply: (draft) => addField(draft, deeplyNested(10_000, "[", "]", "")),
  },
  {
    kind: "10,000-deep object inside",
    refused: false,
    apply: (draft) => addField(draft, deeplyNested(10_000, '{"a":', "}", "0")),
  },
  {
    kind: "unicode and NUL in strings",
    refused: false,
    apply: (draft, random) => {
      const text = Array.from({ length: random.int(1, 8) }, () => random.pick(ODD_TEXT)).join("");
      addField(draft, JSON.stringify({ [text]: text }));
    },
  },
  {
    kind: "pretty-printed JSON",
    refused: false,
    apply: (draft) => setBody(draft, Buffer.from(JSON.stringify(JSON.parse(draft.body.toString()), null, 2))),
  },
  {
    kind: "__proto__ keys",
    refused: false,
    apply: (draft) => addField(draft, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'),
  },
];

/** A body change picked by `random`: mostly refused ones, now and then odd JSON that is accepted. */
export function changeBody(draft: RequestDraft, random: SeededRandom): void {
  const change = random.pick(BODY_CHANGES);
  change.apply(draft, random);
  if (change.refused) addDefect(draft, change.kind, [400]);
  else addVariation(draft, change.kind);
}

/** A string of `megabytes` MB in an otherwise valid delivery: accepted, and stored whole. */
export function addHugeString(draft: RequestDraft, megabytes: number): void {
  addField(draft, JSON.stringify("x".repeat(megabytes * 1024 * 1024)));
  addVariation(draft, `${megabytes} MB string`);
}

function setBody(draft: RequestDraft, body: Buffer): void {
  resign(draft, body, GLOBAL_SECRET);
}

/** Adds `"fuzz": <json>` as the last field of the delivery's JSON object. */
function addField(draft: RequestDraft, json: string): void {
  const text = draft.body.toString("utf8");
  setBody(draft, Buffer.from(`${text.slice(0, text.lastIndexOf("}"))},"fuzz":${json}}`));
}

function insertIntoFirstString(body: Buffer, bytes: Buffer): Buffer {
  const at = body.indexOf('":"') + 3;
  return Buffer.concat([body.subarray(0, at), bytes, body.subarray(at)]);
}

function deeplyNested(depth: number, open: string, close: string, inside: string): string {
  return `${open.repeat(depth)}${inside}${close.repeat(depth)}`;
}

function randomBytes(random: SeededRandom): Buffer {
  return Buffer.from(Array.from({ length: random.int(1, 2048) }, () => random.int(0, 255)));
}

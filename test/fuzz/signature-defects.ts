import { addDefect, signature, type Outcome, type RequestDraft } from "./fuzz-request.js";
import type { SeededRandom } from "./seeded-random.js";
import { GLOBAL_SECRET, HOOKED_REPO } from "./valid-deliveries.js";

// SPEC: "no signature, a wrong one, or a repo with no secret known: 401; nothing stored".

interface SignatureDefect {
  kind: string;
  apply(draft: RequestDraft, random: SeededRandom): void;
}

const UNAUTHORIZED: readonly Outcome[] = [401];

const SIGNATURE_DEFECTS: SignatureDefect[] = [
  { kind: "no signature", apply: (draft) => delete draft.headers["x-hub-signature-256"] },
  { kind: "empty signature", apply: (draft) => (draft.headers["x-hub-signature-256"] = "") },
  {
    kind: "signed with another secret",
    apply: (draft, random) => (draft.headers["x-hub-signature-256"] = signature(draft.body, random.hex(20))),
  },
  {
    kind: "malformed signature",
    apply: (draft, random) => {
      const hex = signature(draft.body, GLOBAL_SECRET).slice("sha256=".length);
      draft.headers["x-hub-signature-256"] = random.pick([
        `sha1=${hex}`,
        `SHA256=${hex}`,
        `sha256=${hex.toUpperCase()}`,
        `sha256=${hex.slice(0, 63)}`,
        `sha256=${hex}0`,
        `sha256 ${hex}`,
        hex,
        "sha256=",
        `sha256=${"z".repeat(64)}`,
        `sha256=${random.hex(random.int(0, 200))}`,
      ]);
    },
  },
  {
    kind: "body changed after signing",
    apply: (draft, random) => {
      const body = Buffer.from(draft.body);
      const at = random.int(0, Math.max(0, body.length - 1));
      body[at] = (body[at] ?? 0) ^ (1 << random.int(0, 7));
      draft.body = body;
    },
  },
  {
    kind: "repeated signature header",
    apply: (draft) =>
      (draft.headers["x-hub-signature-256"] = [String(draft.headers["x-hub-signature-256"]), "sha256=00"]),
  },
  // The hook's own secret wins over the global one, so a delivery of that hook signed with the global secret is refused.
  {
    kind: "hooked repo signed with the global secret",
    apply: (draft) => (draft.headers["x-github-hook-id"] = HOOKED_REPO.hookId),
  },
];

export function addSignatureDefect(draft: RequestDraft, random: SeededRandom): void {
  const defect = random.pick(SIGNATURE_DEFECTS);
  defect.apply(draft, random);
  addDefect(draft, defect.kind, UNAUTHORIZED);
}

import type { DiffHunk, DiffLine } from "../diff/types.js";
import type { ChangeInfo } from "./ports.js";
import { everyGenericSecretIn } from "./rules/generic-secret.js";
import { maskSecret } from "./rules/secrets.js";
import { everyKnownSecretIn } from "./rules/secret-patterns.js";
import type { ReviewFile } from "./types.js";

// Secrets the built-in checks can see never leave the process in a prompt: every line of the diff
// (added, context and deleted) and the PR's own text are scanned, and each value found is replaced,
// wherever it appears in any prompt, by the same masked form the findings show (`AKIA****`). A
// private key's lines are masked whole. The model then quotes masked text, so the prompt's files
// are the masked ones and quotes are placed against them.

export interface SecretMask {
  value: string;
  masked: string;
}

export interface MaskedChange {
  /** The files with every secret masked: what prompts are built from and quotes are placed on. */
  files: ReviewFile[];
  /** Longest first, so a value that contains another is masked whole. */
  masks: SecretMask[];
  /** More distinct secrets than MAX_MASKED_SECRETS: the change must not reach the LLM. */
  tooMany: boolean;
}

/**
 * Beyond this many distinct secrets a change is not sent to the LLM at all: masking costs each line
 * one search per secret, and a change made of secrets has nothing else for a model to read. Lines
 * are still masked of the secrets found on them.
 */
export const MAX_MASKED_SECRETS = 50;

const PRIVATE_KEY_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const PRIVATE_KEY_END = /-----END /;
const MASK = "****";

export function maskChangeSecrets(files: readonly ReviewFile[], info: ChangeInfo): MaskedChange {
  const everywhere = new Map<string, string>();
  const foundOn = new Map<DiffLine, SecretMask[]>();
  const collect = (text: string): SecretMask[] => {
    const found = secretsOnLine(text);
    for (const mask of found) everywhere.set(mask.value, mask.masked);
    return found;
  };
  collect(info.title);
  collect(info.body);
  for (const file of files)
    for (const hunk of file.hunks)
      for (const line of hunk.lines) {
        const found = collect(line.text);
        if (found.length > 0) foundOn.set(line, found);
      }
  const masks = longestFirst([...everywhere].map(([value, masked]) => ({ value, masked })));
  const tooMany = masks.length > MAX_MASKED_SECRETS;
  const shared = tooMany ? [] : masks;
  const maskLine = (line: DiffLine) => maskText(line.text, [...longestFirst(foundOn.get(line) ?? []), ...shared]);
  return {
    files: files.map((file) => ({
      ...file,
      hunks: file.hunks.map((hunk) => maskHunk(hunk, maskLine)),
      headText: file.headText === undefined ? undefined : maskFileText(file.headText, shared),
    })),
    masks,
    tooMany,
  };
}

function secretsOnLine(text: string): SecretMask[] {
  return [...everyKnownSecretIn(text), ...everyGenericSecretIn(text)].flatMap((secret) =>
    secret.value === null ? [] : [{ value: secret.value, masked: maskSecret(secret.value, secret.visibleChars) }],
  );
}

/** `text` with every secret replaced by its masked form. */
export function maskText(text: string, masks: readonly SecretMask[]): string {
  let masked = text;
  for (const { value, masked: shown } of masks) if (masked.includes(value)) masked = masked.split(value).join(shown);
  return masked;
}

function longestFirst(masks: SecretMask[]): SecretMask[] {
  return masks.sort((a, b) => b.value.length - a.value.length);
}

function maskHunk(hunk: DiffHunk, maskLine: (line: DiffLine) => string): DiffHunk {
  return { ...hunk, lines: maskLines(hunk.lines, maskLine) };
}

/**
 * A file's whole text masked as its diff is: each line of the secrets found on it, and of every
 * secret of the change (`masks`). What the prompt's context around the hunks is cut from.
 */
export function maskFileText(text: string, masks: readonly SecretMask[]): string {
  return maskLines(
    text.split("\n").map((line) => ({ text: line })),
    (line) => maskText(line.text, [...longestFirst(secretsOnLine(line.text)), ...masks]),
  )
    .map((line) => line.text)
    .join("\n");
}

/** A private key's lines are masked whole, from its BEGIN line to its END line; the rest by `maskLine`. */
function maskLines<Line extends { text: string }>(lines: readonly Line[], maskLine: (line: Line) => string): Line[] {
  let inKey = false;
  return lines.map((line): Line => {
    const begin = PRIVATE_KEY_BEGIN.exec(line.text);
    if (begin) {
      const end = begin.index + begin[0].length;
      inKey = !PRIVATE_KEY_END.test(line.text.slice(end));
      return { ...line, text: `${line.text.slice(0, end)}${MASK}` };
    }
    if (inKey) {
      if (PRIVATE_KEY_END.test(line.text)) inKey = false;
      else return { ...line, text: MASK };
    }
    const text = maskLine(line);
    return text === line.text ? line : { ...line, text };
  });
}

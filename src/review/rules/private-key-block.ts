import type { AddedLine } from "./added-lines.js";
import { PRIVATE_KEY_BEGIN } from "./secret-patterns.js";

const BEGIN_ANYWHERE = new RegExp(PRIVATE_KEY_BEGIN);
// Base64 key material at the start of a line, maybe after the quote or the `+` that carries a string on
// (`+ "MIIEowIBAAKCAQEA…\n"`).
const KEY_MATERIAL = /^\s*(?:\+\s*)?["'`]?[A-Za-z0-9+/]{40}/;

/**
 * Added lines with a private key's BEGIN marker anywhere on them, followed by an added line of key material: a key
 * pasted as strings joined over lines (Java's `"-----BEGIN …\n" + "MIIE…"`, Python's implicit concatenation),
 * which no single line gives away. A marker followed by code (`HEADER = "-----BEGIN PRIVATE KEY-----\n"`) is not.
 */
export function keyBlockBeginLines(lines: readonly AddedLine[]): Set<number> {
  const begins = new Set<number>();
  lines.forEach(({ line, text }, index) => {
    const next = lines[index + 1];
    if (next?.line === line + 1 && BEGIN_ANYWHERE.test(text) && KEY_MATERIAL.test(next.text)) begins.add(line);
  });
  return begins;
}

import { DiffParseError, excerpt } from "./diff-parse-error.js";

// How git writes paths in diff headers: as they are, or, when a name holds a byte that is not
// printable ASCII (and core.quotePath is on, the default), in double quotes with C escapes and
// the UTF-8 bytes in octal: "a/caf\303\251.txt".

const ESCAPED_BYTES: Readonly<Record<string, number>> = {
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  "\\": 0x5c,
};

const QUOTED_PIECE = /\\([0-7]{1,3}|.)|([^"\\]+)|(")/y;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Reads the quoted path that starts at `text[start]`; `end` is the index after its closing quote. */
function readQuotedPath(text: string, start: number): { path: string; end: number } | null {
  const bytes: number[] = [];
  QUOTED_PIECE.lastIndex = start + 1;
  for (let match = QUOTED_PIECE.exec(text); match; match = QUOTED_PIECE.exec(text)) {
    const [, escape, plain, closingQuote] = match;
    if (closingQuote) return { path: utf8Decoder.decode(Uint8Array.from(bytes)), end: QUOTED_PIECE.lastIndex };
    if (plain) bytes.push(...utf8Encoder.encode(plain));
    if (escape) {
      const byte = /^[0-7]+$/.test(escape) ? Number.parseInt(escape, 8) : ESCAPED_BYTES[escape];
      if (byte === undefined) return null;
      bytes.push(byte);
    }
  }
  return null;
}

/**
 * The path in a `---`, `+++`, `rename from` or `copy to` line, after the keyword; null for
 * /dev/null. An unquoted path ends at a tab: git adds one after a name with a space, and
 * `diff -u` a timestamp.
 */
export function parsePathField(field: string, lineNumber: number): string | null {
  if (field === "/dev/null") return null;
  if (!field.startsWith('"')) {
    const tab = field.indexOf("\t");
    return tab === -1 ? field : field.slice(0, tab);
  }
  const quoted = readQuotedPath(field, 0);
  if (!quoted) throw new DiffParseError(lineNumber, `malformed quoted path ${excerpt(field)}`);
  return quoted.path;
}

/**
 * The old and new paths of `diff --git <old> <new>`, without their a/ and b/ prefixes. null when
 * unquoted names with spaces differ, as then only the `rename`/`copy` lines tell them apart.
 */
export function pathsOfDiffGitLine(paths: string): [string, string] | null {
  const split = splitDiffGitPaths(paths);
  if (!split) return null;
  const [oldPath, newPath] = split;
  // Default prefixes are a/ and b/; diff.mnemonicPrefix uses others (c/, i/, w/...), --no-prefix none.
  const prefixed = /^\w\//.test(oldPath) && /^\w\//.test(newPath) && oldPath[0] !== newPath[0];
  return prefixed ? [oldPath.slice(2), newPath.slice(2)] : [oldPath, newPath];
}

function splitDiffGitPaths(paths: string): [string, string] | null {
  if (paths.startsWith('"')) {
    const old = readQuotedPath(paths, 0);
    if (!old || paths[old.end] !== " ") return null;
    const newPath = paths.startsWith('"', old.end + 1)
      ? readQuotedPath(paths, old.end + 1)?.path
      : paths.slice(old.end + 1);
    return newPath === undefined ? null : [old.path, newPath];
  }
  if (paths.endsWith('"')) {
    const space = paths.indexOf(' "');
    const newPath = readQuotedPath(paths, space + 1);
    return newPath ? [paths.slice(0, space), newPath.path] : null;
  }
  const middle = (paths.length - 1) / 2;
  if (paths[middle] !== " ") return null;
  const oldPath = paths.slice(0, middle);
  const newPath = paths.slice(middle + 1);
  return oldPath.slice(2) === newPath.slice(2) ? [oldPath, newPath] : null;
}

/** A `---`/`+++` path without git's default a/ or b/ prefix. */
export function withoutPrefix(path: string | null, prefix: "a/" | "b/"): string | null {
  return path?.startsWith(prefix) ? path.slice(prefix.length) : path;
}

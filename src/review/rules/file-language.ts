import { posix } from "node:path";

/** The languages some rules know the syntax of; other files get only language-free checks. */
export type Language = "javascript" | "python" | "ruby" | "php" | "go" | "java" | "kotlin";

export interface LanguageSyntax {
  lineComments: readonly string[];
  blockComments: boolean;
  /** Characters that open and close a one-line string literal. */
  quotes: string;
}

const C_LIKE: LanguageSyntax = { lineComments: ["//"], blockComments: true, quotes: "\"'`" };
const HASH_COMMENTS: LanguageSyntax = { lineComments: ["#"], blockComments: false, quotes: "\"'" };

export const SYNTAX_OF: Readonly<Record<Language, LanguageSyntax>> = {
  javascript: C_LIKE,
  go: C_LIKE,
  java: C_LIKE,
  kotlin: C_LIKE,
  python: HASH_COMMENTS,
  ruby: HASH_COMMENTS,
  php: { lineComments: ["//", "#"], blockComments: true, quotes: "\"'" },
};

const LANGUAGE_BY_EXTENSION: ReadonlyMap<string, Language> = new Map<string, Language>([
  ...[".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".vue", ".svelte"].map(
    (extension): [string, Language] => [extension, "javascript"],
  ),
  [".py", "python"],
  [".pyw", "python"],
  [".rb", "ruby"],
  [".rake", "ruby"],
  [".php", "php"],
  [".go", "go"],
  [".java", "java"],
  [".kt", "kotlin"],
  [".kts", "kotlin"],
]);

// Not .txt: requirements.txt, CMakeLists.txt and robots.txt have `#` comments.
const PROSE_EXTENSIONS: ReadonlySet<string> = new Set([".md", ".mdx", ".markdown", ".rst", ".adoc"]);

export function languageOf(path: string): Language | null {
  return LANGUAGE_BY_EXTENSION.get(posix.extname(path).toLowerCase()) ?? null;
}

/** Documentation written one paragraph per line, where `#` is a heading and `*` a bullet, not a comment. */
export function isProseFile(path: string): boolean {
  return PROSE_EXTENSIONS.has(posix.extname(path).toLowerCase());
}

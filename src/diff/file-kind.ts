/** What a changed file is, by its path: it decides whether the review reads it and in what order. */
export type FileKind = "source" | "config" | "test" | "docs" | "lock" | "generated" | "vendored" | "binary";

/** Kinds the review does not send to the LLM, with the reason the review reports. */
export const SKIPPED_KIND_REASONS: Readonly<Partial<Record<FileKind, string>>> = {
  lock: "lock file",
  generated: "generated file",
  vendored: "vendored code",
  binary: "binary file",
};

/** Source first, then config, tests, docs (issue: "source before tests before docs"). */
export const KIND_PRIORITY: Readonly<Record<FileKind, number>> = {
  source: 0,
  config: 1,
  test: 2,
  docs: 3,
  lock: 4,
  generated: 4,
  vendored: 4,
  binary: 4,
};

const LOCK_FILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lockb",
  "Cargo.lock",
  "poetry.lock",
  "Pipfile.lock",
  "uv.lock",
  "Gemfile.lock",
  "go.sum",
  "composer.lock",
  "mix.lock",
  "flake.lock",
  "packages.lock.json",
]);
const VENDORED = /(^|\/)(vendor|node_modules|third[_-]party|bower_components|Godeps)\//;
const GENERATED =
  /(\.min\.(js|css)|\.map|\.snap|\.pb\.go|_pb2\.pyi?|\.g\.dart|\.generated\.[a-z]+|\.designer\.cs)$|(^|\/)(__snapshots__|generated|__generated__)\//;
const BINARY =
  /\.(png|jpe?g|gif|bmp|ico|webp|avif|tiff?|psd|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|bin|o|a|wasm|woff2?|ttf|otf|eot|mp[34]|mov|avi|webm|wav|ogg|flac|sqlite|db)$/i;
const TEST =
  /(^|\/)(tests?|__tests__|spec|specs)\/|\.(test|spec)\.[a-z0-9]+$|_test\.(go|py|rb|exs?)$|(^|\/)test_[^/]+\.py$|Tests?\.(java|kt|cs)$/;
const DOCS =
  /\.(md|mdx|markdown|rst|adoc|txt)$|(^|\/)(docs?|documentation)\/|(^|\/)(LICENSE|LICENCE|COPYING|AUTHORS|CHANGELOG|NOTICE)(\.[a-z]+)?$/i;
const CONFIG =
  /\.(json|jsonc|ya?ml|toml|ini|cfg|conf|properties|env\.example)$|(^|\/)(Dockerfile|Makefile|\.github\/|\.gitignore$|\.editorconfig$)/;

export function fileKind(path: string, binary: boolean): FileKind {
  const name = path.split("/").at(-1) ?? path;
  if (binary || BINARY.test(path)) return "binary";
  if (LOCK_FILES.has(name)) return "lock";
  if (VENDORED.test(path)) return "vendored";
  if (GENERATED.test(path)) return "generated";
  if (TEST.test(path)) return "test";
  if (DOCS.test(path)) return "docs";
  if (CONFIG.test(path)) return "config";
  return "source";
}

import { posix } from "node:path";
import type { ReviewFile } from "../types.js";
import { LOCK_FILE_NAMES } from "./package-ecosystems.js";

// Written by tools, not people: minified bundles, source maps, test snapshots, SVG path data, protobuf and
// other codegen output.
const GENERATED_NAME =
  /\.min\.(?:js|mjs|css)$|\.map$|\.snap$|\.svg$|\.pb(?:\.gw)?\.go$|_pb2(?:_grpc)?\.pyi?$|\.generated\.\w+$|\.g\.dart$|\.lock$/i;
const GENERATED_FOLDERS: ReadonlySet<string> = new Set([
  "dist",
  "build",
  "vendor",
  "node_modules",
  "third_party",
  "generated",
  "__generated__",
]);
// The markers code generators put in a file's header: `@generated` (Meta's convention, many JS and Rust
// tools) and Go's `// Code generated ... DO NOT EDIT.`.
const GENERATED_HEADER = /@generated|DO NOT EDIT/;
const HEADER_CHARS = 1_000;

/** A lock file or other tool output, which is large and long-lined by nature and is not reviewed line by line. */
export function isGeneratedFile(file: ReviewFile): boolean {
  const segments = file.path.split("/");
  const name = posix.basename(file.path);
  if (LOCK_FILE_NAMES.has(name) || GENERATED_NAME.test(name)) return true;
  if (segments.slice(0, -1).some((folder) => GENERATED_FOLDERS.has(folder))) return true;
  return file.headText !== undefined && GENERATED_HEADER.test(file.headText.slice(0, HEADER_CHARS));
}

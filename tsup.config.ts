import { defineConfig } from "tsup";

// One ESM bundle for the CLI and one for its review thread. Dependencies stay external
// (installed by npm), so the bundles hold only our code and start fast.
export default defineConfig({
  // The review thread is its own bundle: run-in-review-thread.ts starts it from dist/ by file name.
  entry: { cli: "src/cli/main.ts", "review-worker": "src/review-thread/review-worker.ts" },
  format: ["esm"],
  platform: "node",
  target: "node22",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  // Chunks, so a command's code (and what it imports) loads only when that command runs.
  splitting: true,
});

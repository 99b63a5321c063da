import { defineConfig } from "tsup";

// One ESM bundle for the CLI and one for each of its threads (reviews, WAL checkpoints).
// Dependencies stay external (installed by npm), so the bundles hold only our code and start fast.
export default defineConfig({
  // Each thread is its own bundle, started from dist/ by file name.
  entry: {
    cli: "src/cli/main.ts",
    "review-worker": "src/review-thread/review-worker.ts",
    "wal-checkpoint-worker": "src/store/wal-checkpoint-worker.ts",
  },
  format: ["esm"],
  platform: "node",
  target: "node22",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  // Chunks, so a command's code (and what it imports) loads only when that command runs.
  splitting: true,
});

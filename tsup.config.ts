import { defineConfig } from "tsup";

// One ESM bundle for the CLI. Dependencies stay external (installed by npm), so the
// bundle holds only our code and starts fast.
export default defineConfig({
  entry: { cli: "src/cli/main.ts" },
  format: ["esm"],
  platform: "node",
  target: "node22",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  splitting: false,
});

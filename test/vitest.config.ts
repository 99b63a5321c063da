import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    // Most tests wait on child processes and sockets, not on the CPU: more files at once than
    // cores keeps a 2-core CI machine busy.
    maxWorkers: 4,
    hookTimeout: 30_000,
  },
});

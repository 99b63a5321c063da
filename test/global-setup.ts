import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { repoRoot } from "./harness/run-nectr.js";

// The end-to-end tests run the built CLI (bin/nectr.js → dist/cli.js), so build it first.
export default function buildOnce(): void {
  const require = createRequire(import.meta.url);
  const tsup = path.join(path.dirname(require.resolve("tsup/package.json")), "dist", "cli-default.js");
  execFileSync(process.execPath, [tsup, "--silent"], { cwd: repoRoot, stdio: "inherit" });
}

#!/usr/bin/env node
// Launcher: check the Node version before loading code that needs a newer one.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 22)) {
  process.stderr.write(
    `nectr: needs Node.js 22.22 or newer, this is ${process.version} — install Node 22 LTS and run again\n`,
  );
  process.exit(1);
}
// V8 keeps the compiled code of nectr and its libraries on disk (in the OS temp folder), so a
// command's modules are not compiled again on every run; review threads use the same cache.
const { enableCompileCache } = await import("node:module");
enableCompileCache();
const { run } = await import("../dist/cli.js");
process.exitCode = await run(process.argv.slice(2));

import { appendFileSync } from "node:fs";
import { registerHooks } from "node:module";

// Preloaded with `node --import`, this writes the URL of every module the process resolves to
// the file NECTR_TRACE_IMPORTS names: what a command really loads, not how long it takes.
const file = process.env.NECTR_TRACE_IMPORTS;
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (file) appendFileSync(file, `${resolved.url}\n`);
    return resolved;
  },
});

import { registerHooks } from "node:module";

// Our sources import each other as `./x.js` (what NodeNext compiles to), but under Node's type
// stripping the file on disk is `./x.ts`. Preload this with `node --import` to run them unbuilt.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith(".") || !specifier.endsWith(".js")) throw error;
      return nextResolve(`${specifier.slice(0, -".js".length)}.ts`, context);
    }
  },
});

import { Chalk, type ChalkInstance } from "chalk";
import type { OutputStream } from "./io.js";

/**
 * Colour for one stream: only when that stream is a terminal, and never when NO_COLOR is set
 * (https://no-color.org) or TERM is "dumb". Piped output is always plain.
 */
export function colorsFor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): ChalkInstance {
  const wanted = stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
  return new Chalk({ level: wanted ? 1 : 0 });
}

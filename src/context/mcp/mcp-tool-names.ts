// OpenAI function names must match ^[a-zA-Z0-9_-]{1,64}$; MCP tool and server names may not.
const MAX_NAME_LENGTH = 64;
const NOT_ALLOWED = /[^a-zA-Z0-9_-]/g;

/** `<server>__<tool>` made a valid function name, and one not in `taken` (a suffix tells clashes apart). */
export function functionNameForTool(server: string, tool: string, taken: ReadonlySet<string>): string {
  const base = `${server}__${tool}`.replace(NOT_ALLOWED, "_").slice(0, MAX_NAME_LENGTH);
  let name = base;
  for (let copy = 2; taken.has(name); copy += 1) {
    const suffix = `_${copy}`;
    name = base.slice(0, MAX_NAME_LENGTH - suffix.length) + suffix;
  }
  return name;
}

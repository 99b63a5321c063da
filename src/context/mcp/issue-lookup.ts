import type { ResourceTemplate, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { IssueKey } from "./named-issue-keys.js";

// How nectr itself reads an issue a PR names from one MCP server, with no model choosing: a
// permitted tool that takes one identifier, else a resource template with one variable. Either
// must say it is about issues or tickets, so nectr never feeds a key to an unrelated tool.

export type IssueLookup =
  | { kind: "tool"; tool: string; argument: string; takesNumber: boolean }
  | { kind: "resource"; uriFor: (key: IssueKey) => string };

const ABOUT_ISSUES = /issue|ticket|task|story|bug/i;

export function chooseIssueLookup(
  tools: readonly Tool[],
  templates: readonly ResourceTemplate[],
): IssueLookup | undefined {
  for (const tool of tools) {
    if (!ABOUT_ISSUES.test(`${tool.name} ${tool.description ?? ""}`)) continue;
    const properties = Object.entries(tool.inputSchema.properties ?? {});
    const [only] = properties;
    if (properties.length !== 1 || !only) continue;
    const type = typeOf(only[1]);
    if (type === "string" || type === "number" || type === "integer")
      return { kind: "tool", tool: tool.name, argument: only[0], takesNumber: type !== "string" };
  }
  for (const template of templates) {
    if (!ABOUT_ISSUES.test(`${template.name} ${template.uriTemplate} ${template.description ?? ""}`)) continue;
    const variables = [...template.uriTemplate.matchAll(/\{([^{}]+)\}/g)];
    if (variables.length !== 1 || !variables[0]) continue;
    const variable = variables[0][0];
    return {
      kind: "resource",
      uriFor: (key) => template.uriTemplate.replace(variable, encodeURIComponent(String(key.number ?? key.text))),
    };
  }
  return undefined;
}

/** The tool's arguments for a key, or undefined when the tool cannot take it (`ENG-42` for a number). */
export function lookupArguments(
  lookup: Extract<IssueLookup, { kind: "tool" }>,
  key: IssueKey,
): Record<string, unknown> | undefined {
  if (!lookup.takesNumber) return { [lookup.argument]: key.text };
  return key.number === undefined ? undefined : { [lookup.argument]: key.number };
}

function typeOf(schema: unknown): unknown {
  return typeof schema === "object" && schema !== null && "type" in schema ? schema.type : undefined;
}

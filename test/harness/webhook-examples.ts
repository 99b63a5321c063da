import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// Webhook payloads from GitHub's own examples (@octokit/webhooks-examples), never hand-made.

interface ExampleGroup {
  name: string;
  actions: string[];
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
let groups: ExampleGroup[] | undefined;

function load(): ExampleGroup[] {
  groups ??= JSON.parse(readFileSync(require.resolve("@octokit/webhooks-examples"), "utf8")) as ExampleGroup[];
  return groups;
}

/** Every example payload of an event, optionally only those of one action. */
export function webhookExamples(event: string, action?: string): Record<string, unknown>[] {
  const examples = load().find((group) => group.name === event)?.examples ?? [];
  return action ? examples.filter((example) => example.action === action) : examples;
}

export function webhookExample(event: string, action?: string): Record<string, unknown> {
  const example = webhookExamples(event, action)[0];
  if (!example) throw new Error(`no @octokit/webhooks-examples payload for ${event}${action ? `.${action}` : ""}`);
  return structuredClone(example);
}

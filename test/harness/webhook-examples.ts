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

/**
 * GitHub's own pull_request example for `action`, pointed at a PR of the simulator: its repository
 * name, number and head sha replaced, everything else as GitHub sends it.
 */
export function pullRequestDelivery(
  action: string,
  target: { repo: string; number: number; headSha: string },
): Record<string, unknown> {
  const example = webhookExample("pull_request", action);
  const pull = { ...Object(example.pull_request), number: target.number, state: "open", draft: false };
  pull.head = { ...Object(pull.head), sha: target.headSha };
  const repository = { ...Object(example.repository), full_name: target.repo, name: target.repo.split("/")[1] };
  return { ...example, number: target.number, pull_request: pull, repository };
}

let lastCommentId = 3_000_000_000;

/**
 * GitHub's own issue_comment `created` example, as a new comment by `author` on a PR of the
 * simulator: each call is a new comment, with an id of its own, as on GitHub.
 */
export function pullCommentDelivery(target: {
  repo: string;
  number: number;
  author: string;
  body: string;
}): Record<string, unknown> {
  const example = webhookExample("issue_comment", "created");
  const issue = {
    ...Object(example.issue),
    number: target.number,
    pull_request: { url: `https://api.github.com/repos/${target.repo}/pulls/${target.number}` },
  };
  lastCommentId += 1;
  const comment = {
    ...Object(example.comment),
    id: lastCommentId,
    body: target.body,
    user: { ...Object(Object(example.comment).user), login: target.author },
  };
  const repository = { ...Object(example.repository), full_name: target.repo, name: target.repo.split("/")[1] };
  return { ...example, issue, comment, repository };
}

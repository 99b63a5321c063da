import { z } from "zod";
import { parsePrCommand } from "../review/pr-command.js";
import type { InstallationChange, InstallationState } from "../store/app-installations-table.js";

// What a verified delivery asks of nectr. Payloads are checked with a schema for the few
// fields nectr reads; everything else in them is kept but never trusted.

export interface DeliveryPlan {
  status: "queued" | "recorded" | "ignored";
  action: string | null;
  repo: string | null;
  prNumber: number | null;
  headSha: string | null;
  /**
   * What a job is about, from signed fields of the body: the HMAC covers the body, not the
   * delivery id, so a body sent again under a new id must still be known (see recordDelivery).
   */
  replayKey: string | null;
  /** The GitHub App installation the delivery came through (`installation.id`), if it did. */
  installationId: number | null;
  /** For `installation` and `installation_repositories` events: what they say of the installation. */
  installationChange?: InstallationChange;
}

/** PR actions that get a review: new code to look at (https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request). */
const REVIEWED_ACTIONS = new Set(["opened", "reopened", "ready_for_review", "synchronize"]);

const fullName = z.string().regex(/^[^/\s]+\/[^/\s]+$/);
const repository = z.object({ full_name: fullName });
const installation = z.object({ id: z.number().int().positive() });
const pullRequestEvent = z.object({
  action: z.string(),
  number: z.number().int().positive(),
  repository,
  installation: installation.optional(),
  pull_request: z.object({
    head: z.object({ sha: z.string().regex(/^[0-9a-f]{40}$/) }),
    draft: z.boolean().optional(),
    state: z.string(),
  }),
});
const withRepository = z.object({ action: z.string().optional(), repository: repository.optional() });
const issueCommentEvent = z.object({
  action: z.string(),
  repository,
  installation: installation.optional(),
  issue: z.object({ number: z.number().int().positive(), pull_request: z.object({}).passthrough().optional() }),
  comment: z.object({ id: z.number().int().positive(), body: z.string().nullable() }),
});
const repositories = z.array(z.object({ full_name: fullName })).optional();
const installationEvent = z.object({
  action: z.string(),
  installation: installation.extend({ account: z.object({ login: z.string() }).nullish() }),
  repositories,
  repositories_added: repositories,
  repositories_removed: repositories,
});
/** What each action of https://docs.github.com/webhooks/webhook-events-and-payloads#installation makes of the installation. */
const INSTALLATION_STATES = new Map<string, InstallationState | undefined>([
  ["created", "active"],
  ["deleted", "deleted"],
  ["suspend", "suspended"],
  ["unsuspend", "active"],
  ["new_permissions_accepted", undefined],
]);

export class MalformedPayload extends Error {}

export function classifyDelivery(event: string, payload: unknown, options: { reviewDrafts: boolean }): DeliveryPlan {
  if (event === "pull_request") {
    const parsed = pullRequestEvent.safeParse(payload);
    if (!parsed.success) throw new MalformedPayload("the body is not a pull_request event");
    const { action, number, repository: repo, pull_request: pull } = parsed.data;
    const wanted =
      REVIEWED_ACTIONS.has(action) && pull.state === "open" && (options.reviewDrafts || pull.draft !== true);
    const status = wanted ? "queued" : action === "closed" || REVIEWED_ACTIONS.has(action) ? "recorded" : "ignored";
    const replayKey = `pull_request:${repo.full_name.toLowerCase()}#${number}@${pull.head.sha}:${action}`;
    return {
      status,
      action,
      repo: repo.full_name,
      prNumber: number,
      headSha: pull.head.sha,
      replayKey,
      installationId: parsed.data.installation?.id ?? null,
    };
  }
  if (event === "issue_comment") {
    const parsed = issueCommentEvent.safeParse(payload);
    if (!parsed.success) throw new MalformedPayload("the body is not an issue_comment event");
    const { action, repository: repo, issue, comment } = parsed.data;
    // A new comment on a PR that holds a command is a job; every other comment is just recorded.
    const command =
      action === "created" && issue.pull_request !== undefined && parsePrCommand(comment.body ?? "") !== undefined;
    return {
      status: command ? "queued" : "recorded",
      action,
      repo: repo.full_name,
      prNumber: issue.number,
      headSha: null,
      // One answer per comment, ever: GitHub's comment ids are unique across repositories.
      replayKey: `issue_comment:${comment.id}:${action}`,
      installationId: parsed.data.installation?.id ?? null,
    };
  }
  if (event === "installation" || event === "installation_repositories") return installationPlan(event, payload);
  const parsed = withRepository.safeParse(payload);
  if (!parsed.success) throw new MalformedPayload(`the body is not a ${event} event`);
  const recorded = event === "issues";
  return {
    status: recorded ? "recorded" : "ignored",
    action: parsed.data.action ?? null,
    repo: parsed.data.repository?.full_name ?? null,
    prNumber: null,
    headSha: null,
    replayKey: null,
    installationId: null,
  };
}

function installationPlan(event: "installation" | "installation_repositories", payload: unknown): DeliveryPlan {
  const parsed = installationEvent.safeParse(payload);
  if (!parsed.success) throw new MalformedPayload(`the body is not an ${event} event`);
  const {
    action,
    installation: { id, account },
    ...lists
  } = parsed.data;
  const names = (list: { full_name: string }[] | undefined) => (list ?? []).map((each) => each.full_name);
  const tracked =
    event === "installation" ? INSTALLATION_STATES.has(action) : action === "added" || action === "removed";
  const change: InstallationChange = {
    installationId: id,
    account: account?.login ?? null,
    ...(event === "installation"
      ? {
          state: INSTALLATION_STATES.get(action),
          // A new installation lists its repositories; a deleted one's list says nothing new.
          added: action === "created" ? names(lists.repositories) : [],
          removed: [],
        }
      : { state: undefined, added: names(lists.repositories_added), removed: names(lists.repositories_removed) }),
  };
  return {
    status: tracked ? "recorded" : "ignored",
    action,
    repo: null,
    prNumber: null,
    headSha: null,
    replayKey: null,
    installationId: id,
    ...(tracked && { installationChange: change }),
  };
}

import { answerMarker, REPLY_MARKER } from "../review/render/markers.js";
import type { GitHubClient } from "./create-octokit.js";
import { githubError } from "./github-errors.js";
import { NO_RETRIES, postOnce } from "./post-once.js";
import { listPullComments } from "./pull-comments.js";
import type { PullRequestRef } from "./refs.js";
import { whoAmI } from "./who-am-i.js";

export interface CommandAnswer {
  /** nectr already answered this command (a job run again after a restart finds its own answer). */
  answered(): Promise<boolean>;
  /** Posts the answer once, however GitHub answers the write (see post-once.ts). */
  post(body: string): Promise<void>;
}

/**
 * nectr's one answer to the `@nectr` command given in comment `commandId` on a PR. `poster` is
 * who nectr posts as when it cannot ask (an app's bot, whose token may not call GET /user).
 */
export function commandAnswer(
  octokit: GitHubClient,
  ref: PullRequestRef,
  commandId: number,
  to: string,
  poster?: string,
): CommandAnswer {
  const marker = answerMarker(commandId);
  let viewer: Promise<string> | undefined;
  const find = async () => {
    const login = await (viewer ??= poster
      ? Promise.resolve(poster)
      : whoAmI(octokit).then((identity) => identity.login));
    const comments = await listPullComments(octokit, ref);
    return comments.find((comment) => comment.user?.login === login && comment.body?.includes(marker));
  };
  const fail = (error: unknown) => {
    throw githubError(error, `answer @${to} on ${ref.owner}/${ref.repo}#${ref.number}`);
  };
  return {
    answered: async () => (await find().catch(fail)) !== undefined,
    async post(body) {
      await postOnce(
        () =>
          octokit.rest.issues.createComment({
            owner: ref.owner,
            repo: ref.repo,
            issue_number: ref.number,
            body: `${body}\n\n${REPLY_MARKER}\n${marker}`,
            request: NO_RETRIES,
          }),
        async () => {
          const found = await find();
          return found ? { data: found } : undefined;
        },
      ).catch(fail);
    },
  };
}

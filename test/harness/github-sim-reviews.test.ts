import { describe, expect, it } from "vitest";
import { githubApi } from "./github-api-client.js";
import { AUTHOR_TOKEN, useSeededSimulator } from "./sim-world.js";

const world = useSeededSimulator();

describe("GitHub simulator: reviews and comments", () => {
  const reviewPath = "/repos/octocat/hello/pulls/1/reviews";

  it("accepts inline comments on added, context and removed lines, and a multi-line range in one hunk", async () => {
    const answer = await world.api("POST", reviewPath, {
      body: {
        event: "COMMENT",
        body: "summary",
        comments: [
          { path: "src/app.ts", line: 4, body: "added line" },
          { path: "src/app.ts", line: 1, side: "RIGHT", body: "context line" },
          { path: "src/app.ts", line: 3, side: "LEFT", body: "removed line" },
          { path: "src/app.ts", start_line: 2, line: 4, body: "range" },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.state).toBe("COMMENTED");
    const comments = await world.api("GET", "/repos/octocat/hello/pulls/1/comments");
    expect(comments.body.map((comment: { line: number; side: string }) => `${comment.side}:${comment.line}`)).toEqual([
      "RIGHT:4",
      "RIGHT:1",
      "LEFT:3",
      "RIGHT:4",
    ]);
    expect(comments.body[3]).toMatchObject({ start_line: 2, start_side: "RIGHT" });
    expect((await world.api("GET", reviewPath)).body).toHaveLength(1);
  });

  it("rejects with 422 a review with one comment on a line outside the diff, and keeps none of it", async () => {
    const answer = await world.api("POST", reviewPath, {
      body: {
        event: "COMMENT",
        body: "summary",
        comments: [
          { path: "src/app.ts", line: 4, body: "fine" },
          { path: "src/app.ts", line: 15, body: "line 15 is not in any hunk" },
        ],
      },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual(["Pull request review thread line must be part of the diff"]);
    expect((await world.api("GET", reviewPath)).body).toEqual([]);
    expect((await world.api("GET", "/repos/octocat/hello/pulls/1/comments")).body).toEqual([]);
  });

  it("rejects ranges across hunks, unknown paths and approving one's own PR", async () => {
    const cross = await world.api("POST", reviewPath, {
      body: { event: "COMMENT", comments: [{ path: "src/app.ts", start_line: 4, line: 25, body: "x" }] },
    });
    expect(cross.status).toBe(422);
    const unknown = await world.api("POST", reviewPath, {
      body: { event: "COMMENT", comments: [{ path: "nope.ts", line: 1, body: "x" }] },
    });
    expect(unknown.status).toBe(422);
    const author = githubApi(world.sim.url, AUTHOR_TOKEN, world.openapi);
    expect((await author("POST", reviewPath, { body: { event: "APPROVE" } })).status).toBe(422);
  });

  it("takes a single review comment on a whole file of the PR (subject_type file), and refuses one on a file outside it", async () => {
    const commitId = world.sim.state.pull("octocat/hello", 1).headSha;
    const commentsPath = "/repos/octocat/hello/pulls/1/comments";
    const onFile = await world.api("POST", commentsPath, {
      body: { commit_id: commitId, path: "src/app.ts", subject_type: "file", body: "about the whole file" },
    });
    expect(onFile.status).toBe(201);
    expect(onFile.body).toMatchObject({ subject_type: "file", path: "src/app.ts", body: "about the whole file" });
    expect(onFile.body).not.toHaveProperty("line");
    const elsewhere = await world.api("POST", commentsPath, {
      body: { commit_id: commitId, path: "README.md", subject_type: "file", body: "not in the PR" },
    });
    expect(elsewhere.status).toBe(422);
    // A review's own comments take no subject_type: one without a line is refused, as GitHub does.
    const inReview = await world.api("POST", reviewPath, {
      body: { event: "COMMENT", body: "summary", comments: [{ path: "src/app.ts", subject_type: "file", body: "x" }] },
    });
    expect(inReview.status).toBe(422);
  });

  it("creates, lists and edits issue comments on the PR", async () => {
    const created = await world.api("POST", "/repos/octocat/hello/issues/1/comments", { body: { body: "first" } });
    expect(created.status).toBe(201);
    const edited = await world.api("PATCH", `/repos/octocat/hello/issues/comments/${created.body.id}`, {
      body: { body: "edited" },
    });
    expect(edited.body.body).toBe("edited");
    const listed = await world.api("GET", "/repos/octocat/hello/issues/1/comments");
    expect(listed.body.map((comment: { body: string }) => comment.body)).toEqual(["edited"]);
    expect(
      (await world.api("POST", "/repos/octocat/hello/issues/1/comments", { body: { body: "x".repeat(65537) } })).status,
    ).toBe(422);
  });

  it("lists who reacted to a review comment, filtered by content, and who resolved its thread", async () => {
    await world.api("POST", reviewPath, {
      body: { event: "COMMENT", comments: [{ path: "src/app.ts", line: 4, body: "added line" }] },
    });
    const [comment] = world.sim.state.repo("octocat/hello").reviewComments;
    world.sim.state.reactToReviewComment("octocat/hello", comment?.id ?? 0, "octocat", "-1");
    world.sim.state.reactToReviewComment("octocat/hello", comment?.id ?? 0, "octocat", "heart");
    const path = `/repos/octocat/hello/pulls/comments/${comment?.id}/reactions`;
    const all = await world.api("GET", path);
    expect(all.body.map((reaction: { content: string }) => reaction.content)).toEqual(["-1", "heart"]);
    const down = await world.api("GET", `${path}?content=-1`);
    expect(down.body).toEqual([
      expect.objectContaining({ content: "-1", user: expect.objectContaining({ login: "octocat" }) }),
    ]);
    world.sim.state.resolveThread("octocat/hello", comment?.id ?? 0, "octocat");
    const threads = await world.api("POST", "/graphql", {
      body: {
        query:
          'query { repository(owner: "octocat", name: "hello") { pullRequest(number: 1) { reviewThreads(first: 10) { nodes { isResolved resolvedBy { login } } } } } }',
      },
    });
    expect(threads.body.data.repository.pullRequest.reviewThreads.nodes).toEqual([
      { isResolved: true, resolvedBy: { login: "octocat" } },
    ]);
  });
});

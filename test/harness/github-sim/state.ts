import { SimApps } from "./app-state.js";
import { commitSha, toContent, type SimCommit, type Tree } from "./git-objects.js";
import type { Permission, SimIssue, SimPull, SimRepo, SimReviewComment, SimToken, SimUser } from "./model.js";
import { diffTrees, type FileChange } from "./tree-diff.js";

/** Files to change in a commit: new text or bytes, or null to delete the file. */
export type FileChanges = Record<string, string | Buffer | null>;

export interface NewRepo {
  owner: string;
  name: string;
  private?: boolean;
  description?: string;
  defaultBranch?: string;
  files?: FileChanges;
  collaborators?: Record<string, Permission>;
}

export interface NewPullRequest {
  repo: string;
  author: string;
  title: string;
  body?: string | null;
  base?: string;
  head?: string;
  draft?: boolean;
  changes: FileChanges;
}

/** Everything the simulator knows; tests seed it directly, routes read and change it. */
export class SimState {
  readonly users = new Map<string, SimUser>();
  readonly tokens = new Map<string, SimToken>();
  readonly repos = new Map<string, SimRepo>();
  readonly apps = new SimApps(this);
  private lastId = 1000;
  /** Commits never change, so the diff between two of them is computed once. */
  private readonly diffs = new Map<string, FileChange[]>();
  private clockOffsetMs = 0;

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** GitHub's timestamp form, whole seconds. Each call is one second later, so order is visible. */
  now(): string {
    this.clockOffsetMs += 1000;
    return new Date(Date.UTC(2026, 0, 1) + this.clockOffsetMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  addUser(
    login: string,
    options: { token?: string; scopes?: string[]; type?: SimUser["type"]; integration?: boolean } = {},
  ): SimUser {
    const user: SimUser = {
      id: this.nextId(),
      login,
      name: `${login[0]?.toUpperCase() ?? ""}${login.slice(1)}`,
      email: `${login}@users.noreply.example`,
      type: options.type ?? "User",
      createdAt: this.now(),
    };
    this.users.set(login, user);
    if (options.token)
      this.addToken(
        login,
        options.token,
        options.scopes ?? ["repo", "admin:repo_hook", "read:user"],
        options.integration,
      );
    return user;
  }

  addToken(login: string, value: string, scopes: string[], integration = false): SimToken {
    const token = { value, login, scopes, integration };
    this.tokens.set(value, token);
    return token;
  }

  user(login: string): SimUser {
    return this.users.get(login) ?? this.addUser(login);
  }

  addRepo(spec: NewRepo): SimRepo {
    const owner = this.user(spec.owner);
    const defaultBranch = spec.defaultBranch ?? "main";
    const repo: SimRepo = {
      id: this.nextId(),
      owner,
      name: spec.name,
      fullName: `${owner.login}/${spec.name}`,
      private: spec.private ?? false,
      description: spec.description ?? null,
      defaultBranch,
      createdAt: this.now(),
      branches: new Map(),
      commits: new Map(),
      pulls: new Map(),
      issues: new Map(),
      issueComments: [],
      reviews: [],
      reviewComments: [],
      resolvedThreads: new Map(),
      hooks: new Map(),
      permissions: new Map([[owner.login, "admin"], ...Object.entries(spec.collaborators ?? {})]),
      nextNumber: 1,
    };
    this.repos.set(repo.fullName.toLowerCase(), repo);
    this.commit(repo.fullName, {
      branch: defaultBranch,
      author: owner.login,
      message: "Initial commit",
      changes: spec.files ?? { "README.md": `# ${spec.name}\n` },
    });
    return repo;
  }

  repo(fullName: string): SimRepo {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`simulator: no repo ${fullName}`);
    return repo;
  }

  /** Adds a commit on `branch` (created from the default branch if new); returns its sha. */
  commit(fullName: string, spec: { branch: string; author: string; message: string; changes: FileChanges }): string {
    const repo = this.repo(fullName);
    const parentSha = repo.branches.get(spec.branch) ?? repo.branches.get(repo.defaultBranch);
    const parent = parentSha ? repo.commits.get(parentSha) : undefined;
    const tree = new Map(parent?.tree ?? []);
    for (const [path, content] of Object.entries(spec.changes)) {
      if (content === null) tree.delete(path);
      else tree.set(path, toContent(content));
    }
    const author = this.user(spec.author);
    const date = this.now();
    const parents = parentSha ? [parentSha] : [];
    const commit: SimCommit = {
      sha: commitSha(tree, parents, spec.message, date),
      parents,
      message: spec.message,
      author: { name: author.name, email: author.email, date, login: author.login },
      tree,
    };
    repo.commits.set(commit.sha, commit);
    repo.branches.set(spec.branch, commit.sha);
    return commit.sha;
  }

  openPullRequest(spec: NewPullRequest): SimPull {
    const repo = this.repo(spec.repo);
    const number = repo.nextNumber++;
    const base = spec.base ?? repo.defaultBranch;
    const head = spec.head ?? `change-${number}`;
    const baseSha = repo.branches.get(base);
    if (!baseSha) throw new Error(`simulator: no branch ${base} in ${spec.repo}`);
    repo.branches.set(head, baseSha);
    const headSha = this.commit(spec.repo, {
      branch: head,
      author: spec.author,
      message: spec.title,
      changes: spec.changes,
    });
    const createdAt = this.now();
    const pull: SimPull = {
      id: this.nextId(),
      number,
      title: spec.title,
      body: spec.body ?? null,
      author: this.user(spec.author).login,
      state: "open",
      merged: false,
      draft: spec.draft ?? false,
      baseRef: base,
      headRef: head,
      baseSha,
      headSha,
      createdAt,
      updatedAt: createdAt,
      closedAt: null,
    };
    repo.pulls.set(number, pull);
    return pull;
  }

  openIssue(
    fullName: string,
    spec: { author: string; title: string; body?: string; state?: "open" | "closed" },
  ): SimIssue {
    const repo = this.repo(fullName);
    const issue: SimIssue = {
      id: this.nextId(),
      number: repo.nextNumber++,
      title: spec.title,
      body: spec.body ?? null,
      author: this.user(spec.author).login,
      state: spec.state ?? "open",
      createdAt: this.now(),
    };
    repo.issues.set(issue.number, issue);
    return issue;
  }

  /** A reply in a review comment's thread (what a person does to answer nectr). */
  /** Marks the review thread that `commentId` starts as resolved by `login`, as the "Resolve conversation" button does. */
  resolveThread(fullName: string, commentId: number, login: string): void {
    const repo = this.repo(fullName);
    const first = repo.reviewComments.find((comment) => comment.id === commentId && comment.inReplyTo === null);
    if (!first) throw new Error(`simulator: no review thread starts with comment ${commentId}`);
    repo.resolvedThreads.set(commentId, this.user(login).login);
  }

  /** A reaction (`"-1"` is 👎) by `login` on a review comment. */
  reactToReviewComment(fullName: string, commentId: number, login: string, content: string): void {
    const comment = this.repo(fullName).reviewComments.find((item) => item.id === commentId);
    if (!comment) throw new Error(`simulator: no review comment ${commentId}`);
    comment.reactions.push({ content, login: this.user(login).login });
  }

  replyToReviewComment(fullName: string, commentId: number, author: string, body: string): SimReviewComment {
    const repo = this.repo(fullName);
    const parent = repo.reviewComments.find((comment) => comment.id === commentId);
    if (!parent) throw new Error(`simulator: no review comment ${commentId}`);
    const reply: SimReviewComment = {
      ...parent,
      id: this.nextId(),
      author: this.user(author).login,
      body,
      createdAt: this.now(),
      inReplyTo: parent.id,
      reactions: [],
    };
    repo.reviewComments.push(reply);
    return reply;
  }

  /** Closes a PR; merged, its head becomes the base branch's tip (a fast-forward, in the simulator). */
  closePullRequest(fullName: string, number: number, options: { merged: boolean }): void {
    const pull = this.pull(fullName, number);
    pull.state = "closed";
    pull.merged = options.merged;
    pull.closedAt = this.now();
    if (options.merged) this.repo(fullName).branches.set(pull.baseRef, pull.headSha);
  }

  /** A new commit on the PR's head branch (a `synchronize`); returns the new head sha. */
  pushToPullRequest(fullName: string, number: number, changes: FileChanges, message = "Update"): string {
    const pull = this.pull(fullName, number);
    pull.headSha = this.commit(fullName, { branch: pull.headRef, author: pull.author, message, changes });
    pull.updatedAt = this.now();
    return pull.headSha;
  }

  pull(fullName: string, number: number): SimPull {
    const pull = this.repo(fullName).pulls.get(number);
    if (!pull) throw new Error(`simulator: no PR #${number} in ${fullName}`);
    return pull;
  }

  /** The PR's changes: the head against the base it was opened from, as GitHub shows them. */
  filesOf(repo: SimRepo, pull: Pick<SimPull, "baseSha" | "headSha">): FileChange[] {
    const key = `${repo.id}:${pull.baseSha}:${pull.headSha}`;
    let files = this.diffs.get(key);
    if (!files) {
      files = diffTrees(this.tree(repo, pull.baseSha), this.tree(repo, pull.headSha));
      this.diffs.set(key, files);
    }
    return files;
  }

  tree(repo: SimRepo, sha: string): Tree {
    const commit = repo.commits.get(sha);
    if (!commit) throw new Error(`simulator: no commit ${sha} in ${repo.fullName}`);
    return commit.tree;
  }

  /** A branch name or commit sha (full or abbreviated) to a commit. */
  resolveRef(repo: SimRepo, ref: string): SimCommit | undefined {
    const byBranch = repo.branches.get(ref);
    if (byBranch) return repo.commits.get(byBranch);
    if (ref.length >= 7) return [...repo.commits.values()].find((commit) => commit.sha.startsWith(ref));
    return undefined;
  }
}

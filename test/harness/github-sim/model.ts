import type { SimCommit } from "./git-objects.js";
import type { Side } from "./diff-lines.js";

// The simulator's in-memory records. Routes turn them into GitHub's JSON (representations.ts).

export type Permission = "admin" | "write" | "read";

export interface SimUser {
  id: number;
  login: string;
  name: string;
  email: string;
  type: "User" | "Organization" | "Bot";
  createdAt: string;
}

export interface SimToken {
  value: string;
  login: string;
  scopes: string[];
  /** An app's installation token, such as GitHub Actions' GITHUB_TOKEN: it may not call GET /user. */
  integration?: boolean;
  /** When it stops working (installation tokens live an hour). */
  expiresAtMs?: number;
}

export interface SimPull {
  id: number;
  number: number;
  title: string;
  body: string | null;
  author: string;
  state: "open" | "closed";
  merged: boolean;
  draft: boolean;
  baseRef: string;
  headRef: string;
  baseSha: string;
  headSha: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface SimIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  author: string;
  state: "open" | "closed";
  createdAt: string;
}

export interface SimIssueComment {
  id: number;
  issueNumber: number;
  author: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimReview {
  id: number;
  pullNumber: number;
  author: string;
  body: string;
  state: "COMMENTED" | "APPROVED" | "CHANGES_REQUESTED" | "PENDING";
  commitId: string;
  submittedAt: string | null;
}

export interface SimReviewComment {
  id: number;
  reviewId: number;
  pullNumber: number;
  author: string;
  path: string;
  /** "file": a comment on the whole file (`subject_type: "file"`), with no line, side or position. */
  subjectType: "line" | "file";
  line: number | null;
  side: Side | null;
  startLine: number | null;
  startSide: Side | null;
  position: number | null;
  diffHunk: string;
  body: string;
  commitId: string;
  createdAt: string;
  /** The comment this one answers, in a review thread. */
  inReplyTo: number | null;
  /** Reactions by content ("+1", "-1", …) and who gave them. */
  reactions: { content: string; login: string }[];
}

export interface SimDelivery {
  id: number;
  guid: string;
  event: string;
  action: string | null;
  statusCode: number;
  deliveredAt: string;
  durationMs: number;
}

export interface SimHook {
  id: number;
  active: boolean;
  events: string[];
  config: { url: string; content_type: string; secret?: string; insecure_ssl: string };
  createdAt: string;
  updatedAt: string;
  lastResponse: { code: number | null; status: string; message: string | null };
  deliveries: SimDelivery[];
}

export interface SimRepo {
  id: number;
  owner: SimUser;
  name: string;
  fullName: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  createdAt: string;
  branches: Map<string, string>;
  commits: Map<string, SimCommit>;
  pulls: Map<number, SimPull>;
  issues: Map<number, SimIssue>;
  issueComments: SimIssueComment[];
  reviews: SimReview[];
  reviewComments: SimReviewComment[];
  /** Review threads marked resolved: their first comment's id, and who resolved them. */
  resolvedThreads: Map<number, string>;
  hooks: Map<number, SimHook>;
  permissions: Map<string, Permission>;
  nextNumber: number;
}

/** A GitHub App: its key signs the JWTs that ask for installation tokens. */
export interface SimApp {
  id: number;
  slug: string;
  name: string;
  owner: SimUser;
  clientId: string;
  clientSecret: string;
  webhookSecret: string | null;
  /** PEM (PKCS#1, as GitHub hands it out); the simulator verifies JWTs with its public half. */
  privateKeyPem: string;
  publicKeyPem: string;
  permissions: Record<string, "read" | "write">;
  events: string[];
  /** The bot the app's installation tokens act as: `<slug>[bot]`. */
  bot: SimUser;
  createdAt: string;
}

export interface SimInstallation {
  id: number;
  app: SimApp;
  account: SimUser;
  /** Full names of the repositories it may reach. */
  repositories: string[];
  suspendedAt: string | null;
  createdAt: string;
}

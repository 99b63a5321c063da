import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { SimApp, SimInstallation } from "./model.js";
import type { SimState } from "./state.js";

export interface NewApp {
  slug: string;
  owner: string;
  name?: string;
  permissions?: SimApp["permissions"];
  events?: string[];
  webhookSecret?: string | null;
}

/** What a minted installation token may do, and until when. */
export interface MintedToken {
  token: string;
  expiresAt: string;
  installation: SimInstallation;
}

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** GitHub Apps, their installations and the installation tokens minted for them. */
export class SimApps {
  readonly apps = new Map<number, SimApp>();
  readonly installations = new Map<number, SimInstallation>();
  readonly minted: MintedToken[] = [];

  private readonly state: SimState;

  constructor(state: SimState) {
    this.state = state;
  }

  /** Who is signed in to the web host, for the manifest form (undefined: nobody). */
  browserUser: string | undefined;
  /** Codes GitHub hands back after "Create GitHub App" on a manifest, each good for one conversion. */
  readonly manifestCodes = new Map<string, { manifest: Record<string, unknown>; owner: string }>();

  add(spec: NewApp): SimApp {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const app: SimApp = {
      id: this.state.nextId(),
      slug: spec.slug,
      name: spec.name ?? spec.slug,
      owner: this.state.user(spec.owner),
      clientId: `Iv1.${randomBytes(8).toString("hex")}`,
      clientSecret: randomBytes(20).toString("hex"),
      webhookSecret: spec.webhookSecret === undefined ? randomBytes(16).toString("hex") : spec.webhookSecret,
      privateKeyPem: privateKey,
      publicKeyPem: publicKey,
      permissions: spec.permissions ?? { pull_requests: "write", contents: "read", issues: "read", metadata: "read" },
      events: spec.events ?? ["pull_request", "issue_comment"],
      bot: this.state.addUser(`${spec.slug}[bot]`, { type: "Bot" }),
      createdAt: this.state.now(),
    };
    this.apps.set(app.id, app);
    return app;
  }

  /** Installs the app on an account, for the given repositories of it. */
  install(app: SimApp, account: string, repositories: string[]): SimInstallation {
    const installation: SimInstallation = {
      id: this.state.nextId(),
      app,
      account: this.state.user(account),
      repositories,
      suspendedAt: null,
      createdAt: this.state.now(),
    };
    for (const fullName of repositories) this.state.repo(fullName).permissions.set(app.bot.login, "write");
    this.installations.set(installation.id, installation);
    return installation;
  }

  /** A token for the installation's bot, valid for an hour, as `POST …/access_tokens` answers. */
  mint(installation: SimInstallation, nowMs = Date.now()): MintedToken {
    const token = `ghs_${randomBytes(18).toString("base64url")}`;
    // The simulator models OAuth scopes: `repo` stands for the app's permissions on its repositories.
    const expiresAtMs = nowMs + TOKEN_LIFETIME_MS;
    this.state.addToken(installation.app.bot.login, token, ["repo"], true).expiresAtMs = expiresAtMs;
    const expiresAt = new Date(expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z");
    const minted = { token, expiresAt, installation };
    this.minted.push(minted);
    return minted;
  }
}

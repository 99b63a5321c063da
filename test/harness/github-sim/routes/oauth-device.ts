import { randomBytes } from "node:crypto";
import type { Route, RouteContext, SimResponse } from "../http.js";

export type DevicePollOutcome = "authorization_pending" | "slow_down" | "expired_token" | "access_denied" | "approve";

interface PendingCode {
  clientId: string;
  scopes: string[];
  interval: number;
  finished: boolean;
}

/**
 * GitHub's OAuth device flow (https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow).
 * Tests script what each poll answers; once the script is used up, the next poll approves.
 */
export class DeviceFlow {
  readonly clientIds = new Set(["sim-client-id"]);
  /** Seconds between polls that the device-code answer asks for. */
  interval = 5;
  /** What `slow_down` adds to the interval: 5 on GitHub; tests make it small. */
  slowDownIncrement = 5;
  expiresIn = 900;
  script: DevicePollOutcome[] = [];
  /** Who approves, and with which scopes (the requested ones when left out). */
  grant: { login: string; scopes?: string[] } = { login: "octocat" };
  readonly polls: { at: number; outcome: DevicePollOutcome | "error" }[] = [];
  readonly issuedTokens: string[] = [];
  private readonly codes = new Map<string, PendingCode>();

  routes(): Route[] {
    return [
      {
        method: "POST",
        pattern: "/login/device/code",
        resource: "none",
        handle: (context) => this.requestCode(context),
      },
      {
        method: "POST",
        pattern: "/login/oauth/access_token",
        resource: "none",
        handle: (context) => this.poll(context),
      },
    ];
  }

  private requestCode(context: RouteContext): SimResponse {
    const form = formOf(context);
    const clientId = form.get("client_id") ?? "";
    if (!this.clientIds.has(clientId)) return oauthAnswer(context, 404, { error: "Not Found" });
    const deviceCode = randomBytes(20).toString("hex");
    const userCode = `${randomCode(4)}-${randomCode(4)}`;
    const scopes = (form.get("scope") ?? "").split(/[\s,]+/).filter(Boolean);
    this.codes.set(deviceCode, { clientId, scopes, interval: this.interval, finished: false });
    return oauthAnswer(context, 200, {
      device_code: deviceCode,
      user_code: userCode,
      verification_uri: `${context.urls.web}/login/device`,
      expires_in: this.expiresIn,
      interval: this.interval,
    });
  }

  private poll(context: RouteContext): SimResponse {
    const form = formOf(context);
    const pending = this.codes.get(form.get("device_code") ?? "");
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:device_code") {
      return this.answer(context, "error", { error: "unsupported_grant_type" });
    }
    if (!pending || pending.clientId !== form.get("client_id")) {
      const error = pending ? "incorrect_client_credentials" : "incorrect_device_code";
      return this.answer(context, "error", { error });
    }
    if (pending.finished) return this.answer(context, "error", { error: "expired_token" });
    const outcome = this.script.shift() ?? "approve";
    if (outcome === "slow_down") pending.interval += this.slowDownIncrement;
    if (outcome === "expired_token" || outcome === "access_denied") pending.finished = true;
    if (outcome !== "approve") {
      return this.answer(context, outcome, {
        error: outcome,
        error_description: outcome.replaceAll("_", " "),
        ...(outcome === "slow_down" && { interval: pending.interval }),
      });
    }
    pending.finished = true;
    const token = `gho_${randomBytes(18).toString("hex")}`;
    const scopes = this.grant.scopes ?? pending.scopes;
    context.state.user(this.grant.login);
    context.state.addToken(this.grant.login, token, scopes);
    this.issuedTokens.push(token);
    return this.answer(context, "approve", { access_token: token, token_type: "bearer", scope: scopes.join(",") });
  }

  private answer(
    context: RouteContext,
    outcome: DevicePollOutcome | "error",
    body: Record<string, string | number>,
  ): SimResponse {
    this.polls.push({ at: Date.now(), outcome });
    // GitHub answers poll errors with 200 and an `error` field.
    return oauthAnswer(context, 200, body);
  }
}

function formOf(context: RouteContext): URLSearchParams {
  const text = context.body.toString("utf8");
  if (String(context.headers["content-type"] ?? "").includes("json")) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === "object" && value !== null) {
        return new URLSearchParams(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)])));
      }
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(text);
}

/** github.com's OAuth endpoints answer form-encoded unless asked for JSON. */
function oauthAnswer(context: RouteContext, status: number, body: Record<string, string | number>): SimResponse {
  if (String(context.headers.accept ?? "").includes("application/json")) return { status, body };
  const form = new URLSearchParams(
    Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)])),
  );
  return { status, raw: Buffer.from(form.toString()), contentType: "application/x-www-form-urlencoded; charset=utf-8" };
}

function randomCode(length: number): string {
  const alphabet = "BCDFGHJKLMNPQRSTVWXZ";
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

import { randomBytes } from "node:crypto";
import { GitHubError, json, notFound, type Route, type RouteContext } from "../http.js";
import type { SimApp, SimInstallation } from "../model.js";
import { installation, integration } from "../render-app.js";
import { repository } from "../render-repo.js";

// The GitHub App endpoints: those an app calls with its JWT (resource "app"), the installation
// token's own listing, and the manifest flow (a form on the web host, a code converted by the API).

function appOf(context: RouteContext): SimApp {
  if (!context.app) throw new GitHubError(401, "A JSON web token could not be decoded");
  return context.app;
}

function installationOf(context: RouteContext): SimInstallation {
  const found = context.state.apps.installations.get(Number(context.params.installation_id));
  if (!found || found.app !== appOf(context)) throw notFound();
  return found;
}

export const appRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/app",
    resource: "app",
    handle: (context) => json(200, integration(context.urls, appOf(context))),
  },
  {
    method: "GET",
    pattern: "/app/installations",
    resource: "app",
    handle: (context) => {
      const app = appOf(context);
      const mine = [...context.state.apps.installations.values()].filter((each) => each.app === app);
      return json(
        200,
        mine.map((each) => installation(context.urls, each)),
      );
    },
  },
  {
    method: "GET",
    pattern: "/app/installations/:installation_id",
    resource: "app",
    handle: (context) => json(200, installation(context.urls, installationOf(context))),
  },
  {
    method: "POST",
    pattern: "/app/installations/:installation_id/access_tokens",
    resource: "app",
    handle: (context) => {
      const installed = installationOf(context);
      if (installed.suspendedAt) throw new GitHubError(403, "This installation has been suspended");
      const minted = context.state.apps.mint(installed);
      return json(201, {
        token: minted.token,
        expires_at: minted.expiresAt,
        permissions: installed.app.permissions,
        repository_selection: "selected",
      });
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/installation",
    resource: "app",
    handle: (context) => {
      const app = appOf(context);
      const fullName = `${context.params.owner}/${context.params.repo}`.toLowerCase();
      const found = [...context.state.apps.installations.values()].find(
        (each) => each.app === app && each.repositories.some((name) => name.toLowerCase() === fullName),
      );
      if (!found) throw notFound();
      return json(200, installation(context.urls, found));
    },
  },
  {
    method: "GET",
    pattern: "/installation/repositories",
    resource: "core",
    handle: (context) => {
      const minted = context.state.apps.minted.find((each) => each.token === context.token?.value);
      if (!minted) throw new GitHubError(403, "This endpoint requires you to be authenticated as an installation.");
      const repositories = minted.installation.repositories.map((name) =>
        repository(context.urls, context.state.repo(name), minted.installation.app.bot.login),
      );
      return json(200, { total_count: repositories.length, repository_selection: "selected", repositories });
    },
  },
  {
    // The web form "Create GitHub App from manifest" posts to; the simulator creates at once, as
    // if the user pressed the button, and sends the browser back with the code.
    method: "POST",
    pattern: "/settings/apps/new",
    resource: "none",
    handle: (context) => offerManifest(context, undefined),
  },
  {
    method: "POST",
    pattern: "/organizations/:org/settings/apps/new",
    resource: "none",
    handle: (context) => offerManifest(context, context.params.org),
  },
  {
    method: "POST",
    pattern: "/app-manifests/:code/conversions",
    resource: "none",
    handle: (context) => {
      const offered = context.state.apps.manifestCodes.get(context.params.code ?? "");
      if (!offered) throw notFound();
      context.state.apps.manifestCodes.delete(context.params.code ?? "");
      const { manifest, owner } = offered;
      const app = context.state.apps.add({
        slug: String(manifest.name ?? "app")
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-"),
        name: String(manifest.name ?? "app"),
        owner,
        permissions: manifest.default_permissions as SimApp["permissions"] | undefined,
        events: manifest.default_events as string[] | undefined,
      });
      return json(201, {
        ...integration(context.urls, app),
        client_id: app.clientId,
        client_secret: app.clientSecret,
        webhook_secret: app.webhookSecret,
        pem: app.privateKeyPem,
      });
    },
  },
];

function offerManifest(context: RouteContext, org: string | undefined) {
  const form = new URLSearchParams(context.body.toString("utf8"));
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(form.get("manifest") ?? "") as Record<string, unknown>;
  } catch {
    throw new GitHubError(422, "Invalid manifest");
  }
  const redirect = typeof manifest.redirect_url === "string" ? manifest.redirect_url : undefined;
  if (!redirect || typeof manifest.url !== "string") throw new GitHubError(422, "Invalid manifest");
  const owner = org ?? context.state.apps.browserUser;
  if (!owner) throw new GitHubError(401, "Sign in to GitHub to create an app");
  const code = randomBytes(10).toString("hex");
  context.state.apps.manifestCodes.set(code, { manifest, owner });
  const back = new URL(redirect);
  back.searchParams.set("code", code);
  const state = context.query.get("state");
  if (state) back.searchParams.set("state", state);
  return { status: 302, headers: { location: back.toString() } };
}

import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { UsageError } from "../errors.js";

/** The manifest of nectr's app, as GitHub's "create a GitHub App from a manifest" takes it. */
export function appManifest(publicUrl: string, redirectUrl: string) {
  return {
    name: "nectr",
    url: publicUrl,
    hook_attributes: { url: `${publicUrl.replace(/\/+$/, "")}/api/v1/webhooks/github`, active: true },
    redirect_url: redirectUrl,
    public: false,
    default_permissions: { pull_requests: "write", contents: "read", issues: "read", metadata: "read" },
    default_events: ["pull_request", "issue_comment"],
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * GitHub's app-manifest flow, from a page on 127.0.0.1: the page posts the manifest to GitHub's
 * form, GitHub sends the browser back with a code, and the code is what this resolves to.
 * `state` ties the answer to this run, as GitHub's docs advise.
 */
export async function manifestCode(options: {
  webUrl: string;
  org: string | undefined;
  publicUrl: string;
  onPage: (url: string) => void;
  timeoutMs?: number;
}): Promise<string> {
  const state = randomBytes(16).toString("hex");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const page = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const target = options.org
    ? `${options.webUrl}/organizations/${encodeURIComponent(options.org)}/settings/apps/new`
    : `${options.webUrl}/settings/apps/new`;
  const manifest = JSON.stringify(appManifest(options.publicUrl, `${page}/callback`));
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new UsageError("no answer from GitHub's app page in time", { hint: "run nectr app create again" })),
        options.timeoutMs ?? 10 * 60 * 1000,
      );
      server.on("request", (request, response) => {
        const url = new URL(request.url ?? "/", page);
        if (url.pathname === "/") {
          response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          response.end(
            `<!doctype html><title>nectr: create the GitHub App</title>` +
              `<form method="post" action="${escapeHtml(`${target}?state=${state}`)}">` +
              `<input type="hidden" name="manifest" value="${escapeHtml(manifest)}">` +
              `<button>Create the nectr GitHub App on GitHub</button></form>`,
          );
          return;
        }
        const code = url.searchParams.get("code");
        if (url.pathname !== "/callback" || !code || url.searchParams.get("state") !== state) {
          response.writeHead(400, { "content-type": "text/plain" }).end("not an answer to this nectr app create");
          return;
        }
        response
          .writeHead(200, { "content-type": "text/plain" })
          .end("Done: nectr has the app. You can close this tab.");
        clearTimeout(timer);
        resolve(code);
      });
      options.onPage(page);
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

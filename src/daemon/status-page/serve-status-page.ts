import type { IncomingMessage, ServerResponse } from "node:http";
import type { AdminGuard } from "./admin-guard.js";
import { gatherStatus, type StatusSources } from "./gather-status.js";
import { renderStatusPage } from "./render-status-page.js";

// The page has no scripts, fonts, frames or external images: forbid everything but its own
// inline styles and data: images, so even a missed escape could not run or load anything.
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** GET /: the one-time login link (when guarded), the guard, then the page itself. */
export function createStatusPageHandler(sources: StatusSources, guard: AdminGuard) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const loginCode = new URL(request.url ?? "/", "http://nectr.invalid").searchParams.get("login");
    if (guard.guarded && loginCode !== null) {
      const cookie = guard.redeem(loginCode, request);
      if (!cookie) return guard.refuse(response);
      response.writeHead(303, { location: "/", "set-cookie": cookie, "cache-control": "no-store" });
      response.end();
      return;
    }
    if (!guard.admits(request)) return guard.refuse(response);
    const page = renderStatusPage(await gatherStatus(sources, new Date()));
    response.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    response.end(page);
  };
}

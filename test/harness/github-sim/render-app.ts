import type { SimApp, SimInstallation } from "./model.js";
import { nodeId, simpleUser } from "./render-repo.js";
import type { SimUrls } from "./urls.js";

/** GitHub's `integration` object. */
export function integration(urls: SimUrls, app: SimApp) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("Integration", app.id),
    client_id: app.clientId,
    owner: simpleUser(urls, app.owner),
    name: app.name,
    description: null,
    external_url: `${urls.web}/${app.owner.login}`,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: app.permissions,
    events: app.events,
  };
}

/** GitHub's `installation` object. */
export function installation(urls: SimUrls, installed: SimInstallation) {
  return {
    id: installed.id,
    account: simpleUser(urls, installed.account),
    repository_selection: "selected",
    access_tokens_url: `${urls.api}/app/installations/${installed.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/settings/installations/${installed.id}`,
    app_id: installed.app.id,
    app_slug: installed.app.slug,
    target_id: installed.account.id,
    target_type: installed.account.type === "Organization" ? "Organization" : "User",
    permissions: installed.app.permissions,
    events: installed.app.events,
    created_at: installed.createdAt,
    updated_at: installed.createdAt,
    single_file_name: null,
    suspended_by: null,
    suspended_at: installed.suspendedAt,
  };
}

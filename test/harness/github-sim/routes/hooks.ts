import { requireHookAccess, visibleRepo } from "../access.js";
import { GitHubError, json, jsonBody, notFound, type Route, type RouteContext } from "../http.js";
import type { SimHook, SimRepo } from "../model.js";
import { paginate } from "../paginate.js";
import { hook as hookJson, simpleUser, repository } from "../render-repo.js";
import { deliverToHook } from "../webhook-delivery.js";

export const hookRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/hooks",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      requireHookAccess(context, repo, "read");
      return paginate(context, [...repo.hooks.values()], (item) => hookJson(context.urls, repo, item));
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/hooks",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      requireHookAccess(context, repo, "write");
      const input = jsonBody(context);
      if (input.name !== undefined && input.name !== "web") throw invalid("name", "invalid");
      const config = parseConfig(input.config);
      const events = parseEvents(input.events) ?? ["push"];
      const duplicate = [...repo.hooks.values()].some((item) => item.config.url === config.url);
      // GitHub refuses a second hook with the same URL on one repo.
      if (duplicate)
        throw new GitHubError(422, "Validation Failed", {
          errors: [{ resource: "Hook", code: "custom", message: "Hook already exists on this repository" }],
        });
      const now = context.state.now();
      const created: SimHook = {
        id: context.state.nextId(),
        active: input.active !== false,
        events,
        config,
        createdAt: now,
        updatedAt: now,
        lastResponse: { code: null, status: "unused", message: null },
        deliveries: [],
      };
      repo.hooks.set(created.id, created);
      return json(201, hookJson(context.urls, repo, created));
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/hooks/:hook_id",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      requireHookAccess(context, repo, "read");
      return json(200, hookJson(context.urls, repo, hookOf(context, repo)));
    },
  },
  {
    method: "PATCH",
    pattern: "/repos/:owner/:repo/hooks/:hook_id",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      requireHookAccess(context, repo, "write");
      const item = hookOf(context, repo);
      const input = jsonBody(context);
      if (input.config !== undefined) item.config = parseConfig(input.config);
      item.events = parseEvents(input.events) ?? item.events;
      const add = parseEvents(input.add_events) ?? [];
      const remove = new Set(parseEvents(input.remove_events) ?? []);
      item.events = [...new Set([...item.events, ...add])].filter((event) => !remove.has(event));
      if (typeof input.active === "boolean") item.active = input.active;
      item.updatedAt = context.state.now();
      return json(200, hookJson(context.urls, repo, item));
    },
  },
  {
    method: "DELETE",
    pattern: "/repos/:owner/:repo/hooks/:hook_id",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      requireHookAccess(context, repo, "admin");
      repo.hooks.delete(hookOf(context, repo).id);
      return { status: 204 };
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/hooks/:hook_id/deliveries",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      requireHookAccess(context, repo, "read");
      const deliveries = [...hookOf(context, repo).deliveries].reverse();
      return paginate(context, deliveries, (delivery) => ({
        id: delivery.id,
        guid: delivery.guid,
        delivered_at: delivery.deliveredAt,
        redelivery: false,
        duration: delivery.durationMs / 1000,
        status:
          delivery.statusCode >= 200 && delivery.statusCode < 300
            ? "OK"
            : delivery.statusCode === 0
              ? "failed to connect"
              : `Invalid HTTP Response: ${delivery.statusCode}`,
        status_code: delivery.statusCode,
        event: delivery.event,
        action: delivery.action,
        installation_id: null,
        repository_id: repo.id,
      }));
    },
  },
  {
    method: "POST",
    pattern: "/repos/:owner/:repo/hooks/:hook_id/pings",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      requireHookAccess(context, repo, "read");
      const item = hookOf(context, repo);
      const payload = {
        zen: "Keep it logically awesome.",
        hook_id: item.id,
        hook: hookJson(context.urls, repo, item),
        repository: repository(context.urls, repo),
        sender: context.viewer ? simpleUser(context.urls, context.viewer) : undefined,
      };
      // GitHub answers at once and delivers the ping afterwards.
      context.background(deliverToHook(context.state, repo, item, "ping", payload));
      return { status: 204 };
    },
  },
];

function hookOf(context: RouteContext, repo: SimRepo): SimHook {
  const item = repo.hooks.get(Number(context.params.hook_id));
  if (!item) throw notFound();
  return item;
}

function parseConfig(raw: unknown): SimHook["config"] {
  if (typeof raw !== "object" || raw === null) throw invalid("config", "missing_field");
  const config: Record<string, unknown> = { ...raw };
  const url = typeof config.url === "string" ? config.url : "";
  if (!/^https?:\/\/./.test(url)) throw invalid("url", url ? "invalid" : "missing_field");
  return {
    url,
    content_type: config.content_type === "json" ? "json" : "form",
    insecure_ssl: String(config.insecure_ssl ?? "0"),
    ...(typeof config.secret === "string" && config.secret !== "" && { secret: config.secret }),
  };
}

function parseEvents(raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || !raw.every((event) => typeof event === "string")) throw invalid("events", "invalid");
  return raw;
}

function invalid(field: string, code: string): GitHubError {
  return new GitHubError(422, "Validation Failed", { errors: [{ resource: "Hook", code, field }] });
}

import { visibleRepo } from "../access.js";
import { json, notFound, type Route, type RouteContext, type SimResponse } from "../http.js";
import { blobSha } from "../git-objects.js";
import type { SimRepo } from "../model.js";

/** Above 1 MB the contents API leaves `content` empty (encoding "none"). */
const INLINE_CONTENT_LIMIT = 1024 * 1024;

export const contentRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/contents",
    resource: "core",
    handle: (context) => contents(context, ""),
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/contents/*path",
    resource: "core",
    handle: (context) => contents(context, context.params.path ?? ""),
  },
];

function contents(context: RouteContext, rawPath: string): SimResponse {
  const repo = visibleRepo(context);
  const path = decodeURIComponent(rawPath).replace(/\/+$/, "");
  const ref = context.query.get("ref") ?? repo.defaultBranch;
  const commit = context.state.resolveRef(repo, ref);
  if (!commit) throw notFound();
  const file = commit.tree.get(path);
  if (file) {
    if (String(context.headers.accept ?? "").includes("raw")) {
      return { status: 200, raw: file, contentType: "application/vnd.github.raw; charset=utf-8" };
    }
    return json(200, fileEntry(context, repo, ref, path, file, true));
  }
  const prefix = path === "" ? "" : `${path}/`;
  const children = new Map<string, "file" | "dir">();
  for (const entry of commit.tree.keys()) {
    if (!entry.startsWith(prefix)) continue;
    const [name, ...rest] = entry.slice(prefix.length).split("/");
    if (name) children.set(name, rest.length > 0 ? "dir" : "file");
  }
  if (children.size === 0) throw notFound();
  const listing = [...children]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, type]) => {
      const childPath = `${prefix}${name}`;
      const content = commit.tree.get(childPath);
      const entry = fileEntry(context, repo, ref, childPath, content ?? Buffer.alloc(0), false);
      return { ...entry, type, size: content?.length ?? 0, download_url: type === "dir" ? null : entry.download_url };
    });
  return json(200, listing);
}

function fileEntry(
  context: RouteContext,
  repo: SimRepo,
  ref: string,
  path: string,
  content: Buffer,
  withContent: boolean,
) {
  const sha = blobSha(content);
  const api = `${context.urls.api}/repos/${repo.fullName}`;
  const links = {
    self: `${api}/contents/${path}?ref=${ref}`,
    git: `${api}/git/blobs/${sha}`,
    html: `${context.urls.web}/${repo.fullName}/blob/${ref}/${path}`,
  };
  const inline = content.length <= INLINE_CONTENT_LIMIT;
  return {
    type: "file",
    size: content.length,
    name: path.split("/").at(-1) ?? path,
    path,
    sha,
    url: links.self,
    git_url: links.git,
    html_url: links.html,
    download_url: `${context.urls.web}/${repo.fullName}/raw/${ref}/${path}`,
    _links: links,
    ...(withContent && {
      // GitHub wraps the base64 text at 60 characters.
      content: inline ? (content.toString("base64").match(/.{1,60}/g) ?? []).join("\n") : "",
      encoding: inline ? "base64" : "none",
    }),
  };
}

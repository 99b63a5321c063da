import { visibleRepo } from "../access.js";
import { blobSha } from "../git-objects.js";
import { json, notFound, type Route } from "../http.js";

/** GET /repos/{o}/{r}/git/trees/{tree_sha}?recursive=1 — every file of a commit, blobs and folders. */
export const gitTreeRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/git/trees/*tree_sha",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const commit = context.state.resolveRef(repo, decodeURIComponent(context.params.tree_sha ?? ""));
      if (!commit) throw notFound();
      const recursive = context.query.get("recursive") !== null;
      const api = `${context.urls.api}/repos/${repo.fullName}/git`;
      const folders = new Set<string>();
      const blobs = [...commit.tree].filter(([path]) => recursive || !path.includes("/"));
      for (const [path] of blobs) {
        const parts = path.split("/");
        for (let depth = 1; depth < parts.length; depth += 1) folders.add(parts.slice(0, depth).join("/"));
      }
      const tree = [
        ...[...folders].map((path) => ({
          path,
          mode: "040000",
          type: "tree",
          sha: blobSha(Buffer.from(path)),
          url: `${api}/trees/${path}`,
        })),
        ...blobs.map(([path, content]) => ({
          path,
          mode: "100644",
          type: "blob",
          sha: blobSha(content),
          size: content.length,
          url: `${api}/blobs/${blobSha(content)}`,
        })),
      ].sort((a, b) => a.path.localeCompare(b.path));
      return json(200, { sha: commit.sha, url: `${api}/trees/${commit.sha}`, tree, truncated: false });
    },
  },
];

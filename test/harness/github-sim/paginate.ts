import type { RouteContext, SimResponse } from "./http.js";

/**
 * One page of `items` with GitHub's `Link` header (first, prev, next, last), 30 per page by
 * default and at most 100 (https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api).
 */
export function paginate<T>(context: RouteContext, items: readonly T[], render: (item: T) => unknown): SimResponse {
  const perPage = Math.min(100, Math.max(1, Number(context.query.get("per_page")) || 30));
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const page = Math.max(1, Math.floor(Number(context.query.get("page")) || 1));
  const body = items.slice((page - 1) * perPage, page * perPage).map(render);
  const link = (target: number, rel: string) => {
    const query = new URLSearchParams(context.query);
    query.set("per_page", String(perPage));
    query.set("page", String(target));
    return `<${context.urls.api}${context.path}?${query}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < lastPage) links.push(link(page + 1, "next"), link(lastPage, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { status: 200, body, ...(links.length > 0 && { headers: { link: links.join(", ") } }) };
}

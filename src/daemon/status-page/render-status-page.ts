import { version } from "../../version.js";
import type { RepoHotspots, StatusSnapshot } from "./gather-status.js";
import { html, type Markup } from "./html.js";
import { PAGE_STYLE } from "./page-style.js";
import { tokenChart } from "./token-chart.js";

/** The whole status page: one server-rendered HTML document, no scripts, no external assets. */
export function renderStatusPage(status: StatusSnapshot): string {
  const chartedTokens = status.tokensPerDay.reduce((sum, day) => sum + day.promptTokens + day.completionTokens, 0);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>nectr status</title>
        <link rel="icon" href="data:," />
        ${PAGE_STYLE}
      </head>
      <body>
        <header>
          <h1><span>nectr</span> status</h1>
          <p>
            <span class="figure" id="queue-depth">${status.queueDepth}</span>
            <span class="muted">jobs queued or running</span>
          </p>
          <p class="muted">version ${version} · as of ${when(status.generatedAt)} (times in UTC)</p>
        </header>
        <section id="tokens">
          <h2>
            Tokens per day
            <span class="muted"
              >(last ${status.tokensPerDay.length} days, UTC: ${chartedTokens.toLocaleString("en")} in all)</span
            >
          </h2>
          ${tokenChart(status.tokensPerDay)}
        </section>
        <section id="spend">
          <h2>
            LLM spend today
            <span class="muted"
              >(UTC; each repository may spend ${status.llmDailyTokens.toLocaleString("en")} tokens a day, or less if
              its .nectr.yml says so)</span
            >
          </h2>
          ${spendTable(status)}
        </section>
        <section id="reviews">
          <h2>Last reviews</h2>
          ${reviewsTable(status)}
        </section>
        <section id="deliveries">
          <h2>Last deliveries</h2>
          ${deliveriesTable(status)}
        </section>
        <section id="hotspots">
          <h2>Hotspots <span class="muted">(files most PRs touched, per connected repo)</span></h2>
          ${hotspotsList(status.hotspots)}
        </section>
      </body>
    </html> `.text;
}

function reviewsTable(status: StatusSnapshot): Markup {
  if (status.reviews.length === 0) return html`<p class="muted">No reviews yet.</p>`;
  const rows = status.reviews.map(
    (review) =>
      html`<tr>
        <td><a href="${review.url}" rel="noreferrer">${review.repo}#${review.prNumber}</a></td>
        <td class="title">${review.title ?? "—"}</td>
        <td>${review.verdict}</td>
        <td><code title="${review.headSha}">${review.headSha.slice(0, 7)}</code></td>
        <td class="number">${(review.promptTokens + review.completionTokens).toLocaleString("en")}</td>
        <td>${when(review.createdAt)}</td>
      </tr>`,
  );
  return table(["pull request", "title", "verdict", "head", NUMBER("tokens"), "reviewed"], rows);
}

function spendTable(status: StatusSnapshot): Markup {
  if (status.spendToday.length === 0) return html`<p class="muted">No LLM tokens spent today.</p>`;
  const rows = status.spendToday.map(
    (entry) =>
      html`<tr>
        <td>${entry.repo}</td>
        <td class="number">${entry.tokens.toLocaleString("en")}</td>
        <td class="number">${Math.min(100, Math.round((100 * entry.tokens) / Math.max(1, status.llmDailyTokens)))}%</td>
      </tr>`,
  );
  return table(["repo", NUMBER("tokens"), NUMBER("of the day's limit")], rows);
}

function deliveriesTable(status: StatusSnapshot): Markup {
  if (status.deliveries.length === 0) return html`<p class="muted">No deliveries yet.</p>`;
  const rows = status.deliveries.map(
    (event) =>
      html`<tr>
        <td>${when(event.receivedAt)}</td>
        <td>${event.event}</td>
        <td>${event.action ?? "—"}</td>
        <td>${event.repo ?? "—"}${event.prNumber === null ? "" : `#${event.prNumber}`}</td>
        <td data-status="${event.status}" title="${event.error ?? ""}">${event.status}</td>
      </tr>`,
  );
  return table(["received", "event", "action", "repo", "status"], rows);
}

function hotspotsList(repos: readonly RepoHotspots[]): Markup {
  if (repos.length === 0) return html`<p class="muted">No connected repos.</p>`;
  const blocks = repos.map((repo) => {
    const body =
      repo.hotspots === undefined
        ? html`<p class="muted">The knowledge graph did not answer.</p>`
        : repo.hotspots.length === 0
          ? html`<p class="muted">Nothing indexed yet.</p>`
          : html`<ol>
              ${repo.hotspots.map(
                (spot) =>
                  html`<li>
                    <code>${spot.path}</code>
                    <span class="muted">${spot.pullRequests === 1 ? "1 PR" : `${spot.pullRequests} PRs`}</span>
                  </li>`,
              )}
            </ol>`;
    return html`<div>
      <h3>${repo.repo}</h3>
      ${body}
    </div>`;
  });
  return html`<div class="hotspots">${blocks}</div>`;
}

/** A column of figures, right-aligned. */
const NUMBER = (label: string) => ({ label });

function table(columns: readonly (string | { label: string })[], rows: readonly Markup[]): Markup {
  const headings = columns.map((column) =>
    typeof column === "string" ? html`<th>${column}</th>` : html`<th class="number">${column.label}</th>`,
  );
  return html`<table>
    <thead>
      <tr>
        ${headings}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function when(iso: string): Markup {
  return html`<time datetime="${iso}">${iso.replace("T", " ").slice(0, 19)}</time>`;
}

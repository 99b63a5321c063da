import type { Hotspot } from "../../context/graph/knowledge-graph.js";
import { withinTimeBox } from "../../context/mcp/time-box.js";
import type { EventRecord } from "../../store/events-table.js";
import { spendDay } from "../../store/llm-spend-table.js";
import type { NectrStore } from "../../store/nectr-store.js";
import type { DailyTokens, ReviewSummary } from "../../store/status-queries.js";

const LISTED_DELIVERIES = 20;
const LISTED_REVIEWS = 20;
const HOTSPOTS_PER_REPO = 5;
const CHARTED_DAYS = 14;
/** A Neo4j graph that does not answer must not hold the page up. */
const HOTSPOTS_TIMEOUT_MS = 3000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type HotspotsOf = (repo: string, limit: number) => Promise<Hotspot[]>;

export interface RepoHotspots {
  repo: string;
  /** undefined when the knowledge graph could not answer. */
  hotspots: Hotspot[] | undefined;
}

export interface StatusSnapshot {
  generatedAt: string;
  queueDepth: number;
  deliveries: EventRecord[];
  reviews: (ReviewSummary & { url: string })[];
  hotspots: RepoHotspots[];
  /** One entry per day of the last CHARTED_DAYS, oldest first, zero where nothing ran. */
  tokensPerDay: DailyTokens[];
  /** Each repository's LLM spend today (UTC), against the daily limit. */
  spendToday: { repo: string; tokens: number }[];
  llmDailyTokens: number;
}

export interface StatusSources {
  store: NectrStore;
  /** GitHub's web base URL, for links to pull requests. */
  githubUrl: string;
  hotspots: HotspotsOf;
  /** NECTR_LLM_DAILY_TOKENS. */
  llmDailyTokens: number;
  warn: (message: string) => void;
}

/** Everything the status page shows, read at `now`. */
export async function gatherStatus(sources: StatusSources, now: Date): Promise<StatusSnapshot> {
  const { store } = sources;
  const firstChartedDay = dayOf(new Date(now.getTime() - (CHARTED_DAYS - 1) * DAY_MS));
  const [repos, queueDepth, deliveries, reviews, tokens, spendToday] = await Promise.all([
    store.repos.list(),
    store.queue.depth(),
    store.queue.recent(LISTED_DELIVERIES),
    store.reviews.recent(LISTED_REVIEWS),
    store.reviews.tokensPerDay(firstChartedDay),
    store.spend.ofDay(spendDay(now)),
  ]);
  const connected = repos.filter((repo) => repo.active);
  return {
    generatedAt: now.toISOString(),
    queueDepth,
    deliveries,
    reviews: reviews.map((review) => ({
      ...review,
      url: pullRequestUrl(sources.githubUrl, review.repo, review.prNumber),
    })),
    hotspots: await Promise.all(connected.map((repo) => hotspotsOf(sources, repo.fullName))),
    tokensPerDay: lastDays(tokens, now),
    spendToday,
    llmDailyTokens: sources.llmDailyTokens,
  };
}

function pullRequestUrl(githubUrl: string, repo: string, number: number): string {
  const path = repo.split("/").map(encodeURIComponent).join("/");
  return `${githubUrl}/${path}/pull/${number}`;
}

async function hotspotsOf(sources: StatusSources, repo: string): Promise<RepoHotspots> {
  try {
    return {
      repo,
      hotspots: await withinTimeBox(HOTSPOTS_TIMEOUT_MS, () => sources.hotspots(repo, HOTSPOTS_PER_REPO)),
    };
  } catch (error) {
    sources.warn(`hotspots of ${repo} failed: ${error instanceof Error ? error.message : String(error)}`);
    return { repo, hotspots: undefined };
  }
}

function lastDays(used: readonly DailyTokens[], now: Date): DailyTokens[] {
  const byDay = new Map(used.map((entry) => [entry.day, entry]));
  return Array.from({ length: CHARTED_DAYS }, (_, index) => {
    const day = dayOf(new Date(now.getTime() - (CHARTED_DAYS - 1 - index) * DAY_MS));
    return byDay.get(day) ?? { day, promptTokens: 0, completionTokens: 0 };
  });
}

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

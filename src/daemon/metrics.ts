import type { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface DaemonMetrics {
  registry: Registry;
  deliveries: Counter<"status">;
  reviewSeconds: Histogram<"outcome">;
  rateLimitRemaining: Gauge;
}

/** The daemon's Prometheus metrics (GET /metrics), in a registry of their own. */
export async function createMetrics(queueDepth: () => number): Promise<DaemonMetrics> {
  const { Counter, Gauge, Histogram, Registry } = await import("prom-client");
  const registry = new Registry();
  const deliveries = new Counter({
    name: "nectr_webhook_deliveries_total",
    help: "Webhook deliveries by outcome",
    labelNames: ["status"],
    registers: [registry],
  });
  new Gauge({
    name: "nectr_queue_depth",
    help: "Review jobs queued or running",
    registers: [registry],
    collect() {
      this.set(queueDepth());
    },
  });
  const reviewSeconds = new Histogram({
    name: "nectr_review_duration_seconds",
    help: "Time from claiming a review job to its end",
    labelNames: ["outcome"],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  const rateLimitRemaining = new Gauge({
    name: "nectr_github_rate_limit_remaining",
    help: "GitHub API requests left for the last token used",
    registers: [registry],
  });
  return { registry, deliveries, reviewSeconds, rateLimitRemaining };
}

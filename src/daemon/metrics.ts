/**
 * The daemon's metrics, in Prometheus's text format (GET /metrics). Four metrics need no client
 * library: prom-client would add some 18 MB to an idle daemon and work to every delivery.
 */
export interface DaemonMetrics {
  deliveries: { inc(labels: { status: string }): void };
  reviewSeconds: { observe(labels: { outcome: string }, seconds: number): void };
  rateLimitRemaining: { set(value: number): void };
  /** The text exposition format, version 0.0.4. */
  render(): Promise<string>;
  contentType: string;
}

const REVIEW_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600];

export function createMetrics(queueDepth: () => Promise<number>): DaemonMetrics {
  const deliveries = new Map<string, number>();
  const reviews = new Map<string, { buckets: number[]; sum: number; count: number }>();
  let rateLimitRemaining = 0;
  return {
    deliveries: { inc: ({ status }) => void deliveries.set(status, (deliveries.get(status) ?? 0) + 1) },
    reviewSeconds: {
      observe({ outcome }, seconds) {
        let series = reviews.get(outcome);
        if (!series) reviews.set(outcome, (series = { buckets: REVIEW_BUCKETS.map(() => 0), sum: 0, count: 0 }));
        REVIEW_BUCKETS.forEach((bound, index) => {
          if (seconds <= bound) series.buckets[index]! += 1;
        });
        series.sum += seconds;
        series.count += 1;
      },
    },
    rateLimitRemaining: { set: (value) => void (rateLimitRemaining = value) },
    async render() {
      const depth = await queueDepth();
      const lines = [
        ...header("nectr_webhook_deliveries_total", "counter", "Webhook deliveries by outcome"),
        ...[...deliveries].map(([status, count]) => `nectr_webhook_deliveries_total${labels({ status })} ${count}`),
        ...header("nectr_queue_depth", "gauge", "Review jobs queued or running"),
        `nectr_queue_depth ${depth}`,
        ...header("nectr_review_duration_seconds", "histogram", "Time from claiming a review job to its end"),
        ...[...reviews].flatMap(([outcome, series]) => [
          ...REVIEW_BUCKETS.map(
            (bound, index) =>
              `nectr_review_duration_seconds_bucket${labels({ le: String(bound), outcome })} ${series.buckets[index]}`,
          ),
          `nectr_review_duration_seconds_bucket${labels({ le: "+Inf", outcome })} ${series.count}`,
          `nectr_review_duration_seconds_sum${labels({ outcome })} ${series.sum}`,
          `nectr_review_duration_seconds_count${labels({ outcome })} ${series.count}`,
        ]),
        ...header("nectr_github_rate_limit_remaining", "gauge", "GitHub API requests left for the last token used"),
        `nectr_github_rate_limit_remaining ${rateLimitRemaining}`,
      ];
      return `${lines.join("\n")}\n`;
    },
    contentType: "text/plain; version=0.0.4; charset=utf-8",
  };
}

function header(name: string, type: string, help: string): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
}

/** `{a="x",b="y"}`, values escaped as the format asks (backslash, double quote, line feed). */
function labels(values: Record<string, string>): string {
  const pairs = Object.entries(values).map(
    ([name, value]) => `${name}="${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`,
  );
  return `{${pairs.join(",")}}`;
}

import { describe, expect, it } from "vitest";
import { createMetrics } from "../../../src/daemon/metrics.js";

describe("the daemon's metrics text", () => {
  it("renders counters, gauges and cumulative histogram buckets in Prometheus's format", async () => {
    let depth = 3;
    const metrics = createMetrics(async () => depth);
    metrics.deliveries.inc({ status: "queued" });
    metrics.deliveries.inc({ status: "queued" });
    metrics.deliveries.inc({ status: "unauthorized" });
    metrics.reviewSeconds.observe({ outcome: "done" }, 4);
    metrics.reviewSeconds.observe({ outcome: "done" }, 700);
    metrics.rateLimitRemaining.set(4321);
    depth = 5;
    const lines = (await metrics.render()).split("\n");
    expect(lines).toContain("# TYPE nectr_webhook_deliveries_total counter");
    expect(lines).toContain('nectr_webhook_deliveries_total{status="queued"} 2');
    expect(lines).toContain('nectr_webhook_deliveries_total{status="unauthorized"} 1');
    expect(lines).toContain("nectr_queue_depth 5");
    expect(lines).toContain('nectr_review_duration_seconds_bucket{le="1",outcome="done"} 0');
    expect(lines).toContain('nectr_review_duration_seconds_bucket{le="5",outcome="done"} 1');
    expect(lines).toContain('nectr_review_duration_seconds_bucket{le="600",outcome="done"} 1');
    expect(lines).toContain('nectr_review_duration_seconds_bucket{le="+Inf",outcome="done"} 2');
    expect(lines).toContain('nectr_review_duration_seconds_sum{outcome="done"} 704');
    expect(lines).toContain('nectr_review_duration_seconds_count{outcome="done"} 2');
    expect(lines).toContain("nectr_github_rate_limit_remaining 4321");
    expect((await metrics.render()).endsWith("\n")).toBe(true);
  });

  it("escapes label values, so no value can start a line of its own", async () => {
    const metrics = createMetrics(async () => 0);
    metrics.deliveries.inc({ status: 'a"b\\c\nnectr_queue_depth 99' });
    const text = await metrics.render();
    expect(text).toContain('nectr_webhook_deliveries_total{status="a\\"b\\\\c\\nnectr_queue_depth 99"} 1');
    expect(text.split("\n").filter((line) => line.startsWith("nectr_queue_depth"))).toEqual(["nectr_queue_depth 0"]);
  });
});

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

type Metrics = ReturnType<typeof createMetrics>;

// One registry per process, kept on globalThis so dev hot reload does not register every metric twice.
const globalForMetrics = globalThis as unknown as { __metrics?: Metrics };

const latencyBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    jobRuns: new Counter({ name: "console_job_runs_total", help: "Job runs by job and outcome", labelNames: ["job", "outcome"] as const, registers }),
    jobDuration: new Histogram({ name: "console_job_duration_seconds", help: "Job run duration", labelNames: ["job"] as const, buckets: latencyBuckets, registers }),
    jobRows: new Counter({ name: "console_job_rows_total", help: "Rows handled by job runs", labelNames: ["job"] as const, registers }),
    jobFailuresInARow: new Gauge({ name: "console_job_consecutive_failures", help: "Failed runs in a row, by job (from the database)", labelNames: ["job"] as const, registers }),
    jobLastSuccess: new Gauge({ name: "console_job_last_success_timestamp_seconds", help: "End of the last successful run, by job (0 while failing)", labelNames: ["job"] as const, registers }),
    backlog: new Gauge({ name: "console_backlog", help: "Rows waiting for background work, by queue", labelNames: ["queue"] as const, registers }),
    wechatLatency: new Histogram({ name: "console_wechat_request_seconds", help: "WeChat API call latency by path", labelNames: ["path"] as const, buckets: latencyBuckets, registers }),
    wechatErrcodes: new Counter({ name: "console_wechat_errcode_total", help: "WeChat API answers by path and errcode", labelNames: ["path", "errcode"] as const, registers }),
    providerLatency: new Histogram({ name: "console_provider_request_seconds", help: "Payment provider call latency by operation and HTTP status", labelNames: ["operation", "status"] as const, buckets: latencyBuckets, registers }),
    webhookIngest: new Counter({ name: "console_webhook_ingest_total", help: "Incoming payment notifications by outcome", labelNames: ["outcome"] as const, registers }),
    httpLatency: new Histogram({ name: "console_http_request_seconds", help: "Route handler latency by route, method and status", labelNames: ["route", "method", "status"] as const, buckets: latencyBuckets, registers }),
  };
}

/** The process's Prometheus metrics; callers observe, `/metrics` renders `metrics().registry`. */
export function metrics(): Metrics {
  return (globalForMetrics.__metrics ??= createMetrics());
}

/** A path with its ids replaced by `:id`, so a metric label has one value per route, not per record. */
export function routeLabel(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => (/\d/.test(segment) && (segment.length >= 8 || /^\d+$/.test(segment)) ? ":id" : segment))
    .join("/");
}

/** Records one route-handler answer: latency by route, method and status. */
export function observeHttp(request: Request, status: number, startedMs: number): void {
  const route = routeLabel(new URL(request.url).pathname);
  metrics().httpLatency.observe({ route, method: request.method, status: String(status) }, (performance.now() - startedMs) / 1000);
}

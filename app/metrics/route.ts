import { getConfig } from "@/lib/config";
import { metricsHandler } from "@/lib/boot/metrics-endpoint";
import { registeredJobs } from "@/lib/boot/jobs";
import { getDb } from "@/lib/runtime/db";

// A scraper's bearer token, not a session: proxy.ts lets this path through without cookies.
export const dynamic = "force-dynamic";

export const GET = metricsHandler({ token: () => getConfig().metricsToken, db: getDb, jobs: () => registeredJobs });

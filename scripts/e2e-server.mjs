// The server Playwright tests run against: its own build folder, port and fresh data folder,
// so a console you have running is never touched.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { buildIfStale, nextStartArgs, root } from "./lib/build.mjs";
import { seedE2e } from "./lib/e2e-seed.mjs";

const distDir = ".next-e2e";
const dataDir = process.env.E2E_DATA_DIR || ".data-e2e";
const port = process.env.E2E_PORT || "3100";
rmSync(path.join(root, dataDir), { recursive: true, force: true });
// The sandboxed WeChat decides and the workers run faster than by default, so journeys finish quickly.
const env = {
  WECHAT_SANDBOX_REVIEW_SECONDS: "3",
  WECHAT_WORKER_INTERVAL_MS: "1000",
  // e2e/system.spec.ts scrapes /metrics with it.
  METRICS_TOKEN: "e2e-metrics-token-0123456789",
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: distDir,
  DATA_DIR: dataDir,
  PORT: port,
  // The test runner plays the load balancer: specs name client addresses in X-Forwarded-For.
  TRUSTED_PROXIES: "127.0.0.0/8,::1",
  NEXTAUTH_URL: `http://localhost:${port}`,
};
delete env.DATABASE_URL;
buildIfStale(distDir, env);
seedE2e(env);

// Everything the server prints is also kept in the data folder: e2e/after-run/ greps it for
// personal data once every spec has run.
mkdirSync(path.join(root, dataDir), { recursive: true });
const log = createWriteStream(path.join(root, dataDir, "server.log"));
const server = spawn(process.execPath, nextStartArgs(port), { cwd: root, env, stdio: ["inherit", "pipe", "pipe"] });
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  log.write(chunk);
});
server.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  log.write(chunk);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => log.end(() => process.exit(code ?? 0)));

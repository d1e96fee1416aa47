import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const nextBin = path.join(root, "node_modules/next/dist/bin/next");
/**
 * `node` arguments that serve the built console: Next with the socket-address preload. Idle
 * connections are kept longer than a proxy's or client's own idle timeout (commonly 60 s), so the
 * server never closes a socket a client is about to reuse (a reset request).
 */
export const nextStartArgs = (port) => ["--require", path.join(root, "scripts/peer-address.cjs"), nextBin, "start", "-p", String(port), "--keepAliveTimeout", "65000"];
const sources = ["app", "components", "lib", "db", "messages", "public", "proxy.ts", "instrumentation.ts", "next.config.js", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/** Runs `next build` into distDir unless a build newer than every source file is there. */
export function buildIfStale(distDir, env) {
  const buildId = path.join(root, distDir, "BUILD_ID");
  const stale = !existsSync(buildId) || sources.some((entry) => newestMtime(entry) > statSync(buildId).mtimeMs);
  if (!stale) return;
  console.log(`Building the console into ${distDir}/ (sources changed since the last build)…`);
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env: { ...env, NEXT_DIST_DIR: distDir }, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

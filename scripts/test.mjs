// `npm test`: type check, unit and integration tests (vitest), then end-to-end tests in Chromium
// (Playwright). Ends with one line counting every test: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { buildIfStale, root } from "./lib/build.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name) => path.join(root, "node_modules/.bin", name);
// Not test-results/: Playwright empties that folder when it starts.
const results = path.join(root, "test-reports");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(label, command, args) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  console.log(`=== ${label}: ${status === 0 ? "ok" : `failed (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return status === 0;
}

const typesOk = run("type check", bin("tsc"), ["--noEmit"]);
const unitOk = run("unit and integration (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${path.join(results, "vitest.json")}`]);
// Built here rather than inside Playwright's web-server start-up, whose wait has a time limit.
if (process.env.SKIP_E2E !== "1" && typesOk) buildIfStale(".next-e2e", { ...env, NEXT_SKIP_TYPECHECK: "1" });
const e2eOk = process.env.SKIP_E2E === "1" || run("end to end (playwright)", bin("playwright"), ["test"]);

// The slow fault tests (`npm run test:faults`) join the count when FAULT_TESTS=1 (.ci/run sets it).
const faultsOk = process.env.FAULT_TESTS !== "1" || run("fault tests (server killed mid-request)", bin("vitest"), ["run", "--config", "vitest.faults.config.ts", "--reporter=default", "--reporter=json", `--outputFile=${path.join(results, "faults.json")}`]);

let passed = 0;
let failed = typesOk ? 0 : 1;
for (const [file, ok] of [["vitest.json", unitOk], ["faults.json", faultsOk]]) {
  const report = path.join(results, file);
  if (existsSync(report)) {
    const { numPassedTests, numFailedTests } = JSON.parse(readFileSync(report, "utf8"));
    passed += numPassedTests;
    failed += numFailedTests;
  } else if (!ok) failed += 1;
}
const playwright = path.join(results, "e2e.json");
if (existsSync(playwright)) {
  const { stats } = JSON.parse(readFileSync(playwright, "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
} else if (!e2eOk) failed += 1;

const ok = typesOk && unitOk && e2eOk && faultsOk;
if (!ok && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);

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
// Named again at the very end, so the last lines of a long CI log say what failed.
const failures = typesOk ? [] : ["type check"];
for (const [file, ok] of [["vitest.json", unitOk], ["faults.json", faultsOk]]) {
  const report = path.join(results, file);
  if (existsSync(report)) {
    const { numPassedTests, numFailedTests, testResults = [] } = JSON.parse(readFileSync(report, "utf8"));
    passed += numPassedTests;
    failed += numFailedTests;
    for (const suite of testResults) {
      const where = path.relative(root, suite.name);
      for (const test of suite.assertionResults ?? []) {
        if (test.status === "failed") failures.push(`${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      }
      if (suite.status === "failed" && !(suite.assertionResults ?? []).some((test) => test.status === "failed")) failures.push(`${where}: ${firstLine(suite.message)}`);
    }
  } else if (!ok) {
    failed += 1;
    failures.push(`${file}: no report`);
  }
}
const playwright = path.join(results, "e2e.json");
if (existsSync(playwright)) {
  const { stats, suites = [] } = JSON.parse(readFileSync(playwright, "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === "unexpected") failures.push(`${spec.file} › ${[...titles, spec.title].join(" › ")}: ${firstLine(test.results?.at(-1)?.error?.message)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of suites) visit(suite, []);
} else if (!e2eOk) {
  failed += 1;
  failures.push("end to end: no report");
}

function firstLine(text) {
  return String(text ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((line) => line.trim()) ?? "";
}

const ok = typesOk && unitOk && e2eOk && faultsOk;
if (!ok && failed === 0) failed = 1;
if (failures.length) console.log(`\nFailed:\n${failures.map((line) => `  - ${line.slice(0, 400)}`).join("\n")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);

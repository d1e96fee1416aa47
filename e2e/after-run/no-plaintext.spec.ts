import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demoPasswords, personalDataProbes, typedPasswords } from "../personal-data";

// Runs after every other spec (the "after-run" project depends on "chromium"), against the data
// folder and the log of the same server.
const dataDir = path.resolve(process.env.E2E_DATA_DIR || ".data-e2e");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** The forms a value takes in text: as typed, JSON-escaped, URL-encoded. */
function spellings(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])];
}

test("the server log of the whole run holds no personal data and no typed password", () => {
  const logFile = path.join(dataDir, "server.log");
  expect(existsSync(logFile), `${logFile} is written by scripts/e2e-server.mjs`).toBe(true);
  const log = readFileSync(logFile, "utf8");
  // The harness really captured the server: its start line and the requests' structured events.
  expect(log).toContain("Database: pglite");
  expect(log).toContain('"event":"auth.rate_limited"');
  const found = [...personalDataProbes, ...typedPasswords].flatMap(spellings).filter((value) => log.includes(value));
  expect(found).toEqual([]);
});

test("every page the run rendered had its words: the server log names no missing message", () => {
  // Each page sends the browser only its own namespaces; a client component rendered on the server
  // with a key outside them logs next-intl's MISSING_MESSAGE here.
  const log = readFileSync(path.join(dataDir, "server.log"), "utf8");
  expect(log.split("\n").filter((line) => line.includes("MISSING_MESSAGE"))).toEqual([]);
});

test("the raw database files hold no personal data and no password in the clear", () => {
  const pglite = path.join(dataDir, "pglite");
  const all = files(pglite);
  expect(all.length).toBeGreaterThan(100);
  const probes = [...personalDataProbes, ...typedPasswords, ...demoPasswords].map((value) => ({ value, bytes: Buffer.from(value, "utf8") }));
  const found: string[] = [];
  for (const file of all) {
    const content = readFileSync(file);
    for (const probe of probes) if (content.includes(probe.bytes)) found.push(`${probe.value} in ${path.relative(dataDir, file)}`);
  }
  expect(found).toEqual([]);
  // The scan does see table contents: the demo merchant's name is stored in the clear.
  expect(all.some((file) => readFileSync(file).includes(Buffer.from("深圳市示例科技有限公司")))).toBe(true);
});

test("the client bundles hold no personal data", () => {
  const staticDir = path.resolve(".next-e2e/static");
  const bundles = files(staticDir).filter((file) => /\.(js|css|html|json)$/.test(file));
  expect(bundles.length).toBeGreaterThan(0);
  const found: string[] = [];
  for (const file of bundles) {
    const content = readFileSync(file, "utf8");
    for (const value of personalDataProbes.flatMap(spellings)) if (content.includes(value)) found.push(`${value} in ${path.relative(".", file)}`);
  }
  expect(found).toEqual([]);
});

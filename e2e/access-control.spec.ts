import type { APIRequestContext, APIResponse } from "@playwright/test";
import { DEMO_MERCHANT_ID, SECOND_MERCHANT_ID } from "../db/seed";
import { encodeActionArgs } from "./access/hostile";
import { accessTable, expectedFor, visitors, type Row, type Sample, type Visitor } from "./access/table";
import { scanEndpoints, serverActionId } from "./access/scan";
import { expect, storageStateFor, test, type Role } from "./fixtures";

const roleOf: Record<Exclude<Visitor, "anon">, Role> = { merchantA: "merchant", viewerA: "viewer", merchantB: "other-merchant", support: "support", supportAdmin: "support-admin" };
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

test("every page, route handler and server action has a row in the access table, and every row an endpoint", () => {
  const scanned = scanEndpoints().map((e) => e.key);
  const rows = accessTable.map((r) => r.key);
  expect(rows.filter((key, i) => rows.indexOf(key) !== i), "rows listed twice").toEqual([]);
  expect(scanned.filter((key) => !rows.includes(key)), "endpoints without a row in e2e/access/table.ts").toEqual([]);
  expect(rows.filter((key) => !scanned.includes(key)), "rows for endpoints that no longer exist").toEqual([]);
  for (const row of accessTable) {
    const method = row.key.split(" ")[0]!;
    if (MUTATING.has(method)) expect(row.crossSite ?? "refused", row.key).toBeTruthy();
  }
});

test.describe("access-control matrix", () => {
  const contexts = new Map<Visitor, APIRequestContext>();
  let sample: Sample;

  test.beforeAll(async ({ playwright, baseURL }) => {
    for (const visitor of visitors) {
      contexts.set(visitor, await playwright.request.newContext({ baseURL, storageState: visitor === "anon" ? undefined : storageStateFor(roleOf[visitor]) }));
    }
    sample = { as: (visitor) => contexts.get(visitor)!, ids: { merchantA: DEMO_MERCHANT_ID, merchantB: SECOND_MERCHANT_ID } };
  });
  test.afterAll(async () => {
    for (const context of contexts.values()) await context.dispose();
  });

  async function send(row: Row, visitor: Visitor, baseURL: string, extraHeaders: Record<string, string> = {}): Promise<APIResponse> {
    const [kind, target] = [row.key.slice(0, row.key.indexOf(" ")), row.key.slice(row.key.indexOf(" ") + 1)];
    const api = contexts.get(visitor)!;
    // Same-origin requests, as the console's own pages send them.
    const headers = { origin: baseURL, ...extraHeaders };
    if (kind === "ACTION") {
      const [file, name] = target.split("#") as [string, string];
      const action = serverActionId(file, name);
      return api.post(action.page, {
        headers: { ...headers, "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        data: JSON.stringify(encodeActionArgs(row.body ?? [])),
        maxRedirects: 0,
      });
    }
    const url = typeof row.url === "function" ? await row.url(sample) : row.url ?? target;
    if (kind === "PAGE") return api.get(url, { headers: { accept: "text/html" }, maxRedirects: 0 });
    return api.fetch(url, { method: kind, headers, data: row.body, maxRedirects: 0 });
  }

  for (const row of accessTable) {
    for (const visitor of visitors) {
      const expected = expectedFor(row, visitor);
      test(`${row.key} as ${visitor} → ${expected}`, async ({ baseURL }) => {
        const response = await send(row, visitor, baseURL!);
        if (expected === "login") {
          expect(response.status()).toBe(307);
          expect(response.headers()["location"]).toMatch(/\/login\?callbackUrl=/);
        } else {
          expect(response.status()).toBe(expected);
        }
        row.verify?.(visitor, { status: response.status(), text: await response.text(), headers: response.headers() });
      });
    }

    const method = row.key.split(" ")[0]!;
    if (MUTATING.has(method) && (row.crossSite ?? "refused") === "refused") {
      test(`${row.key} refuses a cross-site request`, async ({ baseURL }) => {
        const response = await send(row, "merchantA", baseURL!, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
        expect(response.status()).toBe(403);
        expect((await response.json()).error.code).toBe("forbidden");
      });
    }
    if (method === "ACTION") {
      test(`${row.key} refuses a cross-site call`, async ({ baseURL }) => {
        const response = await send(row, "merchantA", baseURL!, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
        expect(response.status()).toBeGreaterThanOrEqual(400);
        expect(response.headers()["set-cookie"] ?? "").toBe("");
      });
    }
  }
});

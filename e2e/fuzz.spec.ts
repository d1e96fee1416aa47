import fc from "fast-check";
import { accessTable } from "./access/table";
import { encodeActionArgs, hostileBody, hostileString, hostileValue } from "./access/hostile";
import { serverActionId } from "./access/scan";
import { accounts, expect, storageStateFor, test } from "./fixtures";

// Random and hostile input to every form and route handler: only clean answers (a 2xx/3xx, or a
// 4xx with a JSON error), never a 500. Each property runs a few dozen cases per test run. Query
// strings stay short: Node itself refuses oversized URLs before any handler sees them.
const runs = Number(process.env.FUZZ_RUNS ?? 30);

test.describe("hostile input", () => {
  test("the sign-in form's endpoint answers every input cleanly", async ({ playwright, baseURL }) => {
    // Its own client address, so these failures do not rate-limit the other specs.
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "192.0.2.201" } });
    const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (email, password) => {
        const response = await api.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
        expect(response.status()).toBeLessThan(500);
        const error = new URL((await response.json()).url, baseURL).searchParams.get("error");
        expect(["CredentialsSignin", "RateLimited"]).toContain(error);
      }),
      { numRuns: runs },
    );
    // And the account whose email was fuzzed around still signs in.
    const fresh = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "192.0.2.202" } });
    const token = (await (await fresh.get("/api/auth/csrf")).json()).csrfToken;
    const ok = await fresh.post("/api/auth/callback/credentials", { form: { csrfToken: token, email: accounts["other-merchant"].email, password: accounts["other-merchant"].password, json: "true" } });
    expect(new URL((await ok.json()).url, baseURL).searchParams.get("error")).toBeNull();
    await Promise.all([api.dispose(), fresh.dispose()]);
  });

  test("server actions answer every argument cleanly", async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL, storageState: storageStateFor("merchant") });
    test.setTimeout(240_000);
    for (const row of accessTable.filter((r) => r.key.startsWith("ACTION ") && !r.noFuzz)) {
      const [file, name] = row.key.slice("ACTION ".length).split("#") as [string, string];
      const action = serverActionId(file, name);
      await fc.assert(
        fc.asyncProperty(fc.array(hostileValue, { maxLength: 3 }), async (args) => {
          const response = await api.post(action.page, {
            headers: { origin: baseURL!, "next-action": action.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
            data: JSON.stringify(encodeActionArgs(args)),
            maxRedirects: 0,
          });
          expect(response.status(), `${row.key} ${JSON.stringify(args).slice(0, 200)}`).toBeLessThan(500);
        }),
        { numRuns: runs },
      );
    }
    await api.dispose();
  });

  test("route handlers answer every body and query cleanly", async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL, storageState: storageStateFor("merchant") });
    test.setTimeout(240_000);
    const handlers = accessTable.filter((r) => /^(GET|POST|PUT|PATCH|DELETE) /.test(r.key) && !r.key.includes("/api/auth/") && !r.noFuzz);
    expect(handlers.length).toBeGreaterThan(0);
    for (const row of handlers) {
      const [method, route] = row.key.split(" ") as [string, string];
      const url = typeof row.url === "string" ? row.url : route;
      await fc.assert(
        fc.asyncProperty(hostileBody, fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), hostileString.filter((v) => v.length < 500), { maxKeys: 3 }), async (body, query) => {
          const target = `${url}${url.includes("?") ? "&" : "?"}${new URLSearchParams(query).toString()}`;
          const response = await api.fetch(target, {
            method,
            headers: { origin: baseURL!, "content-type": body.contentType },
            data: method === "GET" ? undefined : body.data,
            maxRedirects: 0,
          });
          const label = `${row.key} ${body.data.slice(0, 120)}`;
          expect(response.status(), label).toBeLessThan(500);
          // Webhooks and the sandbox answer in the provider's and WeChat's own formats.
          if (response.status() >= 400 && row.key.includes(" /api/") && !row.crossSite) {
            const json = await response.json();
            expect(typeof json.error?.code, label).toBe("string");
            expect(typeof json.error?.message, label).toBe("string");
          }
        }),
        { numRuns: runs },
      );
    }
    await api.dispose();
  });
});

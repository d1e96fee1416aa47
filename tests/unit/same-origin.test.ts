import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "@/lib/security/same-origin";
import { routeHandler } from "@/lib/server/route";

const trusted = ["http://localhost:3000"];
const request = (method: string, headers: Record<string, string> = {}, url = "http://localhost:3000/api/thing") => new Request(url, { method, headers });

describe("isCrossSiteRequest", () => {
  it("lets reads through from anywhere", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(isCrossSiteRequest(request(method, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }), trusted)).toBe(false);
  });

  it("refuses writes whose Origin is another site, or null", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isCrossSiteRequest(request(method, { origin: "https://evil.example" }), trusted)).toBe(true);
      expect(isCrossSiteRequest(request(method, { origin: "null" }), trusted)).toBe(true);
      expect(isCrossSiteRequest(request(method, { origin: "http://localhost:3001" }), trusted)).toBe(true);
      expect(isCrossSiteRequest(request(method, { origin: "http://localhost:3000.evil.example" }), trusted)).toBe(true);
    }
  });

  it("refuses writes the browser marks cross-site or same-site, whatever the Origin says", () => {
    expect(isCrossSiteRequest(request("POST", { "sec-fetch-site": "cross-site" }), trusted)).toBe(true);
    expect(isCrossSiteRequest(request("POST", { "sec-fetch-site": "same-site", origin: "http://localhost:3000" }), trusted)).toBe(true);
  });

  it("accepts same-origin writes, by the configured URL or the request's own host", () => {
    expect(isCrossSiteRequest(request("POST", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }), trusted)).toBe(false);
    expect(isCrossSiteRequest(request("POST", { origin: "HTTP://LOCALHOST:3000" }), trusted)).toBe(false);
    expect(isCrossSiteRequest(request("POST", { origin: "https://console.example.com" }, "https://console.example.com/api/x"), trusted)).toBe(false);
  });

  it("accepts writes from clients that are not browsers (no Origin, no Sec-Fetch-Site)", () => {
    expect(isCrossSiteRequest(request("POST"), trusted)).toBe(false);
  });
});

describe("routeHandler", () => {
  it("answers 403 forbidden to a cross-site write without running the handler", async () => {
    let ran = 0;
    const handle = routeHandler(async () => {
      ran += 1;
      return Response.json({ ok: true });
    });
    const refused = await handle(request("POST", { origin: "https://evil.example" }, "http://localhost:3000/api/thing"), {});
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "forbidden", message: "Cross-site requests are not accepted." } });
    expect(ran).toBe(0);
    const accepted = await handle(request("POST", { origin: "http://localhost:3000" }), {});
    expect(accepted.status).toBe(200);
    expect(ran).toBe(1);
  });

  it("lets signed webhooks opt out", async () => {
    const handle = routeHandler(async () => Response.json({ ok: true }), { allowCrossSite: true });
    expect((await handle(request("POST", { origin: "https://provider.example", "sec-fetch-site": "cross-site" }), {})).status).toBe(200);
  });
});

import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

const origin = "https://console.example.com";

describe("safeCallbackPath (where sign-in sends the user)", () => {
  it("keeps a path on the console, with its query and fragment", () => {
    expect(safeCallbackPath("/payments?status=PENDING#top", origin)).toBe("/payments?status=PENDING#top");
    expect(safeCallbackPath(["/withdrawals", "/evil"], origin)).toBe("/withdrawals");
  });

  it("refuses paths a browser resolves to another host", () => {
    for (const hostile of [
      decodeURIComponent("%2F%5Cevil.example%2Fphish"),
      "/\tevil.example/phish",
      "/\t/evil.example",
      "/\\\\evil.example",
      "//evil.example/phish",
      "/\n/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
    ]) {
      const path = safeCallbackPath(hostile, origin);
      expect(new URL(path, origin).origin, hostile).toBe(origin);
      expect(path.startsWith("//") || path.startsWith("/\\"), hostile).toBe(false);
    }
    expect(safeCallbackPath(decodeURIComponent("%2F%5Cevil.example%2Fphish"), origin)).toBe("/");
  });

  it("collapses a doubled slash that would read as a host when assigned alone", () => {
    expect(safeCallbackPath("/.//evil.example", origin)).toBe("/evil.example");
  });

  it("never loops back to the login page", () => {
    expect(safeCallbackPath("/login?callbackUrl=/payments", origin)).toBe("/");
    expect(safeCallbackPath(undefined, origin)).toBe("/");
  });
});

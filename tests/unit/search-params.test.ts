import { describe, expect, it } from "vitest";
import { firstValues } from "@/lib/server/search-params";

describe("firstValues", () => {
  it("keeps the first of repeated keys and drops blanks", () => {
    expect(firstValues({ status: ["pending_review", "finished"], q: "", after: undefined, type: "2" })).toEqual({ status: "pending_review", type: "2" });
  });
});

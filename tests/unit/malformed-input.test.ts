import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { decodeCursor } from "@/lib/pagination/cursor";
import { malformedPaymentFilters, parsePaymentFilters } from "@/lib/payments/filters";
import { queueFilterSchema } from "@/lib/review/queue";
import { describeError } from "@/lib/server/route";
import { JsonTooDeepError, calendarDay, parseJsonBounded } from "@/lib/validation/params";

describe("malformed query parameters and bodies", () => {
  it("a day must exist", () => {
    for (const day of ["2026-13-45", "2026-02-30", "2025-02-29", "0000-01-01", "2026-1-1"]) expect(calendarDay.safeParse(day).success, day).toBe(false);
    for (const day of ["2026-02-28", "2024-02-29", "2026-12-31"]) expect(calendarDay.safeParse(day).success, day).toBe(true);
  });

  it("payment filters drop a date that does not exist and text with NUL, and name them for an API", () => {
    const params = new URLSearchParams({ from: "2026-13-45", to: "2026-02-30", q: "abc\u0000", status: "PENDING" });
    const filters = parsePaymentFilters(params);
    expect(filters).toMatchObject({ from: undefined, to: undefined, q: undefined, status: "PENDING" });
    expect(malformedPaymentFilters(params, filters)).toEqual({ from: "validation.date", to: "validation.date", q: "validation.invalid" });
  });

  it("a cursor whose id is not a UUID is no cursor", () => {
    const token = (id: string) => Buffer.from(`2026-01-01T00:00:00.000Z|${id}`).toString("base64url");
    expect(decodeCursor(token("-".repeat(36)))).toBeNull();
    expect(decodeCursor(token("ffffffff-ffff-ffff-ffff-fffffffffff"))).toBeNull();
    expect(decodeCursor(token("0b8f6c62-6f6e-4f1a-9f52-2d8f4c1e9a10"))).toMatchObject({ id: "0b8f6c62-6f6e-4f1a-9f52-2d8f4c1e9a10" });
  });

  it("the review queue drops 2026-02-30 and NUL search text", () => {
    expect(queueFilterSchema.parse({ from: "2026-02-30", to: "2026-02-28", q: "\u0000" })).toMatchObject({ from: undefined, to: "2026-02-28", q: undefined });
  });

  it("a body nested 100,000 deep is refused before parsing; ordinary drafts parse", () => {
    expect(() => parseJsonBounded("[".repeat(100_000) + "]".repeat(100_000))).toThrow(JsonTooDeepError);
    expect(() => parseJsonBounded(`{"values":${'{"a":'.repeat(40)}1${"}".repeat(40)}}`)).toThrow(JsonTooDeepError);
    // Brackets inside strings are text, not nesting.
    expect(parseJsonBounded(JSON.stringify({ version: 1, values: { note: "[[[[".repeat(100), photos: [{ media_id: "m" }] } }))).toMatchObject({ version: 1 });
  });

  it("never logs a failed query's SQL or parameters", () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "310101199001011234"'), { code: "22P02" });
    const error = new DrizzleQueryError("select * from users where id = $1", ["310101199001011234"], cause);
    const logged = JSON.stringify(describeError(error));
    expect(logged).not.toContain("310101199001011234");
    expect(logged).not.toContain("select");
    expect(describeError(error)).toEqual({ kind: "query_failed", code: "22P02" });
  });
});

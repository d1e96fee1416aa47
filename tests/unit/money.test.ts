import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { feeFor, formatDecimalAmount, parseDecimalAmount } from "@/lib/money/money";
import { parseProviderTime } from "@/lib/payments/provider";

describe("decimal amounts", () => {
  it("parses the provider's strings exactly into minor units", () => {
    expect(parseDecimalAmount("1", "HKD")).toBe(100);
    expect(parseDecimalAmount("12.5", "CNY")).toBe(1250);
    expect(parseDecimalAmount("0.1", "CNY") + parseDecimalAmount("0.2", "CNY")).toBe(30);
    expect(parseDecimalAmount("19.99", "CNY")).toBe(1999);
    expect(parseDecimalAmount("1.10", "CNY")).toBe(110);
    expect(parseDecimalAmount("0.290", "CNY")).toBe(29);
    expect(parseDecimalAmount("1000", "JPY")).toBe(1000);
    expect(parseDecimalAmount("90071992547409.91", "CNY")).toBe(9007199254740991);
  });

  it("refuses what is not an exact amount", () => {
    for (const bad of ["", "-1", "1e3", "1.005", "0x10", " 1 2", "1.", ".5", "NaN", "90071992547409.92"]) {
      expect(() => parseDecimalAmount(bad, "CNY"), bad).toThrow(RangeError);
    }
    expect(() => parseDecimalAmount("1.5", "JPY")).toThrow(RangeError);
    expect(() => parseDecimalAmount("1", "XXX")).toThrow(RangeError);
  });

  it("round-trips every safe minor amount through the decimal string", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (minor) => parseDecimalAmount(formatDecimalAmount(minor, "CNY"), "CNY") === minor));
    expect(formatDecimalAmount(5, "CNY")).toBe("0.05");
    expect(formatDecimalAmount(-1250, "HKD")).toBe("-12.50");
  });

  it("charges the fee in basis points, rounded half up", () => {
    expect(feeFor(10000, 60)).toBe(60);
    expect(feeFor(83, 60)).toBe(0);
    expect(feeFor(84, 60)).toBe(1);
    expect(feeFor(1999, 60)).toBe(12);
  });

  it("reads the provider's nanosecond times", () => {
    expect(parseProviderTime("2023-08-31T04:44:05.928696203+08:00").toISOString()).toBe("2023-08-30T20:44:05.928Z");
  });
});

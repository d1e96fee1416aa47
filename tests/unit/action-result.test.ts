import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, reasons } from "@/lib/errors";
import { locales } from "@/lib/i18n/config";
import { messagesByLocale } from "@/lib/i18n/messages";
import { failureOf } from "@/lib/server/action";

describe("action results", () => {
  it("keep an AppError's domain reason, its field messages and the values its sentence names", () => {
    const error = new AppError("rate_limited", "Too many changes today.", undefined, { reason: "settlement.daily_limit", values: { max: 5 } });
    expect(failureOf(error, "test")).toEqual({ ok: false, reason: "settlement.daily_limit", values: { max: 5 } });
    const over = new AppError("validation_failed", "Over balance.", { amount: "funds.validation.amountOverBalance" }, { reason: "withdrawal.over_balance" });
    expect(failureOf(over, "test")).toEqual({ ok: false, reason: "withdrawal.over_balance", fields: { amount: "funds.validation.amountOverBalance" } });
  });

  it("give an AppError without a domain reason the reason of its code", () => {
    expect(failureOf(new AppError("not_found", "Gone."), "test")).toEqual({ ok: false, reason: "not_found" });
    expect(failureOf(new AppError("validation_failed", "Bad.", { note: "review.errors.noteRequired" }), "test")).toEqual({ ok: false, reason: "invalid", fields: { note: "review.errors.noteRequired" } });
  });

  it("turn a zod error into one message per field path, the first issue winning", () => {
    const schema = z.object({ amount: z.string().min(1, "funds.validation.amountFormat").max(2, "second"), account: z.object({ number: z.string({ error: "validation.required" }) }) });
    const parsed = schema.safeParse({ amount: "", account: {} });
    expect(parsed.success).toBe(false);
    expect(failureOf(parsed.error, "test")).toEqual({ ok: false, reason: "invalid", fields: { amount: "funds.validation.amountFormat", "account.number": "validation.required" } });
  });

  it("reveal nothing of an unexpected error", () => {
    const failure = failureOf(new Error("relation \"secrets\" does not exist"), "test");
    expect(failure).toEqual({ ok: false, reason: "failed" });
  });

  it("let Next's control-flow errors (redirect, notFound) through", () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/login;307;" });
    expect(() => failureOf(redirect, "test")).toThrow("NEXT_REDIRECT");
  });

  it("have a sentence for every reason in every language", () => {
    for (const locale of locales) {
      const errors = messagesByLocale[locale].errors as Record<string, unknown>;
      for (const reason of reasons) {
        const message = reason.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors);
        expect(typeof message, `${locale} errors.${reason}`).toBe("string");
      }
    }
  });
});

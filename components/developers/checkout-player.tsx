"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useFailureMessage } from "@/components/action/use-failure-message";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ActionResult } from "@/lib/server/action-result";
import { LiveFieldset } from "@/components/form/live-fieldset";

type Payment = { id: string; status: string; next_action: Record<string, string> | null };

/**
 * Plays the Mini Program against the sandbox: wx.login (a sandbox code), then the merchant's back
 * end's call to POST /api/v1/payments with the pasted API key, then "pay" in the sandbox provider.
 */
export function CheckoutPlayer({ loginAction, payAction }: {
  loginAction: (input: Record<string, never>) => Promise<ActionResult<{ code: string }>>;
  payAction: (input: { paymentId: string; outcome: "SUCCEEDED" | "CANCELLED" }) => Promise<ActionResult<{ status: "SUCCEEDED" | "CANCELLED" }>>;
}) {
  const t = useTranslations("developers.checkout");
  const failureMessage = useFailureMessage();
  const [apiKey, setApiKey] = useState("");
  const [amount, setAmount] = useState("12.50");
  const [description, setDescription] = useState(t("defaultDescription"));
  const [payment, setPayment] = useState<Payment | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, start] = useTransition();

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    start(async () => {
      setNotice(null);
      const login = await loginAction({});
      if (!login.ok) return setNotice({ text: failureMessage(login), error: true });
      const orderId = `CK${Date.now()}`;
      const response = await fetch("/api/v1/payments", {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey.trim()}`, "content-type": "application/json", "idempotency-key": orderId },
        body: JSON.stringify({ amount, currency: "CNY", merchant_order_id: orderId, description, payer: { js_code: login.data.code } }),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) return setNotice({ text: t("failed", { message: body?.error?.message ?? response.status }), error: true });
      setPayment(body);
      setNotice({ text: t("payment", { id: body.id, status: body.status }), error: false });
    });
  };
  const settle = (outcome: "SUCCEEDED" | "CANCELLED") => start(async () => {
    const result = await payAction({ paymentId: payment!.id, outcome });
    setNotice(result.ok ? { text: t(outcome === "SUCCEEDED" ? "paid" : "cancelled"), error: false } : { text: failureMessage(result), error: true });
    if (result.ok) setPayment({ ...payment!, status: outcome });
  });

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={create} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <LiveFieldset disabled={pending} className="contents">
          <Field id="checkout-key" label={t("key")} hint={t("keyHint")} className="sm:col-span-2">
            <Input id="checkout-key" value={apiKey} autoComplete="off" spellCheck={false} onChange={(e) => setApiKey(e.target.value)} required />
          </Field>
          <Field id="checkout-amount" label={t("amount")}>
            <Input id="checkout-amount" value={amount} inputMode="decimal" onChange={(e) => setAmount(e.target.value)} required />
          </Field>
          <Field id="checkout-description" label={t("description")}>
            <Input id="checkout-description" value={description} maxLength={128} onChange={(e) => setDescription(e.target.value)} required />
          </Field>
          <div className="sm:col-span-2"><Button type="submit">{pending ? t("starting") : t("start")}</Button></div>
        </LiveFieldset>
      </form>
      <p role="status" className={notice?.error ? "text-sm text-red-700" : "text-sm text-slate-700"} data-testid="checkout-status">{notice?.text}</p>
      {payment?.next_action ? (
        <section aria-labelledby="next-action-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="next-action-title" className="text-lg font-semibold">{t("nextAction")}</h2>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-50 p-3 text-xs" data-testid="next-action">{JSON.stringify(payment.next_action, null, 2)}</pre>
          {payment.status === "PENDING" ? (
            <div className="mt-3 flex flex-wrap gap-3">
              <Button disabled={pending} onClick={() => settle("SUCCEEDED")}>{pending ? t("paying") : t("pay")}</Button>
              <Button variant="secondary" disabled={pending} onClick={() => settle("CANCELLED")}>{t("cancel")}</Button>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

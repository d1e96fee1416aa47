"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useActionMessage, useFieldMessage } from "@/components/action/use-failure-message";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { formatDateTime } from "@/lib/money/format";
import type { ActionResult } from "@/lib/server/action-result";
import { ShownOnce } from "./copy-button";
import { LiveFieldset } from "@/components/form/live-fieldset";

export type EndpointView = {
  id: string;
  url: string;
  deliveries: {
    id: string; eventId: string; type: string; status: "pending" | "succeeded" | "failed"; attempts: number; createdAt: string; nextAttemptAt: string | null;
    log: { id: string; createdAt: string; httpStatus: number | null; latencyMs: number; excerpt: string | null; error: string | null }[];
  }[];
};

const tone = { pending: "text-amber-800", succeeded: "text-brand-800", failed: "text-red-700" } as const;

/** Register endpoints (secret shown once), see every delivery and attempt, resend. */
export function WebhooksPanel({ endpoints, createAction, deleteAction, resendAction }: {
  endpoints: EndpointView[];
  createAction: (input: { url: string }) => Promise<ActionResult<{ secret: string }>>;
  deleteAction: (input: { id: string }) => Promise<ActionResult<null>>;
  resendAction: (input: { id: string }) => Promise<ActionResult<null>>;
}) {
  const t = useTranslations("developers.webhooks");
  const locale = useLocale();
  const router = useRouter();
  const failureMessage = useActionMessage("developers");
  const fieldMessage = useFieldMessage("developers");
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, start] = useTransition();

  const run = (action: () => Promise<ActionResult<unknown>>, done: "removed" | "resent") => start(async () => {
    const result = await action();
    setNotice(result.ok ? { text: t(done), error: false } : { text: failureMessage(result), error: true });
    router.refresh();
  });
  const add = (event: React.FormEvent) => {
    event.preventDefault();
    start(async () => {
      const result = await createAction({ url });
      if (result.ok) {
        setSecret(result.data.secret);
        setUrl("");
        setFieldError(undefined);
        setNotice(null);
        router.refresh();
      } else {
        setFieldError(result.fields?.url ? fieldMessage(result.fields.url) : undefined);
        setNotice({ text: failureMessage(result), error: true });
      }
    });
  };

  return (
    <section aria-labelledby="webhooks-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="webhooks-title" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("hint")}</p>
      <form onSubmit={add} className="mt-3 flex flex-wrap items-end gap-3">
        <LiveFieldset disabled={pending} className="contents">
          <Field id="webhook-url" label={t("url")} hint={t("urlHint")} error={fieldError} className="min-w-60 flex-1">
            <Input id="webhook-url" type="url" inputMode="url" value={url} placeholder="https://" onChange={(e) => setUrl(e.target.value)} aria-invalid={fieldError ? true : undefined} />
          </Field>
          <Button type="submit">{pending ? t("adding") : t("add")}</Button>
        </LiveFieldset>
      </form>
      {secret ? <ShownOnce value={secret} warning={t("created")} testId="new-webhook-secret" /> : null}
      <p role="status" className={notice?.error ? "mt-2 text-sm text-red-700" : "mt-2 text-sm text-slate-700"}>{notice?.text}</p>
      {endpoints.length === 0 ? <p className="mt-2 text-slate-600">{t("empty")}</p> : null}
      <ul className="mt-3 flex flex-col gap-4">
        {endpoints.map((endpoint) => (
          <li key={endpoint.id} className="rounded-md border border-slate-200 p-3" data-testid="webhook-endpoint">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <code className="break-all font-mono text-sm">{endpoint.url}</code>
              <Button variant="secondary" className="min-h-8 px-2 py-1" onClick={() => window.confirm(t("removeConfirm", { url: endpoint.url })) && run(() => deleteAction({ id: endpoint.id }), "removed")}>{t("remove")}</Button>
            </div>
            <h3 className="mt-3 text-sm font-semibold">{t("log")}</h3>
            {endpoint.deliveries.length === 0 ? <p className="text-sm text-slate-600">{t("noDeliveries")}</p> : (
              <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="webhook-log">
                {endpoint.deliveries.map((d) => (
                  <li key={d.id} className="py-2">
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <span className="font-mono">{d.type}</span>
                      <span className={tone[d.status]}>{t(`deliveryStatus.${d.status}`)}</span>
                      <span className="text-slate-600">{t("attempts")}: {d.attempts}</span>
                      {d.status === "pending" && d.nextAttemptAt ? <span className="text-slate-600">{t("nextAttempt")}: {formatDateTime(d.nextAttemptAt, locale)}</span> : null}
                      <Button variant="ghost" className="ml-auto min-h-8 px-2 py-1" onClick={() => run(() => resendAction({ id: d.id }), "resent")}>{t("resend")}</Button>
                    </div>
                    <p className="break-all text-xs text-slate-500">{t("eventId")}: <span className="font-mono">{d.eventId}</span></p>
                    <ul className="mt-1 text-xs text-slate-700">
                      {d.log.map((a) => (
                        <li key={a.id} className="flex flex-wrap gap-x-3">
                          <span>{formatDateTime(a.createdAt, locale)}</span>
                          <span>{t("attempt.status")}: {a.httpStatus ?? t("attempt.noAnswer")}</span>
                          <span>{t("attempt.latency")}: {t("attempt.ms", { ms: a.latencyMs })}</span>
                          {a.excerpt || a.error ? <span className="break-all font-mono">{(a.excerpt || a.error)!.slice(0, 120)}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

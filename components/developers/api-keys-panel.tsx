"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useActionMessage, useFieldMessage } from "@/components/action/use-failure-message";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { DataTable, type Column } from "@/components/ui/table";
import { formatDateTime } from "@/lib/money/format";
import type { ActionResult } from "@/lib/server/action-result";
import { ShownOnce } from "./copy-button";
import { LiveFieldset } from "@/components/form/live-fieldset";

export type ApiKeyRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** Create (shown once), list and revoke the merchant's API keys. */
export function ApiKeysPanel({ keys, perMinute, createAction, revokeAction }: {
  keys: ApiKeyRow[];
  perMinute: number;
  createAction: (input: { name: string }) => Promise<ActionResult<{ key: string }>>;
  revokeAction: (input: { id: string }) => Promise<ActionResult<null>>;
}) {
  const t = useTranslations("developers.keys");
  const locale = useLocale();
  const router = useRouter();
  const failureMessage = useActionMessage("developers");
  const fieldMessage = useFieldMessage("developers");
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [pending, start] = useTransition();

  const create = (event: React.FormEvent) => {
    event.preventDefault();
    start(async () => {
      const result = await createAction({ name });
      if (result.ok) {
        setCreated(result.data.key);
        setName("");
        setFieldError(undefined);
        setNotice(null);
        router.refresh();
      } else {
        setFieldError(result.fields?.name ? fieldMessage(result.fields.name) : undefined);
        setNotice({ text: failureMessage(result), error: true });
      }
    });
  };
  const revoke = (row: ApiKeyRow) => {
    if (!window.confirm(t("revokeConfirm", { name: row.name }))) return;
    start(async () => {
      const result = await revokeAction({ id: row.id });
      setNotice(result.ok ? { text: t("revokedDone"), error: false } : { text: failureMessage(result), error: true });
      router.refresh();
    });
  };

  const columns: Column<ApiKeyRow>[] = [
    { id: "name", header: t("name"), cell: (row) => <span className="font-medium">{row.name}</span>, phone: "key" },
    { id: "status", header: t("status"), cell: (row) => (row.revokedAt ? t("revoked") : t("active")), phone: "key" },
    { id: "prefix", header: t("prefix"), cell: (row) => <span className="font-mono">{row.prefix}…</span> },
    { id: "createdAt", header: t("createdAt"), cell: (row) => formatDateTime(row.createdAt, locale) },
    { id: "lastUsed", header: t("lastUsed"), cell: (row) => (row.lastUsedAt ? formatDateTime(row.lastUsedAt, locale) : t("never")) },
    {
      id: "revoke",
      header: <span className="sr-only">{t("revoke")}</span>,
      cell: (row) => (row.revokedAt ? null : <Button variant="secondary" className="min-h-8 px-2 py-1" onClick={() => revoke(row)}>{t("revoke")}</Button>),
      align: "right",
      phone: "key",
    },
  ];

  return (
    <section aria-labelledby="keys-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="keys-title" className="text-lg font-semibold">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("hint", { perMinute })}</p>
      <form onSubmit={create} className="mt-3 flex flex-wrap items-end gap-3">
        <LiveFieldset disabled={pending} className="contents">
          <Field id="api-key-name" label={t("name")} hint={t("nameHint")} error={fieldError} className="min-w-60 flex-1">
            <Input id="api-key-name" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} aria-invalid={fieldError ? true : undefined} />
          </Field>
          <Button type="submit">{pending ? t("creating") : t("create")}</Button>
        </LiveFieldset>
      </form>
      {created ? <ShownOnce value={created} warning={t("created")} testId="new-api-key" /> : null}
      <p role="status" className={notice?.error ? "mt-2 text-sm text-red-700" : "mt-2 text-sm text-slate-700"}>{created ? null : notice?.text}</p>
      {keys.length === 0 ? <p className="mt-2 text-slate-600">{t("empty")}</p> : (
        <div className="mt-3">
          <DataTable data={keys} columns={columns} getRowId={(k) => k.id} rowTestId="api-key-row" label={t("table")} />
        </div>
      )}
    </section>
  );
}

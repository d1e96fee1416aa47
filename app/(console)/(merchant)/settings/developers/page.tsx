import { getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/components/funds/auto-refresh";
import { ApiKeysPanel } from "@/components/developers/api-keys-panel";
import { SettingsTabs } from "@/components/developers/settings-tabs";
import { WebhooksPanel, type EndpointView } from "@/components/developers/webhooks-panel";
import { requireMerchantPage } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { apiRequestsPerMinute, listApiKeys } from "@/lib/payments/api-keys";
import { listWebhookEndpoints } from "@/lib/payments/webhooks-out/endpoints";
import { getDb } from "@/lib/runtime/db";
import { createApiKeyAction, createWebhookEndpointAction, deleteWebhookEndpointAction, resendDeliveryAction, revokeApiKeyAction } from "./actions";
import { PageHeader } from "@/components/ui/page-header";

export default async function DevelopersPage() {
  const actor = await requireMerchantPage();
  const t = await getTranslations("developers");
  const db = await getDb();
  const [keys, endpoints] = await Promise.all([listApiKeys(db, { merchantId: actor.merchantId }), listWebhookEndpoints(db, { merchantId: actor.merchantId })]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const endpointViews: EndpointView[] = endpoints.map((e) => ({
    id: e.id,
    url: e.url,
    deliveries: e.deliveries.map((d) => ({ id: d.id, eventId: d.eventId, type: d.type, status: d.status as EndpointView["deliveries"][number]["status"], attempts: d.attempts, createdAt: d.createdAt.toISOString(), nextAttemptAt: iso(d.nextAttemptAt), log: d.log.map((a) => ({ id: a.id, createdAt: a.createdAt.toISOString(), httpStatus: a.httpStatus, latencyMs: a.latencyMs, excerpt: a.excerpt, error: a.error })) })),
  }));
  const retrying = endpointViews.some((e) => e.deliveries.some((d) => d.status === "pending"));
  return (
    <section aria-labelledby="page-title" className="flex max-w-4xl flex-col gap-5">
      <AutoRefresh active={retrying} />
      <SettingsTabs current="developers" sandbox={getConfig().payments.sandbox} />
      <PageHeader title={t("title")} intro={t("intro")} />
      <ApiKeysPanel keys={keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt) }))} perMinute={apiRequestsPerMinute} createAction={createApiKeyAction} revokeAction={revokeApiKeyAction} />
      <WebhooksPanel endpoints={endpointViews} createAction={createWebhookEndpointAction} deleteAction={deleteWebhookEndpointAction} resendAction={resendDeliveryAction} />
    </section>
  );
}

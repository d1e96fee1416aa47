"use server";

import { after } from "next/server";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { merchants } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { AppError, isAppError } from "@/lib/errors";
import { createApiKey, revokeApiKey } from "@/lib/payments/api-keys";
import { deliverWebhooksNow, processNotificationsNow } from "@/lib/payments/app-provider";
import { getPayment } from "@/lib/payments/get-payment";
import { settleSandboxPayment } from "@/lib/payments/sandbox/notify";
import { createWebhookEndpoint, deleteWebhookEndpoint, resendDelivery } from "@/lib/payments/webhooks-out/endpoints";
import { merchantAction } from "@/lib/server/action";
import { getSandbox } from "@/lib/wechat";

// Anything but a UUID names none of the merchant's things: the same answer as someone else's.
const byId = z.object({ id: z.uuid().catch("") }).transform(({ id }) => {
  if (!id) throw new AppError("not_found", "Not found.");
  return { id };
});

function sandboxOnly(): never {
  throw new AppError("forbidden", "Only with the sandbox.", undefined, { reason: "sandbox_only" });
}

export const createApiKeyAction = merchantAction(z.object({ name: z.string().trim().min(1, "keys.nameRequired").max(64, "keys.nameRequired") }), async function createApiKeyAction({ name }, { actor, db }) {
  const { key } = await createApiKey(db, { merchantId: actor.merchantId, name, createdBy: actor.id });
  return { key };
});

export const revokeApiKeyAction = merchantAction(byId, async function revokeApiKeyAction({ id }, { actor, db }) {
  await revokeApiKey(db, { merchantId: actor.merchantId, id });
  return null;
});

export const createWebhookEndpointAction = merchantAction(z.object({ url: z.string().max(2048, "webhooks.errors.invalid_url") }), async function createWebhookEndpointAction({ url }, { actor, db }) {
  try {
    const created = await createWebhookEndpoint(db, dataKeyRing(), { merchantId: actor.merchantId, url, createdBy: actor.id, allowHttpLocalhost: getConfig().payments.webhooksAllowHttpLocalhost });
    return { secret: created.secret };
  } catch (error) {
    // The URL guard names why a URL is refused; the form shows it under the field.
    if (isAppError(error) && error.fields?.url) throw new AppError(error.code, error.message, { url: `webhooks.errors.${error.fields.url}` });
    throw error;
  }
});

export const deleteWebhookEndpointAction = merchantAction(byId, async function deleteWebhookEndpointAction({ id }, { actor, db }) {
  await deleteWebhookEndpoint(db, { merchantId: actor.merchantId, id });
  return null;
});

export const resendDeliveryAction = merchantAction(byId, async function resendDeliveryAction({ id }, { actor, db }) {
  const delivery = await resendDelivery(db, { merchantId: actor.merchantId, deliveryId: id });
  after(() => deliverWebhooksNow(db, delivery.eventId));
  return null;
});

/** Sandbox checkout: the Mini Program's wx.login, answered by the WeChat sandbox for the merchant's appid. */
export const sandboxLoginAction = merchantAction(z.object({}).catch({}), async function sandboxLoginAction(_input, { actor, db }) {
  const config = getConfig();
  const sandbox = config.payments.sandbox && config.wechat.sandbox ? getSandbox() : null;
  if (!sandbox) sandboxOnly();
  const [merchant] = await db.select({ miniProgram: merchants.miniProgram }).from(merchants).where(eq(merchants.id, actor.merchantId));
  return { code: await (await sandbox).mintLoginCode(merchant!.miniProgram.appid) };
});

/** Sandbox checkout: the shopper pays (or abandons); the sandbox provider notifies the console, signed. */
export const sandboxPayAction = merchantAction(z.object({ paymentId: z.uuid(), outcome: z.enum(["SUCCEEDED", "CANCELLED"]) }), async function sandboxPayAction({ paymentId, outcome }, { actor, db }) {
  if (!getConfig().payments.sandbox) sandboxOnly();
  const { payment } = await getPayment(db, { merchantId: actor.merchantId, id: paymentId });
  await settleSandboxPayment(db, dataKeyRing(), { orderId: payment.orderId, status: outcome });
  // The webhook answered first and processes after; finish now so the pages show it at once.
  await processNotificationsNow(db);
  after(() => deliverWebhooksNow(db));
  return { status: outcome };
});

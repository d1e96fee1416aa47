import type { KeyObject } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { PaymentsConfig } from "@/lib/config";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { paymentStatus } from "@/db/schema";
import { logger } from "@/lib/runtime/logger";
import { cachedProviderAuth, type ProviderAuth, type Transport } from "./provider-auth";
import { parsePublicKey } from "./signature";
import { sandboxPublicKey } from "./sandbox/keys";
import { metrics } from "@/lib/runtime/metrics";

/** Where the provider lives, how calls are authorised and how its notification signatures are checked. */
export type PaymentProvider = {
  baseUrl: string;
  publicKeyFor: (serial: string) => Promise<KeyObject | undefined>;
  timeoutMs?: number;
  /** Seed 003 "Step 0. Authentication": headers for every call; absent only in tests of other concerns. */
  auth?: ProviderAuth;
  /** Extra attempts, with exponential backoff, on 429, 5xx and network failures (queries only). */
  retries?: number;
  retryBaseMs?: number;
  /** How a request travels: the global fetch unless set (the console's own sandbox is called in process). */
  fetch?: Transport;
};

const configuredKeys = new Map<string, KeyObject>();

/**
 * The configured provider: a real one (key from config) or the app's own sandbox (key from its
 * table). `send` carries its calls and its token requests when they are not to go over HTTP.
 */
export function providerFor(db: Db, config: PaymentsConfig, ring: KeyRing, send?: Transport): PaymentProvider {
  return {
    baseUrl: config.providerUrl,
    auth: cachedProviderAuth(config.auth, send),
    fetch: send,
    retries: 3,
    publicKeyFor: async (serial) => {
      if (config.providerPublicKey && config.providerKeySerial === serial) {
        let key = configuredKeys.get(serial);
        if (!key) configuredKeys.set(serial, (key = parsePublicKey(config.providerPublicKey)));
        return key;
      }
      return config.sandbox ? sandboxPublicKey(db, ring, serial) : undefined;
    },
  };
}

/** The provider's times carry nanoseconds ("…05.928696203+08:00"); Date keeps milliseconds. */
export function parseProviderTime(value: string): Date {
  const date = new Date(value.replace(/(\.\d{3})\d+/, "$1"));
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a time: ${value}`);
  return date;
}

/** The `data` of a query answer, exactly the fields the provider documents (nothing else is asked for). */
export const providerPaymentSchema = z.object({
  order_id: z.string().min(1).max(64),
  merchant_order_id: z.string().min(1).max(32),
  amount: z.string().min(1).max(32),
  currency: z.string().length(3),
  status: z.enum(paymentStatus.enumValues),
  create_time: z.string().min(1),
  pay_time: z.string().min(1).nullish(),
});
export type ProviderPayment = z.infer<typeof providerPaymentSchema>;

/** `next_action.data` of a create answer: the arguments of wx.requestPayment (the provider's create-payment call). */
export const nextActionDataSchema = z.object({
  appId: z.string().min(1),
  timeStamp: z.string().min(1),
  nonceStr: z.string().min(1),
  package: z.string().min(1),
  signType: z.string().min(1),
  paySign: z.string().min(1),
});
export type NextActionData = z.infer<typeof nextActionDataSchema>;

/** The `data` of a create answer as the provider documents it (no pay_time yet). */
export const createdPaymentSchema = providerPaymentSchema.omit({ pay_time: true }).extend({
  next_action: z.object({ type: z.string(), data: nextActionDataSchema }),
});
export type CreatedPayment = z.infer<typeof createdPaymentSchema>;

/** The provider's envelope (as the provider documents it): `{code, data, message, rid}`; `rid` identifies the call in its logs. */
const envelopeSchema = z.object({ code: z.number(), data: z.unknown().optional(), message: z.string().optional(), rid: z.string().optional() });

export class ProviderError extends Error {
  override name = "ProviderError";
  /** `retryable`: worth asking again soon (429, 5xx, network); `permanent`: asking again will not help. */
  constructor(message: string, readonly permanent: boolean, readonly details: { status?: number; code?: number; rid?: string; retryAfterMs?: number; retryable?: boolean } = {}) {
    super(message);
  }
  get retryable(): boolean {
    return this.details.retryable ?? !this.permanent;
  }
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 30_000) : undefined;
}

async function callOnce(provider: PaymentProvider, path: string, body: unknown, refreshed = false): Promise<unknown> {
  let authHeaders: Record<string, string> = {};
  try {
    if (provider.auth) authHeaders = await provider.auth.headers();
  } catch (error) {
    throw new ProviderError(String((error as Error).message), false);
  }
  let response: Response;
  const started = performance.now();
  const observe = (status: string) => metrics().providerLatency.observe({ operation: path, status }, (performance.now() - started) / 1000);
  try {
    response = await (provider.fetch ?? fetch)(`${provider.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...authHeaders },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(provider.timeoutMs ?? 5000),
    });
  } catch (error) {
    observe("network");
    throw new ProviderError(`Provider unreachable: ${(error as Error).name}`, false);
  }
  observe(String(response.status));
  // A token the provider no longer accepts: fetch a new one and try once more.
  if (response.status === 401 && provider.auth && !refreshed) {
    await response.body?.cancel();
    provider.auth.invalidate();
    return callOnce(provider, path, body, true);
  }
  const parsed = envelopeSchema.safeParse(await response.json().catch(() => null));
  const rid = parsed.success ? parsed.data.rid : undefined;
  logger.info("payments.provider.answer", { path, status: response.status, code: parsed.success ? parsed.data.code : undefined, rid });
  const details = { status: response.status, code: parsed.success ? parsed.data.code : undefined, rid, retryAfterMs: retryAfterMs(response.headers.get("retry-after")) };
  // Too many requests and server errors pass: never treat them as a refusal.
  if (response.status === 429 || response.status >= 500) throw new ProviderError(`Provider answered ${response.status}${rid ? ` (rid ${rid})` : ""}`, false, details);
  if (!parsed.success) throw new ProviderError(`Provider answered ${response.status} without a valid body`, false, details);
  if (parsed.data.code !== 0) throw new ProviderError(`Provider code ${parsed.data.code}: ${parsed.data.message ?? ""}${rid ? ` (rid ${rid})` : ""}`, response.status >= 400 && response.status < 500, details);
  return parsed.data.data;
}

/**
 * One provider call. `retryOn` decides which failures are asked again (with exponential backoff
 * and the provider's Retry-After): a query may repeat anything transient; a create only what the
 * provider certainly did not process (429), since a repeated create after a lost answer would be
 * refused as a duplicate merchant_order_id.
 */
async function call(provider: PaymentProvider, path: string, body: unknown, retryOn: (error: ProviderError) => boolean): Promise<unknown> {
  const base = provider.retryBaseMs ?? 250;
  for (let attempt = 0; ; attempt++) {
    try {
      return await callOnce(provider, path, body);
    } catch (error) {
      if (!(error instanceof ProviderError) || attempt >= (provider.retries ?? 0) || !retryOn(error)) throw error;
      await sleep(error.details.retryAfterMs ?? base * 2 ** attempt);
    }
  }
}

/** POST /mch-api/v1/pa/payment_intents/query (the payment provider's Mini Program API document): the authoritative state of one payment. */
export async function queryPaymentIntent(provider: PaymentProvider, ids: { order_id?: string; merchant_order_id?: string }): Promise<ProviderPayment> {
  const data = await call(provider, "/mch-api/v1/pa/payment_intents/query", ids, (e) => e.retryable);
  const parsed = providerPaymentSchema.safeParse(data);
  if (!parsed.success) throw new ProviderError("Provider query answer is not a payment", true);
  return parsed.data;
}

/** The create request body exactly as the provider's create-payment call prints it. */
export type CreatePaymentIntent = {
  amount: string;
  currency: string;
  merchant_order_id: string;
  payment_method: { type: "wechat"; wechat: { flow: "mini_program"; sub_appid: string; sub_openid: string } };
  description: string;
  notify_url?: string;
};

/** POST /mch-api/v1/pa/payment_intents/create (the payment provider's Mini Program API document). */
export async function createPaymentIntent(provider: PaymentProvider, body: CreatePaymentIntent): Promise<CreatedPayment> {
  const data = await call(provider, "/mch-api/v1/pa/payment_intents/create", body, (e) => e.details.status === 429);
  const parsed = createdPaymentSchema.safeParse(data);
  if (!parsed.success) throw new ProviderError("Provider create answer is not a payment intent", true);
  return parsed.data;
}

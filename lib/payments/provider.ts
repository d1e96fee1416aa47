import type { KeyObject } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { PaymentsConfig } from "@/lib/config";
import { paymentStatus } from "@/db/schema";
import { parsePublicKey } from "./signature";
import { sandboxPublicKey } from "./sandbox/keys";

/** Where the provider lives and how its notification signatures are checked. */
export type PaymentProvider = {
  baseUrl: string;
  publicKeyFor: (serial: string) => Promise<KeyObject | undefined>;
  timeoutMs?: number;
};

const configuredKeys = new Map<string, KeyObject>();

/** The configured provider: a real one (key from config) or the app's own sandbox (key from its table). */
export function providerFor(db: Db, config: PaymentsConfig): PaymentProvider {
  return {
    baseUrl: config.providerUrl,
    publicKeyFor: async (serial) => {
      if (config.providerPublicKey && config.providerKeySerial === serial) {
        let key = configuredKeys.get(serial);
        if (!key) configuredKeys.set(serial, (key = parsePublicKey(config.providerPublicKey)));
        return key;
      }
      return config.sandbox ? sandboxPublicKey(db, serial) : undefined;
    },
  };
}

/** The provider's times carry nanoseconds ("…05.928696203+08:00"); Date keeps milliseconds. */
export function parseProviderTime(value: string): Date {
  const date = new Date(value.replace(/(\.\d{3})\d+/, "$1"));
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a time: ${value}`);
  return date;
}

export const providerPaymentSchema = z.object({
  order_id: z.string().min(1).max(64),
  merchant_order_id: z.string().min(1).max(32),
  amount: z.string().min(1).max(32),
  currency: z.string().length(3),
  status: z.enum(paymentStatus.enumValues),
  create_time: z.string().min(1),
  pay_time: z.string().min(1).nullish(),
  description: z.string().nullish(),
  // The sub-merchant the payment belongs to (WeChat's sub_mch_id; the sandbox uses our merchant id).
  sub_merchant_id: z.string().min(1),
});
export type ProviderPayment = z.infer<typeof providerPaymentSchema>;

const envelopeSchema = z.object({ code: z.number(), message: z.string().optional(), data: z.unknown().optional() });

export class ProviderError extends Error {
  override name = "ProviderError";
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

async function call(provider: PaymentProvider, path: string, body: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${provider.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(provider.timeoutMs ?? 5000),
    });
  } catch (error) {
    throw new ProviderError(`Provider unreachable: ${(error as Error).name}`, false);
  }
  const parsed = envelopeSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new ProviderError(`Provider answered ${response.status} without a valid body`, false);
  if (parsed.data.code !== 0) throw new ProviderError(`Provider code ${parsed.data.code}: ${parsed.data.message ?? ""}`, response.status >= 400 && response.status < 500);
  return parsed.data.data;
}

/** POST /mch-api/v1/pa/payment_intents/query (seed 003): the authoritative state of one payment. */
export async function queryPaymentIntent(provider: PaymentProvider, ids: { order_id?: string; merchant_order_id?: string }): Promise<ProviderPayment> {
  const data = await call(provider, "/mch-api/v1/pa/payment_intents/query", ids);
  const parsed = providerPaymentSchema.safeParse(data);
  if (!parsed.success) throw new ProviderError("Provider query answer is not a payment", true);
  return parsed.data;
}

export type CreatePaymentIntent = {
  amount: string;
  currency: string;
  merchant_order_id: string;
  description: string;
  notify_url?: string;
  sub_merchant_id: string;
};

/** POST /mch-api/v1/pa/payment_intents/create (seed 003). */
export async function createPaymentIntent(provider: PaymentProvider, body: CreatePaymentIntent): Promise<ProviderPayment> {
  const data = await call(provider, "/mch-api/v1/pa/payment_intents/create", body);
  const parsed = providerPaymentSchema.safeParse(data);
  if (!parsed.success) throw new ProviderError("Provider create answer is not a payment", true);
  return parsed.data;
}

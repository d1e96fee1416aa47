import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import type { PaymentsConfig } from "@/lib/config";
import { oauthClientCredentials } from "@/lib/payments/provider-auth";
import { providerFor, type PaymentProvider } from "@/lib/payments/provider";
import { sandboxKeyPair } from "@/lib/payments/sandbox/keys";
import { sandboxProviderHandler } from "@/lib/payments/sandbox/provider-handler";
import { serve } from "./http";
import { testKeyRing } from "./wechat-sandbox";

export type ProviderSandbox = {
  url: string;
  config: PaymentsConfig;
  provider: PaymentProvider;
  /** How many requests reached a path ending so (faults included). */
  count: (pathEnd: string) => number;
  /** The next requests to a path ending so answer these HTTP statuses (in the envelope) instead. */
  failNext: (pathEnd: string, ...statuses: number[]) => void;
  close: () => Promise<void>;
};

/** The sandbox provider on a loopback port with its own client credentials, and a client for it. */
export async function startProviderSandbox(db: Db, options: { notifyUrl?: string } = {}): Promise<ProviderSandbox> {
  const clientId = "test-client";
  const clientSecret = randomBytes(16).toString("hex");
  const handler = sandboxProviderHandler({ getDb: async () => db, ring: () => testKeyRing, clientId, clientSecret });
  const seen: string[] = [];
  const faults: { pathEnd: string; status: number }[] = [];
  const server = await serve(async (request) => {
    const path = new URL(request.url).pathname;
    seen.push(path);
    const fault = faults.findIndex((f) => path.endsWith(f.pathEnd));
    if (fault >= 0) {
      const { status } = faults.splice(fault, 1)[0]!;
      return Response.json({ code: status * 100, message: "injected", rid: randomBytes(8).toString("hex") }, { status });
    }
    return handler(request);
  });
  // The signing key is made once per database; made here, its cost is not charged to the first call's timeout.
  await sandboxKeyPair(db, testKeyRing);
  const providerUrl = `${server.url}/sandbox/provider`;
  const config: PaymentsConfig = {
    providerUrl,
    providerPublicKey: undefined,
    providerKeySerial: undefined,
    sandbox: true,
    // A sandbox on its own test server, called over HTTP like a real provider.
    ownSandbox: false,
    sandboxWithdrawalSeconds: 0,
    sandboxAccountVerifySeconds: 0,
    settlementDelayHours: 0,
    auth: { kind: "oauth2_client_credentials", tokenUrl: `${providerUrl}/oauth/token`, clientId, clientSecret },
    pendingTimeoutMinutes: 120,
    notifyUrl: options.notifyUrl ?? "http://127.0.0.1:9/api/webhooks/payments",
    webhooksAllowHttpLocalhost: true,
  };
  // Its own token cache (not the process-wide one), and short backoff for tests.
  const provider: PaymentProvider = { ...providerFor(db, config, testKeyRing), auth: oauthClientCredentials(config.auth), retryBaseMs: 10, timeoutMs: 15_000 };
  return {
    url: server.url,
    config,
    provider,
    count: (pathEnd) => seen.filter((p) => p.endsWith(pathEnd)).length,
    failNext: (pathEnd, ...statuses) => faults.push(...statuses.map((status) => ({ pathEnd, status }))),
    close: server.close,
  };
}

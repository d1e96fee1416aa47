import { z } from "zod";
import type { ProviderAuthConfig } from "@/lib/config";
import { logger } from "@/lib/runtime/logger";

/**
 * How calls to the provider are authorised (OAuth 2 client credentials, as the provider documents them). A small adapter so
 * that a provider with another scheme (a signed request, an API key header) is one more kind.
 */
export type ProviderAuth = {
  /** Headers to add to every call. */
  headers: () => Promise<Record<string, string>>;
  /** The provider refused the current credentials (401): the next call fetches new ones. */
  invalidate: () => void;
};


/**
 * The token answer: RFC 6749 §5.1 (https://datatracker.ietf.org/doc/html/rfc6749#section-5.1),
 * plain or inside the provider's `{code, data, message, rid}` envelope; both spellings are read.
 */
const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive(), token_type: z.string().optional() });
const tokenAnswerSchema = z.union([tokenSchema, z.object({ code: z.literal(0), data: tokenSchema, rid: z.string().optional() }).transform((v) => v.data)]);

/** Refresh this long before the provider's expiry, so a call never carries a token that expires in flight. */
const earlyRefreshSeconds = 60;

export class ProviderAuthError extends Error {
  override name = "ProviderAuthError";
}

/**
 * OAuth 2.0 client credentials grant (https://datatracker.ietf.org/doc/html/rfc6749#section-4.4):
 * POST form `grant_type=client_credentials` with client_id and client_secret in the body
 * (§2.3.1, https://datatracker.ietf.org/doc/html/rfc6749#section-2.3.1) → `{access_token, expires_in}`;
 * every call sends `Authorization: Bearer <token>` (RFC 6750 §2.1,
 * https://datatracker.ietf.org/doc/html/rfc6750#section-2.1). The token is cached and fetched
 * once for all concurrent callers.
 */
export function oauthClientCredentials(config: ProviderAuthConfig, now: () => number = Date.now, send: Transport = fetch): ProviderAuth {
  let current: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    let response: Response;
    try {
      response = await send(config.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: config.clientId, client_secret: config.clientSecret }).toString(),
        signal: AbortSignal.timeout(config.timeoutMs ?? 5000),
      });
    } catch (error) {
      throw new ProviderAuthError(`Provider token endpoint unreachable: ${(error as Error).name}`);
    }
    const parsed = tokenAnswerSchema.safeParse(await response.json().catch(() => null));
    if (!response.ok || !parsed.success) throw new ProviderAuthError(`Provider token endpoint answered ${response.status}`);
    const lifetime = parsed.data.expires_in;
    current = { token: parsed.data.access_token, refreshAt: now() + Math.max(lifetime - earlyRefreshSeconds, lifetime / 2) * 1000 };
    logger.info("payments.provider.token", { expiresIn: lifetime });
    return current.token;
  }

  async function token(): Promise<string> {
    if (current && now() < current.refreshAt) return current.token;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  }

  return {
    headers: async () => ({ authorization: `Bearer ${await token()}` }),
    invalidate: () => (current = undefined),
  };
}

/** How a request travels: the global fetch, or the console's own sandbox called in process. */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

const caches = new WeakMap<Transport, Map<string, ProviderAuth>>();

/** One adapter per configured provider, transport and process, so its token is shared by every call. */
export function cachedProviderAuth(config: ProviderAuthConfig, send: Transport = fetch): ProviderAuth {
  let cache = caches.get(send);
  if (!cache) caches.set(send, (cache = new Map()));
  const key = `${config.kind}|${config.tokenUrl}|${config.clientId}`;
  let auth = cache.get(key);
  if (!auth) cache.set(key, (auth = oauthClientCredentials(config, Date.now, send)));
  return auth;
}

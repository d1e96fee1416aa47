import type { WeChatClient } from "./client";

export type PlatformKey = { serial: string; publicKeyPem: string };

const cache = new WeakMap<WeChatClient, Promise<PlatformKey>>();

/**
 * The key sensitive fields are encrypted with: the configured WeChat platform key, or in sandbox
 * mode the sandbox's generated one, fetched once over HTTP like any other WeChat call.
 */
export function platformKey(client: WeChatClient, configured: { publicKeyPem?: string; serial?: string }): Promise<PlatformKey> {
  if (configured.publicKeyPem && configured.serial) return Promise.resolve({ serial: configured.serial, publicKeyPem: configured.publicKeyPem });
  let key = cache.get(client);
  if (!key) {
    key = client.sandboxPlatformKey().then((k) => ({ serial: k.serial, publicKeyPem: k.public_key }));
    key.catch(() => cache.delete(client));
    cache.set(client, key);
  }
  return key;
}

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** Keys for AES-256-GCM by key id, and the id new values are sealed with. */
export type KeyRing = { keys: Map<string, Buffer>; activeKeyId: string };

const VERSION = "v1";

/**
 * Seals a string as `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts), so every value names
 * the key that opens it and keys can rotate.
 */
export function sealString(ring: KeyRing, plaintext: string): string {
  const { kid, iv, tag, ciphertext } = seal(ring, Buffer.from(plaintext, "utf8"));
  return [VERSION, kid, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function openString(ring: KeyRing, sealed: string): string {
  const [version, kid, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !kid || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new Error("Not a sealed value");
  }
  return open(ring, kid, Buffer.from(iv, "base64url"), Buffer.from(tag, "base64url"), Buffer.from(ciphertext, "base64url")).toString("utf8");
}

/** Binary form for photos: 1-byte kid length, kid, 12-byte iv, 16-byte tag, ciphertext. */
export function sealBytes(ring: KeyRing, plaintext: Buffer): Buffer {
  const { kid, iv, tag, ciphertext } = seal(ring, plaintext);
  const kidBytes = Buffer.from(kid, "utf8");
  return Buffer.concat([Buffer.from([kidBytes.length]), kidBytes, iv, tag, ciphertext]);
}

export function openBytes(ring: KeyRing, sealed: Buffer): Buffer {
  const kidLength = sealed[0] ?? 0;
  const kid = sealed.subarray(1, 1 + kidLength).toString("utf8");
  const rest = sealed.subarray(1 + kidLength);
  return open(ring, kid, rest.subarray(0, 12), rest.subarray(12, 28), rest.subarray(28));
}

/** The key id a sealed value (string or bytes) was sealed with: what key rotation looks at. */
export function sealedKeyId(sealed: string | Buffer): string {
  if (typeof sealed === "string") return sealed.split(".")[1] ?? "";
  return sealed.subarray(1, 1 + (sealed[0] ?? 0)).toString("utf8");
}

export function isSealedString(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(`${VERSION}.`) && value.split(".").length === 5;
}

function seal(ring: KeyRing, plaintext: Buffer) {
  const key = ring.keys.get(ring.activeKeyId);
  if (!key) throw new Error(`Active data key ${ring.activeKeyId} is not configured`);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { kid: ring.activeKeyId, iv, tag: cipher.getAuthTag(), ciphertext };
}

function open(ring: KeyRing, kid: string, iv: Buffer, tag: Buffer, ciphertext: Buffer): Buffer {
  const key = ring.keys.get(kid);
  if (!key) throw new Error(`Data key ${kid} is not configured`);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

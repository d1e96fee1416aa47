import { createHash, generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sandboxKeys } from "@/db/schema";
import { openString, sealString, type KeyRing } from "@/lib/crypto/at-rest";

export type SandboxKeyPair = { serial: string; publicKeyPem: string; privateKeyPem: string };

const generate = promisify(generateKeyPair);

/** The sandbox's platform key pair, generated on first use and shared by every instance through the database. */
export async function sandboxKeyPair(db: Db, ring: KeyRing): Promise<SandboxKeyPair> {
  const existing = await db.select().from(sandboxKeys).where(eq(sandboxKeys.id, "platform"));
  if (existing[0]) return open(existing[0], ring);
  const { publicKey, privateKey } = await generate("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const serial = createHash("sha256").update(publicKey).digest("hex").slice(0, 40).toUpperCase();
  // Two instances may generate at once: the first insert wins and both read it back.
  await db
    .insert(sandboxKeys)
    .values({ id: "platform", serial, publicKeyPem: publicKey, privateKeySealed: sealString(ring, privateKey) })
    .onConflictDoNothing();
  const [row] = await db.select().from(sandboxKeys).where(eq(sandboxKeys.id, "platform"));
  return open(row!, ring);
}

function open(row: typeof sandboxKeys.$inferSelect, ring: KeyRing): SandboxKeyPair {
  return { serial: row.serial, publicKeyPem: row.publicKeyPem, privateKeyPem: openString(ring, row.privateKeySealed) };
}

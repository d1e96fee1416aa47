import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type DbHandle } from "@/db/client";
import { applicationRevisions, applications, mediaFiles, merchants } from "@/db/schema";
import { sealBytes, sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { createTestDb, testEngines } from "../helpers/db";
import { pgliteFolderBytes, plaintextFound, postgresDump } from "../helpers/raw-storage";

const ring: KeyRing = { keys: new Map([["k1", randomBytes(32)]]), activeKeyId: "k1" };
// Personal data as the wizard stores it; the lead's full-application test swaps in the wizard itself.
const personal = {
  id_card_name: "欧阳娜娜",
  id_card_number: "110101199003074518",
  id_card_address: "北京市东城区景山前街4号",
  mobile_phone: "13912345678",
  contact_email: "ouyang.nana@example.cn",
  account_name: "欧阳娜娜",
  account_number: "6222020200112233445",
};
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(4096)]);

async function writeApplication(handle: DbHandle) {
  const [merchant] = await handle.db
    .insert(merchants)
    .values({ name: "明文可见商户有限公司", miniProgram: { subject_name: "明文可见商户有限公司", nickname: "n", appid: "wx0", license_number: "L0" } })
    .returning();
  const [application] = await handle.db.insert(applications).values({ merchantId: merchant!.id, draftSealed: sealString(ring, JSON.stringify(personal)) }).returning();
  await handle.db.insert(applicationRevisions).values({ applicationId: application!.id, merchantId: merchant!.id, revision: 1, dataSealed: sealString(ring, JSON.stringify(personal)) });
  await handle.db.insert(mediaFiles).values({
    merchantId: merchant!.id, contentSealed: sealBytes(ring, photo), mimeType: "image/jpeg", byteSize: photo.length, width: 1, height: 1, mediaId: "m1", payMediaId: "p1",
  });
}

const probes = [...Object.values(personal), photo.subarray(0, 64)];

describe.each(testEngines)("raw storage on %s", (engine) => {
  it("holds no personal data or photo bytes in the clear, while the scan does see clear columns", async () => {
    let raw: Buffer;
    if (engine === "pglite") {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), "raw-storage-"));
      try {
        const handle = await openDatabase({ dataDir });
        await migrateDatabase(handle);
        await writeApplication(handle);
        await handle.close();
        raw = pgliteFolderBytes(dataDir);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    } else {
      const t = await createTestDb("postgres");
      try {
        await writeApplication(t);
        raw = postgresDump(t.url!);
      } finally {
        await t.destroy();
      }
    }
    expect(plaintextFound(raw, ["明文可见商户有限公司"])).toEqual(["明文可见商户有限公司"]);
    expect(plaintextFound(raw, probes)).toEqual([]);
    // A fresh PGlite folder on disk takes a while to create on a busy machine.
  }, 180_000);
});

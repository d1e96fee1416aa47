import type { Engine } from "@/db/client";
import { DEMO_MERCHANT_ID, seedDemoData } from "@/db/seed";
import type { UploadedMedia } from "@/lib/media/types";
import { uploadPhoto } from "@/lib/media/upload-photo";
import { createTestDb, type TestDb } from "./db";
import { startSandboxServer, type SandboxServer } from "./wechat-sandbox";

export type UploadTestbed = { t: TestDb; s: SandboxServer; user: string; upload: (bytes: Buffer) => Promise<UploadedMedia>; close: () => Promise<void> };

/** A database with the demo merchants and the WeChat sandbox on a port; `upload` sends a photo as the demo owner. */
export async function uploadTestbed(engine: Engine): Promise<UploadTestbed> {
  const t = await createTestDb(engine);
  await seedDemoData(t.db, async () => "$2b$11$notarealhashnotarealhashnotarealhashnotarealhashnot");
  const user = (await t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.merchantId, DEMO_MERCHANT_ID) }))!.id;
  const s = await startSandboxServer(t.db);
  return {
    t,
    s,
    user,
    upload: (bytes) => uploadPhoto(t.db, s.client(), { merchantId: DEMO_MERCHANT_ID, userId: user, bytes }),
    close: async () => {
      await s.close();
      await t.destroy();
    },
  };
}

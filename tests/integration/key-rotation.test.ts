import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { applicationRevisions, applications, mediaFiles, merchants } from "@/db/schema";
import { openBytes, openString, sealBytes, sealString, sealedKeyId, type KeyRing } from "@/lib/crypto/at-rest";
import { rotateSealedColumns, sealedKeyCensus } from "@/lib/crypto/rotate";
import { sealedColumns } from "@/lib/crypto/sealed-columns";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const oldRing: KeyRing = { keys: new Map([["k1", k1]]), activeKeyId: "k1" };
const rotatingRing: KeyRing = { keys: new Map([["k1", k1], ["k2", k2]]), activeKeyId: "k2" };
const newOnlyRing: KeyRing = { keys: new Map([["k2", k2]]), activeKeyId: "k2" };

const N = 12;
const draft = (i: number) => JSON.stringify({ id_card_name: `李${i}明`, id_card_number: `11010119900101${String(1000 + i)}` });
const photo = (i: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(2000, i)]);

describe.each(testEngines)("key rotation on %s", (engine) => {
  let t: TestDb;
  const applicationIds: string[] = [];

  beforeAll(async () => {
    t = await createTestDb(engine);
    for (let i = 0; i < N; i++) {
      const [merchant] = await t.db
        .insert(merchants)
        .values({ name: `商户${i}`, miniProgram: { subject_name: `商户${i}`, nickname: "n", appid: `wx${i}`, license_number: `L${i}` } })
        .returning();
      const [application] = await t.db.insert(applications).values({ merchantId: merchant!.id, draftSealed: sealString(oldRing, draft(i)) }).returning();
      applicationIds.push(application!.id);
      await t.db.insert(applicationRevisions).values({ applicationId: application!.id, merchantId: merchant!.id, revision: 1, dataSealed: sealString(oldRing, draft(i)) });
      await t.db.insert(mediaFiles).values({
        merchantId: merchant!.id, contentSealed: sealBytes(oldRing, photo(i)), mimeType: "image/png", byteSize: 2004, width: 1, height: 1, mediaId: `m${i}`, payMediaId: `p${i}`,
      });
    }
  });
  afterAll(async () => t?.destroy());

  it("covers every sealed column the schema has", async () => {
    // Any column named *_sealed must be in the registry, or rotation would skip it.
    const rows = await queryRows<{ table_name: string; column_name: string }>(
      t.db,
      sql`select table_name, column_name from information_schema.columns where table_schema = current_schema() and column_name like '%\\_sealed' escape '\\'`,
    );
    const registered = new Set(sealedColumns.map((c) => `${c.table}.${c.column}`));
    expect(rows.map((r) => `${r.table_name}.${r.column_name}`).filter((name) => !registered.has(name))).toEqual([]);
  });

  it("stops part way, both keys still open everything, then resumes and finishes", async () => {
    const partial = await rotateSealedColumns(t.db, rotatingRing, { batchSize: { string: 5, bytes: 5 }, maxBatches: 2 });
    expect(partial[0]).toMatchObject({ column: "applications.draft_sealed", rotated: 10, remaining: N - 10 });
    // The columns this test fills wait for their turn; the other registered columns are empty here.
    const filled = new Set(["applications.draft_sealed", "application_revisions.data_sealed", "media_files.content_sealed"]);
    expect(partial.slice(1).every((c) => c.rotated === 0 && c.remaining === (filled.has(c.column) ? N : 0))).toBe(true);
    const census = await sealedKeyCensus(t.db);
    expect(census["applications.draft_sealed"]).toEqual({ k1: N - 10, k2: 10 });

    // Mid-rotation, the application reads everything with both keys configured.
    const drafts = await t.db.select().from(applications);
    expect(drafts.map((a) => openString(rotatingRing, a.draftSealed)).sort()).toEqual(Array.from({ length: N }, (_, i) => draft(i)).sort());

    const rest = await rotateSealedColumns(t.db, rotatingRing, { batchSize: { string: 5, bytes: 5 } });
    expect(rest.filter((c) => filled.has(c.column)).map((c) => [c.column, c.rotated, c.remaining, c.failed.length])).toEqual([
      ["applications.draft_sealed", N - 10, 0, 0],
      ["application_revisions.data_sealed", N, 0, 0],
      ["media_files.content_sealed", N, 0, 0],
    ]);
    expect(Object.fromEntries(Object.entries(await sealedKeyCensus(t.db)).filter(([column]) => filled.has(column)))).toEqual({
      "applications.draft_sealed": { k2: N },
      "application_revisions.data_sealed": { k2: N },
      "media_files.content_sealed": { k2: N },
    });

    // The old key can go: everything opens with the new key alone and holds the same plaintext.
    const revisions = await t.db.select().from(applicationRevisions);
    expect(revisions.map((r) => openString(newOnlyRing, r.dataSealed)).sort()).toEqual(Array.from({ length: N }, (_, i) => draft(i)).sort());
    const photos = await t.db.select().from(mediaFiles).orderBy(mediaFiles.mediaId);
    for (const p of photos) expect(openBytes(newOnlyRing, p.contentSealed)).toEqual(photo(Number(p.mediaId.slice(1))));

    // A second run finds nothing to do.
    expect((await rotateSealedColumns(t.db, rotatingRing)).every((c) => c.rotated === 0 && c.remaining === 0)).toBe(true);
  });

  it("never overwrites a save made while it runs", async () => {
    // Back under k1 first, then rotate to k2 while a writer (an instance still on k1) keeps saving.
    await rotateSealedColumns(t.db, { keys: rotatingRing.keys, activeKeyId: "k1" }, { columns: sealedColumns.slice(0, 1) });
    const expected = new Map<string, string>();
    const writer = (async () => {
      for (let n = 0; n < 40; n++) {
        const id = applicationIds[n % N]!;
        const value = `saved-${n}`;
        await t.db.update(applications).set({ draftSealed: sealString(oldRing, value) }).where(eq(applications.id, id));
        expected.set(id, value);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const rotation = rotateSealedColumns(t.db, rotatingRing, { columns: sealedColumns.slice(0, 1), batchSize: { string: 2, bytes: 2 } });
    await Promise.all([writer, rotation]);
    const rows = await t.db.select().from(applications);
    for (const row of rows) expect(openString(rotatingRing, row.draftSealed)).toBe(expected.get(row.id));
    // A final run (after every instance has the new key) leaves nothing under k1.
    const [final] = await rotateSealedColumns(t.db, rotatingRing, { columns: sealedColumns.slice(0, 1) });
    expect(final!.remaining).toBe(0);
    expect((await t.db.select().from(applications)).every((a) => sealedKeyId(a.draftSealed) === "k2")).toBe(true);
  });

  it("reports values whose key is not configured and leaves them untouched", async () => {
    const lost = randomBytes(32);
    const [row] = await t.db.select().from(applications).limit(1);
    const orphan = sealString({ keys: new Map([["gone", lost]]), activeKeyId: "gone" }, "x");
    await t.db.update(applications).set({ draftSealed: orphan }).where(eq(applications.id, row!.id));
    const [result] = await rotateSealedColumns(t.db, rotatingRing, { columns: sealedColumns.slice(0, 1) });
    expect(result!.failed).toEqual([{ id: row!.id, reason: "Data key gone is not configured" }]);
    expect(result!.remaining).toBe(1);
    const [after] = await t.db.select().from(applications).where(eq(applications.id, row!.id));
    expect(after!.draftSealed).toBe(orphan);
  });
});

import { and, asc, eq, gt, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { applications, merchants, type ApplicationStatus } from "@/db/schema";
import { escapeLike } from "@/lib/audit/list-audit";
import { isUuid } from "@/lib/pagination/cursor";

export const merchantListFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  after: z.string().max(200).optional().catch(undefined).transform((v) => (v && isUuid(v) ? v : undefined)),
});
export type MerchantListFilter = z.infer<typeof merchantListFilterSchema>;

export type MerchantListRow = {
  id: string;
  name: string;
  miniProgramNickname: string;
  appid: string;
  applicationId: string | null;
  status: ApplicationStatus | null;
  revision: number | null;
  submittedAt: Date | null;
  updatedAt: Date | null;
  /** WeChat Pay's merchant number, once the account is open. */
  subMchid: string | null;
};

// The merchant number WeChat gave, kept only for an account that was opened.
const subMchidColumn = sql<string | null>`case when ${applications.status} in ('finished', 'frozen') then ${applications.wechatHandoff}->>'sub_mchid' end`;

/** The WeChat Pay merchant number of a merchant whose account is open, else null. */
export async function merchantNumberOf(db: Db, merchantId: string): Promise<string | null> {
  const [row] = await db.select({ subMchid: subMchidColumn }).from(applications).where(eq(applications.merchantId, merchantId)).limit(1);
  return row?.subMchid ?? null;
}

export const MERCHANT_PAGE_SIZE = 50;

/** Every merchant with where its application stands, by name; keyset on (name, id). */
export async function listMerchantsWithStatus(db: Db, filter: MerchantListFilter, pageSize = MERCHANT_PAGE_SIZE): Promise<{ rows: MerchantListRow[]; next: string | null; total: number }> {
  const search = filter.q
    ? or(ilike(merchants.name, `%${escapeLike(filter.q)}%`), sql`${merchants.miniProgram}->>'nickname' ilike ${`%${escapeLike(filter.q)}%`}`, sql`${merchants.miniProgram}->>'appid' = ${filter.q}`)
    : undefined;
  let position;
  if (filter.after) {
    const [anchor] = await db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, filter.after));
    if (anchor) position = or(gt(merchants.name, anchor.name), and(eq(merchants.name, anchor.name), gt(merchants.id, filter.after)));
  }
  const [fetched, [count]] = await Promise.all([
    db
      .select({
        id: merchants.id,
        name: merchants.name,
        miniProgramNickname: sql<string>`${merchants.miniProgram}->>'nickname'`,
        appid: sql<string>`${merchants.miniProgram}->>'appid'`,
        applicationId: applications.id,
        status: applications.status,
        revision: applications.currentRevision,
        submittedAt: applications.submittedAt,
        updatedAt: applications.updatedAt,
        subMchid: subMchidColumn,
      })
      .from(merchants)
      .leftJoin(applications, eq(applications.merchantId, merchants.id))
      .where(and(search, position))
      .orderBy(asc(merchants.name), asc(merchants.id))
      .limit(pageSize + 1),
    db.select({ total: sql<number>`count(*)::int` }).from(merchants).where(search),
  ]);
  const rows = fetched.slice(0, pageSize);
  return { rows, next: fetched.length > pageSize ? rows[rows.length - 1]!.id : null, total: count?.total ?? 0 };
}

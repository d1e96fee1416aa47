import { and, desc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, merchants, users } from "@/db/schema";
import { auditActions } from "./write-audit";
import { decodeCursor, encodeCursor, isUuid, type Page } from "@/lib/pagination/cursor";

export const auditFilterSchema = z.object({
  user: z.string().trim().optional().transform((v) => (v && isUuid(v) ? v : undefined)),
  merchant: z.string().trim().max(100).optional().transform((v) => v || undefined),
  action: z.enum(auditActions).optional().catch(undefined),
  after: z.string().max(200).optional(),
  before: z.string().max(200).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export type AuditRow = {
  id: string;
  createdAt: Date;
  cursorAt: string;
  /** Null (with no name) when the operator's command line acted. */
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  merchantId: string | null;
  merchantName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  fieldPath: string | null;
  reason: string | null;
};

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log newest first, keyset-paginated on (created_at, id) so that a deep page costs the
 * same as the first. `merchant` is a merchant id or a part of its name.
 */
export async function listAuditLog(db: Db, filter: Partial<AuditFilter>, pageSize = AUDIT_PAGE_SIZE): Promise<Page<AuditRow>> {
  const conditions: SQL[] = [];
  if (filter.user) conditions.push(eq(auditLog.actorId, filter.user));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.merchant) {
    conditions.push(isUuid(filter.merchant) ? eq(auditLog.merchantId, filter.merchant) : ilike(merchants.name, `%${escapeLike(filter.merchant)}%`));
  }
  const base = and(...conditions);
  const after = decodeCursor(filter.after);
  const before = after ? null : decodeCursor(filter.before);
  const position = after
    ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
    : before
      ? sql`(${auditLog.createdAt}, ${auditLog.id}) > (${before.at}::timestamptz, ${before.id}::uuid)`
      : undefined;

  const select = {
    id: auditLog.id,
    createdAt: auditLog.createdAt,
    cursorAt: sql<string>`${auditLog.createdAt}::text`,
    actorId: auditLog.actorId,
    actorName: users.name,
    actorEmail: users.email,
    merchantId: auditLog.merchantId,
    merchantName: merchants.name,
    action: auditLog.action,
    subjectType: auditLog.subjectType,
    subjectId: auditLog.subjectId,
    fieldPath: auditLog.fieldPath,
    reason: auditLog.reason,
  };
  const query = db
    .select(select)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(merchants, eq(merchants.id, auditLog.merchantId))
    .where(and(base, position))
    .orderBy(...(before ? [auditLog.createdAt, auditLog.id] : [desc(auditLog.createdAt), desc(auditLog.id)]))
    .limit(pageSize + 1);
  const [fetched, [count]] = await Promise.all([
    query,
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).leftJoin(merchants, eq(merchants.id, auditLog.merchantId)).where(base),
  ]);
  const hasMore = fetched.length > pageSize;
  const rows = fetched.slice(0, pageSize);
  if (before) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const moreAfter = before ? true : hasMore;
  const moreBefore = before ? hasMore : Boolean(after);
  return {
    rows,
    next: moreAfter && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
    previous: moreBefore && first ? encodeCursor({ at: first.cursorAt, id: first.id }) : null,
    total: count?.total ?? 0,
  };
}

/** The support staff, for the audit log's user filter. */
export async function listSupportUsers(db: Db): Promise<{ id: string; name: string; email: string }[]> {
  return db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.role, ["support", "support_admin"])).orderBy(users.name);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { applications, merchants, type ApplicationStatus } from "@/db/schema";
import { escapeLike } from "@/lib/audit/list-audit";
import { decodeCursor, encodeCursor, isUuid, type Page } from "@/lib/pagination/cursor";
import { chinaDayEnd, chinaDayStart } from "@/lib/time/china-time";
import { calendarDay, plainText } from "@/lib/validation/params";

/** The queue's status filters (the issue's five, plus all) and the states each covers. */
export const queueStatusFilters = {
  pending_review: ["pending_review"],
  changes_requested: ["changes_requested"],
  submitted: ["approved", "submitting", "submitted", "checking", "account_verification", "auditing", "to_be_signed", "legal_validation"],
  rejected: ["rejected"],
  finished: ["finished"],
  all: ["pending_review", "changes_requested", "approved", "submitting", "submitted", "checking", "account_verification", "auditing", "to_be_signed", "legal_validation", "rejected", "finished", "frozen", "canceled"],
} as const satisfies Record<string, readonly ApplicationStatus[]>;
export type QueueStatusFilter = keyof typeof queueStatusFilters;

/** Subject types of WeChat's apply document (`organization_type`). */
export const organizationTypes = ["2401", "2500", "4", "2", "3", "2502", "1708"] as const;

const isoDate = calendarDay;

/** The queue's URL parameters; anything unknown or malformed falls back to the default, never an error. */
export const queueFilterSchema = z.object({
  status: z.enum(Object.keys(queueStatusFilters) as [QueueStatusFilter, ...QueueStatusFilter[]]).catch("pending_review").default("pending_review"),
  type: z.enum(organizationTypes).optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  q: plainText(100).optional().catch(undefined).transform((v) => v || undefined),
  sort: z.enum(["newest", "oldest"]).catch("newest").default("newest"),
  after: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export type QueueRow = {
  id: string;
  merchantId: string;
  merchantName: string;
  merchantShortname: string | null;
  organizationType: string | null;
  status: ApplicationStatus;
  currentRevision: number;
  submittedAt: Date;
  updatedAt: Date;
};

export const QUEUE_PAGE_SIZE = 25;


/**
 * Submitted applications for support, keyset-paginated on (submitted_at, id): every page costs the
 * same however deep, and the (status, submitted_at) index serves the status filters.
 */
export async function listReviewQueue(db: Db, filter: QueueFilter, pageSize = QUEUE_PAGE_SIZE): Promise<Page<QueueRow>> {
  const conditions: SQL[] = [isNotNull(applications.submittedAt), inArray(applications.status, [...queueStatusFilters[filter.status]])];
  if (filter.type) conditions.push(eq(applications.organizationType, filter.type));
  if (filter.from) conditions.push(gte(applications.submittedAt, chinaDayStart(filter.from)));
  if (filter.to) conditions.push(lt(applications.submittedAt, chinaDayEnd(filter.to)));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    const byId = isUuid(filter.q)
      ? eq(applications.id, filter.q)
      : /^[0-9a-f-]{6,36}$/i.test(filter.q)
        ? sql`${applications.id}::text like ${`${filter.q.toLowerCase()}%`}`
        : undefined;
    conditions.push(or(ilike(merchants.name, pattern), ilike(applications.merchantShortname, pattern), byId)!);
  }
  const where = and(...conditions);

  const newest = filter.sort === "newest";
  const after = decodeCursor(filter.after);
  const before = after ? null : decodeCursor(filter.before);
  const cursor = after ?? before;
  // Moving forward in a newest-first list means going to smaller keys, and the reverse.
  const toSmaller = after ? newest : !newest;
  const position = cursor
    ? toSmaller
      ? sql`(${applications.submittedAt}, ${applications.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
      : sql`(${applications.submittedAt}, ${applications.id}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const descending = cursor ? toSmaller : newest;
  const order = descending ? [desc(applications.submittedAt), desc(applications.id)] : [asc(applications.submittedAt), asc(applications.id)];

  const [fetched, [count]] = await Promise.all([
    db
      .select({
        id: applications.id,
        merchantId: applications.merchantId,
        merchantName: merchants.name,
        merchantShortname: applications.merchantShortname,
        organizationType: applications.organizationType,
        status: applications.status,
        currentRevision: applications.currentRevision,
        submittedAt: sql<Date>`${applications.submittedAt}`.mapWith(applications.submittedAt),
        cursorAt: sql<string>`${applications.submittedAt}::text`,
        updatedAt: applications.updatedAt,
      })
      .from(applications)
      .innerJoin(merchants, eq(merchants.id, applications.merchantId))
      .where(and(where, position))
      .orderBy(...order)
      .limit(pageSize + 1),
    db.select({ total: sql<number>`count(*)::int` }).from(applications).innerJoin(merchants, eq(merchants.id, applications.merchantId)).where(where),
  ]);
  const hasMore = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (before) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const moreAfter = before ? true : hasMore;
  const moreBefore = before ? hasMore : Boolean(after);
  return {
    rows: page.map(({ cursorAt: _cursorAt, ...row }) => row),
    next: moreAfter && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null,
    previous: moreBefore && first ? encodeCursor({ at: first.cursorAt, id: first.id }) : null,
    total: count?.total ?? 0,
  };
}

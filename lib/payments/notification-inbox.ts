import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { paymentNotifications } from "@/db/schema";

export type InboxEntry = Omit<typeof paymentNotifications.$inferInsert, "id">;
export type Recorded = { id?: string; duplicate: boolean };
type Waiting = { entry: InboxEntry; resolve: (recorded: Recorded) => void; reject: (error: unknown) => void };

/** How many notifications one INSERT carries at most, and how long the first one waits for company. */
export const inboxBatchRows = 50;
export const inboxBatchWaitMs = 3;

/**
 * Records webhook notifications in multi-row `INSERT … ON CONFLICT DO NOTHING` statements: entries
 * arriving within a few milliseconds share one statement and one commit. Each caller's promise
 * settles only after the statement holding its row has committed, so an answer of 200 always means
 * the row is durable; a failed statement rejects every caller in it (they answer 503, the provider retries).
 */
export class NotificationInbox {
  private waiting: Waiting[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly db: Db, private readonly maxRows = inboxBatchRows, private readonly maxWaitMs = inboxBatchWaitMs) {}

  record(entry: InboxEntry): Promise<Recorded> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      if (this.waiting.length >= this.maxRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting.splice(0, this.maxRows);
    if (this.waiting.length) this.timer = setTimeout(() => this.flush(), 0);
    if (batch.length) void this.write(batch);
  }

  private async write(batch: Waiting[]) {
    try {
      const inserted = await this.db
        .insert(paymentNotifications)
        .values(batch.map((w) => w.entry))
        .onConflictDoNothing({ target: paymentNotifications.dedupeKey })
        .returning({ id: paymentNotifications.id, dedupeKey: paymentNotifications.dedupeKey });
      const newIds = new Map(inserted.map((r) => [r.dedupeKey, r.id]));
      // Repeats (a retried delivery, or the same one twice in this batch) are counted, not recorded again.
      const repeats = new Map<string, number>();
      const answers = batch.map((w) => {
        const id = newIds.get(w.entry.dedupeKey);
        if (id) {
          newIds.delete(w.entry.dedupeKey);
          return { id, duplicate: false };
        }
        repeats.set(w.entry.dedupeKey, (repeats.get(w.entry.dedupeKey) ?? 0) + 1);
        return { duplicate: true };
      });
      for (const [count, keys] of groupByCount(repeats)) {
        await this.db.update(paymentNotifications).set({ deliveries: sql`${paymentNotifications.deliveries} + ${count}` }).where(inArray(paymentNotifications.dedupeKey, keys));
      }
      batch.forEach((w, i) => w.resolve(answers[i]!));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}

function groupByCount(counts: Map<string, number>): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const [key, count] of counts) groups.set(count, [...(groups.get(count) ?? []), key]);
  return groups;
}

const inboxes = new WeakMap<Db, NotificationInbox>();

/** One inbox per database, so every request of the process shares its batches. */
export function inboxFor(db: Db): NotificationInbox {
  let inbox = inboxes.get(db);
  if (!inbox) inboxes.set(db, (inbox = new NotificationInbox(db)));
  return inbox;
}

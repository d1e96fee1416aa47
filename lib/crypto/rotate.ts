import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { openBytes, openString, sealBytes, sealString, type KeyRing } from "./at-rest";
import { sealedColumns, type SealedColumn } from "./sealed-columns";

export type ColumnRotation = {
  column: string;
  rotated: number;
  /** Rows a concurrent writer changed between read and write: picked up by the next pass. */
  raced: number;
  /** Rows whose key is not configured or whose value does not open: left as they are. */
  failed: { id: string; reason: string }[];
  /** Values still under another key when the run ended (0 when rotation is complete). */
  remaining: number;
};

export type RotateOptions = {
  columns?: readonly SealedColumn[];
  /** Rows per batch; each batch is one transaction. Photos go in smaller batches. */
  batchSize?: { string: number; bytes: number };
  /** Stop after this many batches in total (an interrupted run, in tests). */
  maxBatches?: number;
  onBatch?: (column: string, rotated: number) => void;
};

const label = (c: SealedColumn) => `${c.table}.${c.column}`;

/** SQL for the key id a sealed value names (see at-rest.ts for the two formats). */
function keyIdOf(c: SealedColumn): SQL {
  const col = sql.identifier(c.column);
  return c.kind === "string" ? sql`split_part(${col}, '.', 2)` : sql`convert_from(substring(${col} from 2 for get_byte(${col}, 0)), 'UTF8')`;
}

/** How many values each key seals, per column: old keys may be removed once only the active one is left. */
export async function sealedKeyCensus(db: Db, columns: readonly SealedColumn[] = sealedColumns): Promise<Record<string, Record<string, number>>> {
  const census: Record<string, Record<string, number>> = {};
  for (const c of columns) {
    const rows = await queryRows<{ kid: string; n: number | string }>(
      db,
      sql`select ${keyIdOf(c)} as kid, count(*) as n from ${sql.identifier(c.table)} where ${sql.identifier(c.column)} is not null group by 1`,
    );
    census[label(c)] = Object.fromEntries(rows.map((r) => [r.kid, Number(r.n)]));
  }
  return census;
}

async function countStale(db: Db, c: SealedColumn, activeKeyId: string): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from ${sql.identifier(c.table)} where ${sql.identifier(c.column)} is not null and ${keyIdOf(c)} <> ${activeKeyId}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Re-seals every sealed value that is not under the active key. Online: each batch is its own
 * transaction and a row is only overwritten while it still holds the value read, so concurrent
 * saves win. Resumable: it only ever picks values under another key, so a stopped run simply
 * continues. Old keys must stay configured until it reports nothing remaining.
 */
export async function rotateSealedColumns(db: Db, ring: KeyRing, options: RotateOptions = {}): Promise<ColumnRotation[]> {
  const columns = options.columns ?? sealedColumns;
  const sizes = options.batchSize ?? { string: 200, bytes: 16 };
  let batches = 0;
  const results: ColumnRotation[] = [];
  for (const c of columns) {
    const result: ColumnRotation = { column: label(c), rotated: 0, raced: 0, failed: [], remaining: 0 };
    results.push(result);
    const table = sql.identifier(c.table);
    const id = sql.identifier(c.idColumn);
    const col = sql.identifier(c.column);
    // A few passes: rows a concurrent writer sealed under an old key (an instance not yet
    // restarted with the new key) are found again on the next pass.
    for (let pass = 0; pass < 3; pass++) {
      let after: string | null = null;
      let found = 0;
      for (;;) {
        if (options.maxBatches !== undefined && batches >= options.maxBatches) break;
        const rows: { id: string; value: string | Buffer | Uint8Array }[] = await queryRows(
          db,
          sql`select ${id}::text as id, ${col} as value from ${table}
              where ${col} is not null and ${keyIdOf(c)} <> ${ring.activeKeyId} ${after === null ? sql`` : sql`and ${id}::text > ${after}`}
              order by ${id}::text limit ${sizes[c.kind]}`,
        );
        if (rows.length === 0) break;
        batches += 1;
        found += rows.length;
        after = rows.at(-1)!.id;
        let rotatedInBatch = 0;
        await db.transaction(async (tx) => {
          for (const row of rows) {
            let next: string | Buffer;
            try {
              next = c.kind === "string" ? sealString(ring, openString(ring, row.value as string)) : sealBytes(ring, openBytes(ring, Buffer.from(row.value as Uint8Array)));
            } catch (error) {
              if (!result.failed.some((f) => f.id === row.id)) result.failed.push({ id: row.id, reason: error instanceof Error ? error.message : "does not open" });
              continue;
            }
            const updated = await queryRows<{ id: string }>(
              tx as unknown as Db,
              sql`update ${table} set ${col} = ${next} where ${id}::text = ${row.id} and ${col} = ${c.kind === "string" ? row.value : Buffer.from(row.value as Uint8Array)} returning ${id}::text as id`,
            );
            if (updated.length === 1) rotatedInBatch += 1;
            else result.raced += 1;
          }
        });
        result.rotated += rotatedInBatch;
        options.onBatch?.(result.column, rotatedInBatch);
      }
      if (found === 0 || (options.maxBatches !== undefined && batches >= options.maxBatches)) break;
      if ((await countStale(db, c, ring.activeKeyId)) <= result.failed.length) break;
    }
    result.remaining = await countStale(db, c, ring.activeKeyId);
  }
  return results;
}

import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { and, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Pool, PoolClient } from "pg";
import { to as copyTo } from "pg-copy-streams";
import { queryRows, type Db, type Engine } from "@/db/client";
import type { PaymentStatus } from "@/db/schema";
import type { PaymentFilters } from "./filters";
import { paymentConditions } from "./list-payments";
import { currencyExponent } from "@/lib/money/money";
import { paymentStatuses } from "./statuses";

export const csvColumns = ["order_id", "merchant_order_id", "status", "status_label", "amount", "fee", "net", "currency", "created_at", "paid_at", "description"] as const;
export type CsvColumn = (typeof csvColumns)[number];
/** The header and status words in the reader's language (messages `payments.csv`). */
export type CsvLabels = { columns: Record<CsvColumn, string>; statuses: Record<PaymentStatus, string> };

// Excel reads a UTF-8 file as the system code page (GBK on Chinese Windows) unless it starts with a BOM.
const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
const dialect = new PgDialect();

/** A literal for SQL that cannot carry bind parameters (COPY): text quoted as PostgreSQL's escapeLiteral does. */
function literal(value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string") {
    const body = value.replace(/'/g, "''");
    return value.includes("\\") ? `E'${body.replace(/\\/g, "\\\\")}'` : `'${body}'`;
  }
  throw new TypeError(`No literal for ${typeof value}`);
}

/**
 * Minor units to an exact decimal string with the currency's digits (1250 CNY → 12.50, 1250 JPY → 1250):
 * bigint × a numeric literal of that scale keeps the scale, at a fraction of a numeric division's cost.
 */
function decimal(minor: SQL): SQL {
  const scaled = (e: number) => (e === 0 ? sql`(${minor})::text` : sql`((${minor}) * ${sql.raw(`0.${"0".repeat(e - 1)}1`)})::text`);
  const cases = Object.entries(currencyExponent).map(([c, e]) => sql`when ${sql.raw(`'${c}'`)} then ${scaled(e)}`);
  return sql`case currency ${sql.join(cases, sql` `)} else ${scaled(2)} end`;
}

// Compared by first character: half the cost of a regular expression on every value.
const formulaStarts = sql.raw(`array['-', '=', '+', '@', chr(9), chr(13), '＝', '＋', '－', '＠']`);

/**
 * Text a spreadsheet would run as a formula (leading = + - @, tab, CR, or their full-width forms)
 * gets a leading apostrophe, as https://owasp.org/www-community/attacks/CSV_Injection advises.
 */
function formulaSafe(column: SQL): SQL {
  return sql`case when left(${column}, 1) = any(${formulaStarts}) then '''' || ${column} else ${column} end`;
}

// 2026-11-20 08:30:05 in China time: a timestamp's text under the ISO DateStyle (PostgreSQL's default; COPY sets it).
const chinaTime = (column: SQL) => sql`date_trunc('second', ${column} at time zone 'Asia/Shanghai')::text`;

/** The export's columns, formatted by PostgreSQL; empty values are NULL so both paths write nothing for them. */
function exportColumns(labels: CsvLabels): SQL {
  const statusLabel = sql.join(paymentStatuses.map((s) => sql.raw(`when '${s}' then ${literal(labels.statuses[s])}`)), sql` `);
  const succeeded = sql`status = 'SUCCEEDED'`;
  const values: SQL[] = [
    formulaSafe(sql`order_id`), formulaSafe(sql`merchant_order_id`), sql`status::text`, sql`case status ${statusLabel} end`,
    decimal(sql`amount_minor`), decimal(sql`case when ${succeeded} then fee_minor else 0 end`),
    decimal(sql`case when ${succeeded} then amount_minor - fee_minor else 0 end`), sql`currency`,
    chinaTime(sql`created_at`), chinaTime(sql`paid_at`), sql`nullif(${formulaSafe(sql`description`)}, '')`,
  ];
  // Named after the columns, so a row read as an object keeps all of them in order.
  return sql.join(values.map((value, i) => sql`${value} as ${sql.identifier(csvColumns[i]!)}`), sql`, `);
}

const header = (labels: CsvLabels) => stringify([csvColumns.map((c) => labels.columns[c])], { escape_formulas: true });

type Options = { merchantId: string; filters: PaymentFilters; labels: CsvLabels; batchSize?: number };

/**
 * The filtered set as CSV (UTF-8 with BOM, newest first), streamed so memory stays flat however many
 * rows there are. On PostgreSQL the rows come from `COPY (SELECT …) TO STDOUT (FORMAT csv)` formatted
 * in SQL; on PGlite the same SELECT is read in keyset batches.
 */
export function exportPaymentsCsv(handle: { db: Db; engine: Engine }, options: Options): ReadableStream<Uint8Array> {
  return handle.engine === "postgres" ? copyExport(handle.db, options) : batchedExport(handle.db, options);
}

/** The export's `COPY (SELECT …) TO STDOUT (FORMAT csv)`, without header or BOM (also the bench's limit). */
export function exportCopyStatement({ merchantId, filters, labels }: Omit<Options, "batchSize">): string {
  const where = paymentConditions(merchantId, { ...filters, after: undefined, before: undefined });
  const query = dialect.sqlToQuery(sql`select ${exportColumns(labels)} from payments where ${where} order by created_at desc, id desc`);
  // COPY takes no bind parameters: the (validated) filter values are inlined as quoted literals.
  const text = query.sql.replace(/\$(\d+)/g, (_, n: string) => literal(query.params[Number(n) - 1]));
  return `COPY (${text}) TO STDOUT (FORMAT csv)`;
}

function copyExport(db: Db, options: Options): ReadableStream<Uint8Array> {
  const { labels } = options;
  const statement = exportCopyStatement(options);
  const pool = (db as unknown as { $client: Pool }).$client;
  let client: PoolClient | undefined;
  let source: Readable | undefined;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const release = (error?: Error) => {
    // A connection left mid-COPY is not reusable: it is closed instead of returned to the pool.
    client?.release(error);
    client = undefined;
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(bom);
      controller.enqueue(new TextEncoder().encode(header(labels)));
      client = await pool.connect();
      // The timestamps' text form is ISO (2026-11-20 08:30:05) whatever the server's default DateStyle.
      await client.query("set datestyle = 'ISO, YMD'");
      source = client.query(copyTo(statement));
      source.on("end", () => release());
      source.on("error", (error) => release(error));
      reader = (Readable.toWeb(source) as ReadableStream<Uint8Array>).getReader();
    },
    async pull(controller) {
      const { value, done } = await reader!.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      source?.destroy();
      release(reason instanceof Error ? reason : new Error("export cancelled"));
    },
  }, { highWaterMark: 0 });
}

function batchedExport(db: Db, { merchantId, filters, labels, batchSize = 5000 }: Options): ReadableStream<Uint8Array> {
  const where = paymentConditions(merchantId, { ...filters, after: undefined, before: undefined });
  let after: { createdAt: string; id: string } | undefined;
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bom);
      controller.enqueue(encoder.encode(header(labels)));
    },
    async pull(controller) {
      const keyset = after ? sql`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined;
      const rows = await queryRows<Record<string, string | null>>(db, sql`
        select ${exportColumns(labels)}, created_at::text as key_created_at, id::text as key_id from payments
        where ${and(where, keyset)} order by created_at desc, id desc limit ${batchSize}`);
      const last = rows.at(-1);
      if (last) after = { createdAt: last.key_created_at!, id: last.key_id! };
      controller.enqueue(encoder.encode(stringify(rows.map((r) => csvColumns.map((c) => r[c])))));
      if (rows.length < batchSize) controller.close();
    },
  }, { highWaterMark: 0 });
}

/** The download's name says the range it holds (China days), e.g. payments-2026-11-01-to-2026-11-20.csv. */
export function exportFileName(filters: PaymentFilters, now = new Date()): string {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const range = filters.from ? `${filters.from}-to-${filters.to ?? today}` : `all-to-${filters.to ?? today}`;
  return `payments-${range}.csv`;
}

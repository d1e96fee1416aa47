// npm run bench: fills a database with payments and measures the transactions view, the webhook
// and the CSV export. PostgreSQL when BENCH_DATABASE_URL is set (1,000,000 payments), otherwise a
// smaller in-memory PGlite run (100,000 payments). See README "Benchmark".
import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { migrateDatabase, openDatabase, queryRows, type Db } from "../db/client";
import { merchants, sandboxPayments } from "../db/schema";
import type { PaymentsConfig } from "../lib/config";
import { exportPaymentsCsv } from "../lib/payments/export-csv";
import type { PaymentFilters } from "../lib/payments/filters";
import { listPayments } from "../lib/payments/list-payments";
import { processDueNotifications } from "../lib/payments/notifications";
import { providerFor } from "../lib/payments/provider";
import { signNotification } from "../lib/payments/sandbox/notify";
import { sandboxProviderHandler } from "../lib/payments/sandbox/provider-handler";
import { paymentSummary } from "../lib/payments/summary";
import { paymentWebhookHandler } from "../lib/payments/webhook";
import { serve } from "../tests/helpers/http";

const url = process.env.BENCH_DATABASE_URL;
const total = Number(process.env.BENCH_PAYMENTS ?? (url ? 1_000_000 : 100_000));
const merchantCount = 100;
const notificationCount = Number(process.env.BENCH_NOTIFICATIONS ?? (url ? 5000 : 2000));
const pageSize = 50;
const runs = 30;

const merchantId = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
const big = merchantId(0);

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (n: number) => n.toFixed(1);

async function open() {
  if (!url) {
    const handle = await openDatabase({});
    await migrateDatabase(handle);
    return handle;
  }
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
  if (!exists.rowCount) await client.query(`create database "${name.replace(/"/g, "")}"`);
  await client.end();
  const handle = await openDatabase({ databaseUrl: url, poolSize: 16 });
  await migrateDatabase(handle);
  return handle;
}

async function fill(db: Db) {
  // Only the filled rows count (the notification phase adds its own payments).
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from payments where order_id like 'C%'`);
  if (n === total && !process.env.BENCH_REFILL) return { seconds: 0, reused: true };
  const started = performance.now();
  await db.execute(sql`truncate payments, payment_events, payment_notifications, ledger_entries, sandbox_payments cascade`);
  await db
    .insert(merchants)
    .values(Array.from({ length: merchantCount }, (_, i) => ({ id: merchantId(i), name: `Bench merchant ${i}`, miniProgram: { subject_name: `Bench ${i}`, nickname: "b", appid: "wx0", license_number: String(i) } })))
    .onConflictDoNothing();
  // One large merchant (10% of all payments, more in a small run, so that page 1,000 exists); the rest spread over 99.
  const bigShare = Math.max(10, Math.ceil(5_200_000 / total));
  const chunk = 100_000;
  for (let start = 1; start <= total; start += chunk) {
    const end = Math.min(total, start + chunk - 1);
    await db.execute(sql`
      insert into payments (merchant_id, order_id, merchant_order_id, amount_minor, currency, status, description, created_at, paid_at, updated_at)
      select m, 'C' || lpad(i::text, 21, '0'), 'B' || i, a,
        case when i % 20 = 0 then 'HKD' else 'CNY' end,
        s::payment_status, 'Mini Program Payment', t,
        case when s = 'SUCCEEDED' then t + interval '30 seconds' end, t
      from (
        select i,
          ('00000000-0000-4000-8000-' || lpad((case when i % 100 < ${bigShare} then 0 else 1 + (i % 99) end)::text, 12, '0'))::uuid as m,
          (100 + (hashint4(i)::bigint & 1048575)) as a,
          case when i % 17 = 0 then 'CANCELLED' when i % 31 = 0 then 'PENDING' else 'SUCCEEDED' end as s,
          date_trunc('milliseconds', now() - ((hashint4(i * 7)::bigint & 2147483647)::float8 / 2147483648 * 180 * 86400000) * interval '1 millisecond') as t
        from generate_series(${start}::int, ${end}::int) as i
      ) g`);
  }
  await db.execute(sql`vacuum analyze payments`);
  return { seconds: (performance.now() - started) / 1000, reused: false };
}

async function cursorAt(db: Db, filters: PaymentFilters, page: number): Promise<{ cursor?: string; page: number }> {
  if (page === 1) return { page: 1 };
  // Setup only (not timed): the keyset cursor that page N starts after.
  const { paymentConditions } = await import("../lib/payments/list-payments");
  const { encodeCursor } = await import("../lib/payments/filters");
  const { payments } = await import("../db/schema");
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(payments).where(paymentConditions(big, filters));
  const lastPage = Math.max(1, Math.ceil(n / pageSize));
  const target = Math.min(page, lastPage);
  if (target === 1) return { page: 1 };
  const [row] = await db
    .select({ createdAt: payments.createdAt, id: payments.id })
    .from(payments)
    .where(paymentConditions(big, filters))
    .orderBy(sql`${payments.createdAt} desc, ${payments.id} desc`)
    .offset((target - 1) * pageSize - 1)
    .limit(1);
  return { cursor: encodeCursor({ createdAt: row!.createdAt.toISOString(), id: row!.id }), page: target };
}

async function timeList(db: Db, filters: PaymentFilters) {
  const times: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    await listPayments(db, { merchantId: big, filters, limit: pageSize });
    if (i >= 3) times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  const handle = await open();
  const db = handle.db;
  console.log(`engine: ${handle.engine}, payments: ${total.toLocaleString("en")}, merchants: ${merchantCount}; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const filled = await fill(db);
  console.log(filled.reused ? "data: reused (BENCH_REFILL=1 to refill)" : `data: filled in ${filled.seconds.toFixed(0)} s`);
  const [{ n: bigRows }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from payments where merchant_id = ${big}`);
  const [{ q }] = await queryRows<{ q: string }>(db, sql`select merchant_order_id as q from payments where merchant_id = ${big} order by created_at limit 1 offset 500`);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const weekAgo = new Date(Date.now() + 8 * 3_600_000 - 6 * 86_400_000).toISOString().slice(0, 10);

  // BENCH_ONLY=export skips the list, tiles and notification phases (to re-measure the export alone).
  const only = process.env.BENCH_ONLY;
  if (only !== "export") {
    const filters: [string, PaymentFilters][] = [
      ["none", {}],
      ["status=SUCCEEDED", { status: "SUCCEEDED" }],
      ["status=PENDING", { status: "PENDING" }],
      ["currency=HKD", { currency: "HKD" }],
      ["last 7 days", { from: weekAgo, to: today }],
      ["amount 100–500", { min: "100", max: "500" }],
      ["status+7 days+CNY", { status: "SUCCEEDED", from: weekAgo, to: today, currency: "CNY" }],
      ["oldest first", { sort: "asc" }],
      ["search merchant_order_id", { q }],
    ];
    console.log(`\nList (merchant with ${bigRows.toLocaleString("en")} payments, ${pageSize} per page, ${runs} runs each), ms:\n`);
    console.log("| filter | page 1 p50 | page 1 p95 | deep page | deep p50 | deep p95 | deep / page 1 (p95) |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const [label, f] of filters) {
      const first = await timeList(db, f);
      const deep = await cursorAt(db, f, 1000);
      const deepTimes = deep.page > 1 ? await timeList(db, { ...f, after: deep.cursor }) : undefined;
      console.log(`| ${label} | ${ms(first.p50)} | ${ms(first.p95)} | ${deep.page} | ${deepTimes ? ms(deepTimes.p50) : "—"} | ${deepTimes ? ms(deepTimes.p95) : "—"} | ${deepTimes ? (deepTimes.p95 / first.p95).toFixed(2) + "×" : "—"} |`);
    }

    const tiles: number[] = [];
    for (let i = 0; i < 13; i++) {
      const t0 = performance.now();
      await paymentSummary(db, { merchantId: big });
      if (i >= 3) tiles.push(performance.now() - t0);
    }
    console.log(`\nSummary tiles + 30-day chart (merchant with ${bigRows.toLocaleString("en")} payments): p50 ${ms(percentile(tiles, 50))} ms, p95 ${ms(percentile(tiles, 95))} ms`);

    // Notifications over loopback: the provider (sandbox) and the webhook on node:http servers.
    const providerServer = await serve(sandboxProviderHandler(async () => db));
    const config: PaymentsConfig = { providerUrl: `${providerServer.url}/sandbox/provider`, providerPublicKey: undefined, providerKeySerial: undefined, sandbox: true, sandboxWithdrawalSeconds: 0, sandboxAccountVerifySeconds: 0, settlementDelayHours: 24 };
    const provider = providerFor(db, config);
    const webhook = await serve(paymentWebhookHandler({ db: async () => db, provider: () => provider }));
    const orders = Array.from({ length: notificationCount }, (_, i) => ({
      orderId: `N${randomUUID().replaceAll("-", "").slice(0, 21)}`,
      merchantOrderId: `NB${i}${Date.now() % 100000}`,
      subMerchantId: merchantId(1 + (i % 99)),
      amount: `${1 + (i % 500)}.${String(i % 100).padStart(2, "0")}`,
      currency: "CNY",
      status: "SUCCEEDED",
      description: "bench",
      createTime: new Date(),
      payTime: new Date(),
    }));
    for (let i = 0; i < orders.length; i += 1000) await db.insert(sandboxPayments).values(orders.slice(i, i + 1000));
    // Signed ahead (the provider's cost, not ours); one in ten is delivered twice.
    const deliveries: Awaited<ReturnType<typeof signNotification>>[] = [];
    for (const o of orders) {
      const signed = await signNotification(db, { notify_type: "payment_success", order_id: o.orderId, merchant_order_id: o.merchantOrderId });
      deliveries.push(signed);
    }
    for (let i = 0; i < orders.length; i += 10) deliveries.push(deliveries[i]!);
    const hookUrl = `${webhook.url}/api/webhooks/payments`;
    let next = 0;
    let ok = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < deliveries.length) {
          const d = deliveries[next++]!;
          const response = await fetch(hookUrl, { method: "POST", headers: d.headers, body: d.body });
          await response.arrayBuffer();
          if (response.status === 200) ok++;
        }
      }),
    );
    const ingestSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuMsEach = (cpu.user + cpu.system) / 1000 / deliveries.length;
    const t1 = performance.now();
    let processed = 0;
    for (;;) {
      const r = await processDueNotifications(db, provider, { settlementDelayHours: 24, limit: 200 });
      processed += r.processed;
      if (r.processed + r.failed === 0) break;
    }
    const processSeconds = (performance.now() - t1) / 1000;
    const [{ n: recorded }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from payment_notifications`);
    console.log(`\nNotifications: ${deliveries.length.toLocaleString("en")} deliveries (${orders.length.toLocaleString("en")} distinct + ${(deliveries.length - orders.length).toLocaleString("en")} repeats), 32 concurrent, loopback`);
    console.log(`| step | count | seconds | per second |`);
    console.log(`| --- | ---: | ---: | ---: |`);
    console.log(`| ingested (verified, deduplicated, recorded; answered 200) | ${ok} | ${ingestSeconds.toFixed(2)} | ${(ok / ingestSeconds).toFixed(0)} |`);
    console.log(`| processed (provider queried, payment + ledger written) | ${processed} | ${processSeconds.toFixed(2)} | ${(processed / processSeconds).toFixed(0)} |`);
    console.log(`distinct notifications recorded: ${recorded} (expected ${orders.length}); this process (sender + webhook + driver) used ${cpuMsEach.toFixed(2)} ms CPU per delivery; load average now ${loadavg()[0]!.toFixed(1)}`);
    await webhook.close();
    await providerServer.close();
  }

  // Export: stream the large merchant's whole set and watch memory.
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const cpu2 = process.cpuUsage();
  const t2 = performance.now();
  const reader = exportPaymentsCsv(db, { merchantId: big, filters: {} }).getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
  }
  const exportSeconds = (performance.now() - t2) / 1000;
  const exportCpu = process.cpuUsage(cpu2);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const rows = lines - 1;
  console.log(`\nCSV export: ${rows.toLocaleString("en")} rows, ${(bytes / 1e6).toFixed(1)} MB in ${exportSeconds.toFixed(2)} s = ${(rows / exportSeconds).toFixed(0)} rows/s; process RSS peak ${(peak / 1e6).toFixed(0)} MB (baseline ${(baseline / 1e6).toFixed(0)} MB, +${((peak - baseline) / 1e6).toFixed(0)} MB during export); this process used ${((exportCpu.user + exportCpu.system) / 1000).toFixed(0)} ms CPU (${(rows / ((exportCpu.user + exportCpu.system) / 1e6)).toFixed(0)} rows per CPU-second)`);
  await handle.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

import { CHINA_TIME_ZONE } from "@/lib/time/china-time";
import { formatDecimalAmount } from "./money";

// Building an Intl formatter costs far more than using one: one per locale/currency/digits, kept.
const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Money for people: minor units through the exact decimal string, never through a float. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const decimal = formatDecimalAmount(minor, currency);
  const digits = decimal.includes(".") ? decimal.split(".")[1]!.length : 0;
  const key = `${locale}|${currency}|${digits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    moneyFormats.set(key, format);
  }
  // Intl formats a numeric string exactly (no rounding through a double).
  return format.format(decimal as unknown as number);
}

export function formatDateTime(iso: string | Date | null | undefined, locale: string): string {
  if (!iso) return "—";
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: CHINA_TIME_ZONE, dateStyle: "medium", timeStyle: "medium" });
    dateTimeFormats.set(locale, format);
  }
  return format.format(new Date(iso));
}

const percentFormats = new Map<string, Intl.NumberFormat>();

export function formatPercent(ratio: number, locale: string): string {
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
    percentFormats.set(locale, format);
  }
  return format.format(ratio);
}

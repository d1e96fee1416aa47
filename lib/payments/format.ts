import { formatDecimalAmount } from "./money";

/** Money for people: minor units through the exact decimal string, never through a float. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const decimal = formatDecimalAmount(minor, currency);
  const digits = decimal.includes(".") ? decimal.split(".")[1]!.length : 0;
  const format = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  // Intl formats a numeric string exactly (no rounding through a double).
  return format.format(decimal as unknown as number);
}

export function formatDateTime(iso: string | Date | null | undefined, locale: string): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "medium" }).format(new Date(iso));
}

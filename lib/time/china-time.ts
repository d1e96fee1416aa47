/** Merchants, reviewers and WeChat count days in China Standard Time: UTC+8, no daylight saving. */
export const CHINA_TIME_ZONE = "Asia/Shanghai";
const CHINA_UTC_OFFSET = "+08:00";

let chinaDateFormat: Intl.DateTimeFormat | undefined;

/** Today's date in China as yyyy-MM-dd. */
export function chinaToday(now = new Date()): string {
  // Built once: constructing a DateTimeFormat costs more than a whole validation.
  chinaDateFormat ??= new Intl.DateTimeFormat("en-CA", { timeZone: CHINA_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
  return chinaDateFormat.format(now);
}

/** The instant a China calendar day (yyyy-MM-dd) begins. */
export function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00${CHINA_UTC_OFFSET}`);
}

/** The instant the China calendar day after `day` begins: the exclusive end of a date filter. */
export function chinaDayEnd(day: string): Date {
  return new Date(chinaDayStart(day).getTime() + 86_400_000);
}

/** When today and this month began in China. */
export function chinaPeriodStarts(now: Date): { today: Date; month: Date } {
  const today = chinaToday(now);
  return { today: chinaDayStart(today), month: chinaDayStart(`${today.slice(0, 7)}-01`) };
}

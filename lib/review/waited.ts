/** How long something has waited, as the message key and values of `review.waited`. */
export function waitedParts(since: Date, now: Date): { key: "minutes" | "hours" | "days"; values: { days: number; hours: number; minutes: number } } {
  const totalMinutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  return { key: days > 0 ? "days" : hours > 0 ? "hours" : "minutes", values: { days, hours, minutes } };
}

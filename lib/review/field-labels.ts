/**
 * A field's label for the review page: the wizard's label when the qualification messages have
 * one, otherwise the WeChat field name itself (which support staff know).
 */
export function fieldLabelFor(t: { has: (key: never) => boolean; (key: never): string }, path: string): string {
  const key = `qualification.fields.${path}.label`;
  if (t.has(key as never)) return t(key as never);
  const short = `qualification.fields.${path}`;
  if (t.has(short as never)) {
    const value = t(short as never);
    if (typeof value === "string") return value;
  }
  return path.split(".").pop() ?? path;
}

/**
 * A keyset position: the sort timestamp as PostgreSQL's own text (microseconds kept; a JS Date
 * would round them and skip rows) and the id that breaks ties, as one URL-safe token.
 */
export type Cursor = { at: string; id: string };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const timestampPattern = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, "utf8").toString("base64url");
}

/** A malformed token is treated as no cursor (first page) rather than an error: URLs get hand-edited. */
export function decodeCursor(token: string | null | undefined): Cursor | null {
  if (!token || token.length > 200) return null;
  const [at, id] = Buffer.from(token, "base64url").toString("utf8").split("|");
  if (!at || !id || !uuidPattern.test(id) || !timestampPattern.test(at)) return null;
  return { at, id };
}

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** One page of a keyset-paginated list, with tokens for the pages either side (null at an end). */
export type Page<T> = { rows: T[]; next: string | null; previous: string | null; total: number };

import { z } from "zod";

/** `YYYY-MM-DD` naming a day that exists (2026-02-30 and 2026-13-45 do not). */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((text) => {
    const [year, month, day] = text.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, "validation.date");

/** Free text from a URL or a body: no NUL (PostgreSQL refuses it in text) nor other control characters. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text), "validation.controlCharacters");

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How deep a JSON body may nest: the application is four levels; 32 leaves room and stops a stack-eating body. */
export const MAX_JSON_DEPTH = 32;

/**
 * Parses a JSON body, refusing one nested deeper than MAX_JSON_DEPTH before JSON.parse walks it
 * (a 100k-deep array would otherwise cost the parser and every later walk its stack).
 */
export function parseJsonBounded(text: string): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new JsonTooDeepError();
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return JSON.parse(text);
}

export class JsonTooDeepError extends Error {
  constructor() {
    super(`The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
}

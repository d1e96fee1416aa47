import fc from "fast-check";

/** Inputs an attacker or a broken client sends: injections, control characters, huge and odd values. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom(
    "' OR '1'='1' --",
    "'; drop table users; --",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "../../../../etc/passwd",
    "\u0000",
    "%00",
    "\ud800",
    "${7*7}{{7*7}}",
    "__proto__",
    "constructor",
    "a".repeat(20_000),
    "😀".repeat(2_000),
    " ",
    "",
  ),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 5 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 5 }),
);

/** A request body: JSON of any shape, or raw text that is not what the handler expects. */
export const hostileBody: fc.Arbitrary<{ contentType: string; data: string }> = fc.oneof(
  fc.record({ contentType: fc.constant("application/json"), data: fc.jsonValue().map((v) => JSON.stringify(v)) }),
  fc.record({ contentType: fc.constant("application/json"), data: fc.dictionary(hostileString, hostileValue, { maxKeys: 8 }).map((v) => JSON.stringify(v)) }),
  fc.record({ contentType: fc.constant("application/json"), data: hostileString }),
  fc.record({ contentType: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"), data: hostileString }),
);

/**
 * Arguments as React's `encodeReply` sends them to a server action: a string starting with `$`
 * is escaped to `$$` (a bare `$` marks a reference in that format, and Next answers a malformed
 * one with a 500 before any action code runs).
 */
export function encodeActionArgs(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(encodeActionArgs);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeActionArgs(v)]));
  return value;
}

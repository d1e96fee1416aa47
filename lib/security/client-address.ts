/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry. `next start`
 * fills the header with the socket address when no proxy set it; behind a load balancer that
 * appends the address (nginx `$proxy_add_x_forwarded_for`, cloud balancers), the last entry is the
 * one the client cannot forge.
 */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw ?? "";
  const last = value.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
  return (last ?? "unknown").slice(0, 64).toLowerCase();
}

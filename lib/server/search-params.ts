/** A page's search params as Next gives them to pages: a key may repeat. */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The first value of each search param, blanks dropped: what the filter schemas parse. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])
      .filter(([, value]) => value !== undefined && value !== ""),
  ) as Record<string, string>;
}

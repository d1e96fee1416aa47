import { Link } from "@/components/ui/link";

const linkClass = "inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 hover:bg-slate-50";

/** First / previous / next links of a keyset-paginated list; a link without an href is left out. */
export function Pager({ label, first, previous, next, labels }: { label: string; first?: string | null; previous?: string | null; next?: string | null; labels: { first?: string; previous?: string; next: string } }) {
  if (!first && !previous && !next) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap justify-between gap-3">
      <div className="flex flex-wrap gap-3">
        {first && labels.first ? <Link href={first} className={linkClass}>« {labels.first}</Link> : null}
        {previous && labels.previous ? <Link href={previous} className={linkClass} rel="prev">← {labels.previous}</Link> : null}
      </div>
      {next ? <Link href={next} className={linkClass} rel="next">{labels.next} →</Link> : null}
    </nav>
  );
}

/** `basePath?…` with the current parameters, the page cursors replaced by `changes`. */
export function pageHref(basePath: string, params: Record<string, string | undefined>, changes: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v && k !== "after" && k !== "before") search.set(k, v);
  for (const [k, v] of Object.entries(changes)) if (v) search.set(k, v);
  const query = search.toString();
  return query ? `${basePath}?${query}` : basePath;
}

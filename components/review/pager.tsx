import Link from "next/link";

/** Previous / next links of a keyset-paginated list, keeping the other URL parameters. */
export function Pager({ basePath, params, previous, next, labels }: { basePath: string; params: Record<string, string | undefined>; previous: string | null; next: string | null; labels: { nav: string; previous: string; next: string } }) {
  if (!previous && !next) return null;
  const href = (key: "after" | "before", token: string) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "after" && k !== "before") search.set(k, v);
    search.set(key, token);
    return `${basePath}?${search.toString()}`;
  };
  const linkClass = "inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 hover:bg-slate-50";
  return (
    <nav aria-label={labels.nav} className="mt-4 flex justify-between gap-3">
      {previous ? <Link href={href("before", previous)} className={linkClass} rel="prev">← {labels.previous}</Link> : <span />}
      {next ? <Link href={href("after", next)} className={linkClass} rel="next">{labels.next} →</Link> : null}
    </nav>
  );
}

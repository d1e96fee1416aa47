import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The console's one link: Next's client-side navigation without prefetching. Every console page is
 * dynamic and has no loading.tsx, so a prefetch brings only the route tree (about 350 bytes) yet
 * costs the server a request through the proxy and the session (about 14 ms of CPU) for each link
 * that scrolls into view, and every router.refresh() (AutoRefresh) repeats them all; a list of 50
 * rows cost 50 such requests per view. Clicking fetches the page exactly as before.
 * https://nextjs.org/docs/app/guides/prefetching (Disabled prefetch)
 */
export function Link(props: Omit<ComponentProps<typeof NextLink>, "prefetch">) {
  return <NextLink {...props} prefetch={false} />;
}

/**
 * Where to go after sign-in: the callback resolved the way the browser will resolve it (so `/\evil`,
 * a tab or a newline after the slash cannot turn it into another host), kept only when it stays on
 * the console's own origin. Answers a path (never `//…`), or `/` for anything else.
 */
export function safeCallbackPath(value: string | string[] | undefined, consoleOrigin: string): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/")) return "/";
  let origin: string;
  let target: URL;
  try {
    origin = new URL(consoleOrigin).origin;
    target = new URL(raw, origin);
  } catch {
    return "/";
  }
  if (target.origin !== origin) return "/";
  // `http://host//evil.example` keeps the origin but its path would leave it when assigned alone.
  const path = `/${target.pathname.replace(/^\/+/, "")}${target.search}${target.hash}`;
  return path.startsWith("/login") ? "/" : path;
}

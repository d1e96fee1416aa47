import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One thing a request can reach: a page, a method of a route handler, or a server action. */
export type Endpoint =
  | { kind: "page"; key: string; route: string; file: string }
  | { kind: "handler"; key: string; route: string; method: HttpMethod; file: string }
  | { kind: "action"; key: string; file: string; name: string };

// Playwright runs from the repository root.
const root = process.cwd();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** `app/(console)/(merchant)/payments/[id]/page.tsx` → `/payments/[id]`: groups and slots are not in the URL. */
function routeOf(file: string): string {
  const segments = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep).filter(Boolean);
  const visible = segments.filter((s) => !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return `/${visible.join("/")}`;
}

function exportedHandlerMethods(source: string): HttpMethod[] {
  const found = new Set<HttpMethod>();
  for (const m of HTTP_METHODS) {
    if (new RegExp(`export\\s+(async\\s+)?function\\s+${m}\\b|export\\s+(const|let)\\s+${m}\\b`).test(source)) found.add(m);
  }
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of block[1]!.split(",")) {
      const name = part.trim().split(/\s+as\s+/).at(-1)!.trim();
      if ((HTTP_METHODS as readonly string[]).includes(name)) found.add(name as HttpMethod);
    }
  }
  return [...found];
}

function exportedFunctions(source: string): string[] {
  return [...source.matchAll(/export\s+(?:async\s+)?function\s+([A-Za-z0-9_]+)|export\s+const\s+([A-Za-z0-9_]+)\s*=/g)].map((m) => (m[1] ?? m[2])!);
}

/** Every page, route handler method and server action in the source tree, found at test time. */
export function scanEndpoints(): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const file of walk(path.join(root, "app"))) {
    const rel = path.relative(root, file);
    if (/\/page\.(tsx|ts|jsx|js)$/.test(file)) {
      const route = routeOf(file);
      endpoints.push({ kind: "page", key: `PAGE ${route}`, route, file: rel });
    } else if (/\/route\.(ts|js)$/.test(file)) {
      const route = routeOf(file);
      for (const method of exportedHandlerMethods(readFileSync(file, "utf8"))) endpoints.push({ kind: "handler", key: `${method} ${route}`, route, method, file: rel });
    }
  }
  for (const dir of ["app", "components", "lib"]) {
    for (const file of walk(path.join(root, dir)).filter((f) => /\.(ts|tsx)$/.test(f))) {
      const source = readFileSync(file, "utf8");
      if (!/^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(source)) continue;
      const rel = path.relative(root, file);
      for (const name of exportedFunctions(source)) endpoints.push({ kind: "action", key: `ACTION ${rel}#${name}`, file: rel, name });
    }
  }
  return endpoints.sort((a, b) => a.key.localeCompare(b.key));
}

/** The id Next gave a server action in this build, from the build's server reference manifest. */
export function serverActionId(file: string, name: string): { id: string; page: string } {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next-e2e/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename === file && entry.exportedName === name) {
      // Any page that imports the action can carry the call; the public login page reaches the most visitors.
      const workers = Object.keys(entry.workers);
      const worker = workers.find((w) => w === "app/login/page") ?? workers[0]!;
      return { id, page: routeOf(path.join(root, worker)) };
    }
  }
  throw new Error(`Server action ${file}#${name} is not in the build (is it used by any page?)`);
}

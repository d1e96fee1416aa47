import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The repository's root, which every path below is relative to. */
export const repoRoot = path.resolve(__dirname, "../..");

const importPattern = /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** `lib/x` → `lib/x.ts`, `lib/x/index.tsx` …, or the path itself when no such file exists. */
function asFile(target: string): string {
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`]) {
    const full = path.join(repoRoot, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  return target;
}

/** What a source file imports from the repository (static and dynamic `import()`), as unresolved paths from the root. */
function importTargets(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), "utf8");
  const targets: string[] = [];
  for (const match of text.matchAll(importPattern)) {
    const spec = (match[1] ?? match[2])!;
    if (spec.startsWith("@/")) targets.push(spec.slice(2));
    else if (spec.startsWith(".")) targets.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
  }
  return targets;
}

/**
 * The files a source file imports from the repository, as paths from the root. Folder imports are
 * resolved to their index (`@/lib/config` → `lib/config/index.ts`), so they count as edges too.
 */
export function importsOf(file: string): string[] {
  return importTargets(file).map(asFile);
}

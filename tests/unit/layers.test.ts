import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, repoRoot as root } from "../helpers/source-imports";

// The layer rule: app → components → lib → db, one direction only, and no cycle between lib/ folders.

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(rel);
  }
  return out;
}

const files = ["app", "components", "lib", "db"].flatMap(sourceFiles);

/** `lib/wechat/sandbox/x.ts` → `lib/wechat`: the unit a cycle is counted between. */
function libFolder(file: string): string | null {
  const parts = file.split("/");
  return parts[0] === "lib" && parts.length > 2 ? `${parts[0]}/${parts[1]}` : null;
}

export function libFolderCycles(): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const from = libFolder(file);
    if (!from) continue;
    for (const target of importsOf(file)) {
      const to = libFolder(target);
      if (to && to !== from) {
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
  }
  // Every pair of folders that reach each other is one cycle (reported once, sorted).
  const reach = (start: string) => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      for (const next of edges.get(stack.pop()!) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return seen;
  };
  const cycles: string[][] = [];
  const folders = [...edges.keys()].sort();
  for (const a of folders) {
    for (const b of reach(a)) {
      if (a < b && reach(b).has(a)) cycles.push([a, b]);
    }
  }
  return cycles;
}

describe("layers", () => {
  it("no two lib/ folders import each other, directly or through others", () => {
    expect(libFolderCycles()).toEqual([]);
  });

  it("components/ never imports app/, and lib/ and db/ import neither", () => {
    const upward = files.flatMap((file) => {
      const layer = file.split("/")[0];
      const forbidden =
        layer === "components" ? ["app/"] : layer === "lib" ? ["app/", "components/"] : layer === "db" ? ["app/", "components/", "lib/"] : [];
      return importsOf(file)
        .filter((target) => forbidden.some((prefix) => target.startsWith(prefix)))
        .map((target) => `${file} → ${target}`);
    });
    expect(upward).toEqual([]);
  });

  it("every link goes through the kit's Link, which does not prefetch", () => {
    const direct = files.filter((file) => file !== "components/ui/link.tsx" && /from\s+["']next\/link["']/.test(readFileSync(path.join(root, file), "utf8")));
    expect(direct).toEqual([]);
  });
});

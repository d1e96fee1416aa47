import type { z } from "zod";
import { qualificationBaseSchema } from "@/lib/qualification/schema";

type Node = { _zod: { def: { type: string; shape?: Record<string, Node>; innerType?: Node; in?: Node } } };

/** Every field of the form as a dotted path; a photo (`{media_id, pay_media_id}`) is one field. */
function formFieldPaths(schema: Node, prefix = "", out: string[] = []): string[] {
  let node = schema;
  while (["optional", "nullable", "default", "pipe", "catch"].includes(node._zod.def.type)) node = (node._zod.def.innerType ?? node._zod.def.in)!;
  const shape = node._zod.def.type === "object" ? node._zod.def.shape! : null;
  if (!shape || ("media_id" in shape && "pay_media_id" in shape)) out.push(prefix);
  else for (const [key, child] of Object.entries(shape)) formFieldPaths(child, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

const paths = formFieldPaths(qualificationBaseSchema as unknown as Node & z.ZodType);
const known = new Set(paths);
// WeChat names photos without our `wxa_` prefix (`id_card_copy`, as its get answer echoes them).
const leaf = (path: string) => path.split(".").at(-1)!.replace(/^wxa_/, "");
const byLeaf = new Map<string, string[]>();
for (const path of paths) byLeaf.set(leaf(path), [...(byLeaf.get(leaf(path)) ?? []), path]);

/**
 * The form field a WeChat `audit_detail[].param_name` names: a dotted path as the form has it
 * (with or without `wxa_` on a photo), or a bare leaf name such as `id_card_number` when exactly one
 * field ends in it. Null when it names no single field (`all`, an unknown name): shown at the top.
 */
export function fieldPathOfParam(paramName: string): string | null {
  const name = paramName.trim();
  if (known.has(name)) return name;
  const withPrefix = name.replace(/(^|\.)([^.]+)$/, (_, dot: string, last: string) => `${dot}wxa_${last}`);
  if (known.has(withPrefix)) return withPrefix;
  const candidates = byLeaf.get(leaf(name)) ?? [];
  if (candidates.length === 1) return candidates[0]!;
  // A dotted name whose section we know narrows a shared leaf down (`id_doc_info.x` vs `id_card_info.x`).
  const section = name.includes(".") ? name.split(".")[0] : null;
  const inSection = candidates.filter((c) => section && c.startsWith(`${section}.`));
  return inSection.length === 1 ? inSection[0]! : null;
}

import type { PicFile } from "./schema";

export type FieldValue = string | number | boolean | null | PicFile | PicFile[] | string[];

export function isPicFile(value: unknown): value is PicFile {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as PicFile).media_id === "string";
}

/**
 * The application's leaves by dotted path, in the order they appear: a photo and a list of
 * photos are one leaf each, like one field of the form (`qualifications.pic_file_list`).
 */
export function flattenFields(data: unknown, prefix = ""): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  const visit = (value: unknown, path: string) => {
    if (value === undefined) return;
    if (value === null || typeof value !== "object" || isPicFile(value)) {
      out.set(path, value as FieldValue);
      return;
    }
    if (Array.isArray(value)) {
      if (value.every((item) => isPicFile(item))) out.set(path, value as PicFile[]);
      else if (value.every((item) => typeof item !== "object" || item === null)) out.set(path, value.map(String));
      else value.forEach((item, index) => visit(item, `${path}.${index}`));
      return;
    }
    for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key);
  };
  visit(data, prefix);
  return out;
}

/** Paths whose value differs between two revisions, including fields added or removed. */
export function changedPaths(previous: Map<string, FieldValue>, current: Map<string, FieldValue>): Set<string> {
  const changed = new Set<string>();
  for (const [path, value] of current) if (!sameValue(previous.get(path), value)) changed.add(path);
  for (const path of previous.keys()) if (!current.has(path)) changed.add(path);
  return changed;
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

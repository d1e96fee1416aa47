import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/config";
import { messagesByLocale } from "@/lib/i18n/messages";

function flatten(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

const messagesDir = path.resolve(__dirname, "../../messages");

describe("message files", () => {
  it("have the same namespace files in every language", () => {
    const [first, ...rest] = locales.map((l) => readdirSync(path.join(messagesDir, l)).sort());
    for (const files of rest) expect(files).toEqual(first);
  });

  it("are all loaded", () => {
    for (const locale of locales) {
      const files = readdirSync(path.join(messagesDir, locale)).map((f) => f.replace(/\.json$/, "")).sort();
      expect(Object.keys(messagesByLocale[locale]).sort()).toEqual(files);
    }
  });

  it("have every key in both languages, none empty", () => {
    const keys = locales.map((l) => flatten(messagesByLocale[l]).sort());
    expect(keys[1]).toEqual(keys[0]);
    for (const locale of locales) {
      for (const key of flatten(messagesByLocale[locale])) {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messagesByLocale[locale]);
        expect(typeof value === "string" && value.trim().length > 0, `${locale}:${key}`).toBe(true);
      }
    }
  });

  it("keep the same ICU placeholders in both languages", () => {
    for (const key of flatten(messagesByLocale["zh-CN"])) {
      const get = (l: (typeof locales)[number]) => String(key.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], messagesByLocale[l]));
      const names = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
      expect(names(get("en")), key).toEqual(names(get("zh-CN")));
    }
  });
});

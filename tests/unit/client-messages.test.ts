import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, repoRoot as root } from "../helpers/source-imports";
import { baseNamespaces, clientMessages, messagesByLocale } from "@/lib/i18n/messages";

// Each page sends the browser only the message namespaces its client components use
// (components/i18n/client-messages.tsx). A nested provider replaces its parent's messages, so a
// page whose list misses a namespace shows keys instead of words: this reads every page's client
// components and checks its list.

// `useTranslations("payments.status")`, and the helpers that look keys up under a namespace.
const namespacePattern = /(?:useTranslations|useFieldMessage|useActionMessage)\(\s*"([^"]+)"\s*\)/g;

/** The namespaces the client components reachable from `file` name (files under a "use client" boundary count). */
function clientNamespaces(file: string, inClient = false, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  const key = `${file}:${inClient}`;
  if (seen.has(key)) return found;
  seen.add(key);
  const text = readFileSync(path.join(root, file), "utf8");
  const client = inClient || /^["']use client["']/m.test(text.slice(0, 300));
  if (client) for (const match of text.matchAll(namespacePattern)) found.add(match[1]!);
  for (const target of importsOf(file)) {
    if (!target.startsWith("db/") && existsSync(path.join(root, target))) clientNamespaces(target, client, seen, found);
  }
  return found;
}

/** The list of the innermost `<ClientMessages namespaces={[…]}>` above a page: in the page itself or its nearest layout. */
function declaredFor(page: string): string[] {
  for (let dir = path.dirname(page); dir.startsWith(path.join(root, "app")); dir = path.dirname(dir)) {
    for (const file of dir === path.dirname(page) ? [page, path.join(dir, "layout.tsx")] : [path.join(dir, "layout.tsx")]) {
      if (!existsSync(file)) continue;
      const match = /<ClientMessages namespaces=\{\[([^\]]*)\]\}/.exec(readFileSync(file, "utf8"));
      if (match) return [...match[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    }
  }
  return [];
}

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? pages(full) : name === "page.tsx" ? [full] : [];
  });
}

const covers = (sent: string[], needed: string) => sent.some((s) => needed === s || needed.startsWith(`${s}.`));

describe("messages sent to the browser", () => {
  const all = pages(path.join(root, "app"));

  it.each(all.map((p) => path.relative(root, p)))("%s sends every namespace its client components use", (page) => {
    const sent = [...baseNamespaces, ...declaredFor(path.join(root, page))];
    const needed = [...clientNamespaces(page)];
    expect(needed.filter((n) => !covers(sent, n))).toEqual([]);
  });

  it("sends a page's own words, not the whole console's: /payments carries under a third of the messages", () => {
    const sent = [...baseNamespaces, ...declaredFor(path.join(root, "app/(console)/(merchant)/payments/page.tsx"))];
    const size = (value: unknown) => JSON.stringify(value).length;
    const whole = size(messagesByLocale["zh-CN"]);
    expect(size(clientMessages(messagesByLocale["zh-CN"], sent as never))).toBeLessThan(whole / 3);
  });

  it("picks a part of a namespace without touching the rest, and keeps the base namespaces", () => {
    const messages = messagesByLocale.en;
    const picked = clientMessages(messages, ["review.status", "payments"]) as Record<string, Record<string, unknown>>;
    expect(Object.keys(picked).sort()).toEqual(["common", "errors", "payments", "review", "validation"]);
    expect(picked.review).toEqual({ status: messages.review.status });
    expect(picked.payments).toBe(messages.payments);
    // A part whose whole namespace is sent is not merged into the shared messages object.
    const whole = clientMessages(messages, ["review", "review.status"]) as Record<string, unknown>;
    expect(whole.review).toBe(messages.review);
  });
});

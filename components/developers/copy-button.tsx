"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function CopyButton({ text }: { text: string }) {
  const t = useTranslations("developers.docs");
  const [copied, setCopied] = useState(false);
  return (
    <Button variant="secondary" className="min-h-8 px-2 py-1" onClick={async () => {
      await navigator.clipboard.writeText(text).catch(() => undefined);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    }}>
      {copied ? t("copied") : t("copy")}
    </Button>
  );
}

/** A code block with a copy button; the text is selectable too. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="relative rounded-md border border-slate-200 bg-slate-50">
      <div className="absolute right-2 top-2"><CopyButton text={code} /></div>
      <pre aria-label={label} className="overflow-x-auto p-3 pr-20 text-xs leading-relaxed"><code>{code}</code></pre>
    </div>
  );
}

/** A new secret (an API key, a signing secret) with the warning that it is shown only once. */
export function ShownOnce({ value, warning, testId }: { value: string; warning: string; testId: string }) {
  return (
    <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid={testId}>
      <p className="text-sm font-medium text-amber-900">{warning}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2"><code className="break-all font-mono text-sm">{value}</code><CopyButton text={value} /></div>
    </div>
  );
}

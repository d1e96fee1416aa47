"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { inputClass } from "@/components/ui/field";
import { accountDigits } from "@/lib/qualification/rules";
import type { BankMatch, Branch } from "@/lib/wechat/bank-lookup";

const LOOKUP_DELAY_MS = 400;
const MIN_DIGITS = 12;

type Lookup = { state: "idle" | "searching" | "failed" | "none" } | { state: "found"; bank: BankMatch };

async function post<T>(url: string, body: unknown): Promise<T | null> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
  return response?.ok ? ((await response.json()) as T) : null;
}

/**
 * Asks WeChat (under the merchant's Mini Program) which bank a card number belongs to and fills
 * the bank; for a bank that needs a branch, lists its branches in the account's city and fills
 * `bank_branch_id` with the one chosen.
 */
export function BankLookup({ prefix, className }: { prefix: string; className?: string }) {
  const t = useTranslations("wizard.account.lookup");
  const { setValue } = useFormContext();
  const [number, city] = useWatch({ name: [`${prefix}account_number`, `${prefix}bank_address_code`] }) as [string | undefined, string | undefined];
  const [lookup, setLookup] = useState<Lookup>({ state: "idle" });
  const [branches, setBranches] = useState<Branch[] | null>(null);
  const digits = accountDigits(number ?? "");

  useEffect(() => {
    if (!/^\d+$/.test(digits) || digits.length < MIN_DIGITS) return setLookup({ state: "idle" });
    let current = true;
    const timer = setTimeout(async () => {
      setLookup({ state: "searching" });
      const answer = await post<{ banks: BankMatch[] }>("/api/banks/lookup", { account_number: digits });
      if (!current) return;
      if (!answer) return setLookup({ state: "failed" });
      const bank = answer.banks[0];
      if (!bank) return setLookup({ state: "none" });
      setLookup({ state: "found", bank });
      setValue(`${prefix}account_bank`, bank.account_bank, { shouldDirty: true, shouldValidate: true });
    }, LOOKUP_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [digits, prefix, setValue]);

  const bank = lookup.state === "found" ? lookup.bank : null;
  useEffect(() => {
    setBranches(null);
    if (!bank?.need_branch || !city) return;
    let current = true;
    void post<{ branches: Branch[] }>("/api/banks/branches", { bank_code: bank.bank_code, bank_address_code: city }).then((answer) => {
      if (current) setBranches(answer?.branches ?? []);
    });
    return () => {
      current = false;
    };
  }, [bank, city]);

  if (lookup.state === "idle") return null;
  return (
    <div className={clsx("flex flex-col gap-2 rounded-md bg-slate-50 p-3 text-sm", className)} data-testid="bank-lookup">
      <p role="status" className="text-slate-800">
        {lookup.state === "searching" ? t("searching") : lookup.state === "failed" ? t("failed") : lookup.state === "none" ? t("none") : t("found", { bank: bank?.bank_name ?? "" })}
      </p>
      {bank?.need_branch ? (
        !city ? (
          <p className="text-slate-700">{t("chooseCity")}</p>
        ) : branches === null ? null : branches.length === 0 ? (
          <p className="text-slate-700">{t("noBranches")}</p>
        ) : (
          <label className="flex flex-col gap-1">
            <span className="text-slate-800">{t("branchLabel")}</span>
            <select className={inputClass} defaultValue="" onChange={(e) => e.target.value && setValue(`${prefix}bank_branch_id`, e.target.value, { shouldDirty: true, shouldValidate: true })}>
              <option value="">{t("branchPlaceholder")}</option>
              {branches.map((b) => (
                <option key={b.bank_branch_id} value={b.bank_branch_id}>
                  {b.branch_name}
                </option>
              ))}
            </select>
          </label>
        )
      ) : null}
    </div>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { Link } from "@/components/ui/link";
import { RATE_LIMITED_ERROR, SECOND_FACTOR_ERROR, signInSchema, type SignIn } from "@/lib/auth/schema";
import { LiveFieldset } from "@/components/form/live-fieldset";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("common");
  const ta = useTranslations("accounts.login");
  const [formError, setFormError] = useState<string | null>(null);
  const [locked, setLocked] = useState(false);
  // Shown once the password was right and the account has two-factor sign-in.
  const [askCode, setAskCode] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignIn>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "", code: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setLocked(false);
    const result = await signIn("credentials", { ...values, code: askCode ? values.code ?? "" : "", redirect: false });
    if (!result || result.error) {
      if (result?.error === SECOND_FACTOR_ERROR) {
        if (askCode) setFormError(ta("codeWrong"));
        setAskCode(true);
        return;
      }
      const rateLimited = result?.status === 429 || result?.error === RATE_LIMITED_ERROR;
      setLocked(rateLimited);
      setFormError(rateLimited ? t("login.rateLimited") : result?.error === "CredentialsSignin" ? (askCode ? ta("codeWrong") : t("login.invalid")) : t("login.failed"));
      return;
    }
    // A full navigation so the server renders the shell with the new session cookie.
    window.location.assign(callbackUrl);
  });

  const message = (key?: string) => (key ? t(key as never) : undefined);
  const emailError = message(errors.email?.message);
  const passwordError = message(errors.password?.message);
  const codeError = errors.code ? ta("codeInvalid") : undefined;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
          {locked ? (
            <>
              {" "}
              {ta("lockedHelp")}{" "}
              <Link href="/forgot-password" className="font-medium underline">{ta("forgot")}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {askCode && !formError ? (
        <p role="status" className="rounded-md border border-brand-700/30 bg-brand-50 px-3 py-2 text-sm text-brand-800">{ta("codeRequired")}</p>
      ) : null}
      <LiveFieldset disabled={isSubmitting} className="flex flex-col gap-4">
        <Field id="email" label={t("login.email")} error={emailError}>
          <Input id="email" type="email" autoComplete="username" aria-invalid={!!emailError} aria-describedby={describedBy("email", { error: emailError })} {...register("email")} />
        </Field>
        <Field id="password" label={t("login.password")} error={passwordError}>
          <Input id="password" type="password" autoComplete="current-password" aria-invalid={!!passwordError} aria-describedby={describedBy("password", { error: passwordError })} {...register("password")} />
        </Field>
        {askCode ? (
          <Field id="code" label={ta("code")} hint={ta("codeHint")} error={codeError}>
            <Input id="code" autoComplete="one-time-code" inputMode="text" autoFocus aria-invalid={!!codeError} aria-describedby={describedBy("code", { hint: true, error: codeError })} {...register("code")} />
          </Field>
        ) : null}
        <Button type="submit" className="w-full">
          {isSubmitting ? t("login.submitting") : t("login.submit")}
        </Button>
      </LiveFieldset>
      <p className="text-sm">
        <Link href="/forgot-password" className="text-brand-800 underline">{ta("forgot")}</Link>
      </p>
    </form>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy } from "@/components/ui/field";
import { RATE_LIMITED_ERROR, signInSchema, type SignIn } from "@/lib/auth/schema";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("common");
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignIn>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      const rateLimited = result?.status === 429 || result?.error === RATE_LIMITED_ERROR;
      setFormError(rateLimited ? t("login.rateLimited") : result?.error === "CredentialsSignin" ? t("login.invalid") : t("login.failed"));
      return;
    }
    // A full navigation so the server renders the shell with the new session cookie.
    window.location.assign(callbackUrl);
  });

  const message = (key?: string) => (key ? t(key as never) : undefined);
  const emailError = message(errors.email?.message);
  const passwordError = message(errors.password?.message);

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <fieldset disabled={isSubmitting} className="flex flex-col gap-4">
        <Field id="email" label={t("login.email")} error={emailError}>
          <Input id="email" type="email" autoComplete="username" aria-invalid={!!emailError} aria-describedby={describedBy("email", { error: emailError })} {...register("email")} />
        </Field>
        <Field id="password" label={t("login.password")} error={passwordError}>
          <Input id="password" type="password" autoComplete="current-password" aria-invalid={!!passwordError} aria-describedby={describedBy("password", { error: passwordError })} {...register("password")} />
        </Field>
        <Button type="submit" className="w-full">
          {isSubmitting ? t("login.submitting") : t("login.submit")}
        </Button>
      </fieldset>
    </form>
  );
}

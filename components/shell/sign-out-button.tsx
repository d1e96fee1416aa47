import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";

/** A form post to a server action: works before the page's scripts load and ships no auth client. */
export async function SignOutButton({ action, token }: { action: (form: FormData) => Promise<unknown>; token: string }) {
  const t = await getTranslations("common.shell");
  return (
    <form action={action as (form: FormData) => Promise<void>}>
      <input type="hidden" name="token" value={token} />
      <Button type="submit" variant="secondary">{t("signOut")}</Button>
    </form>
  );
}

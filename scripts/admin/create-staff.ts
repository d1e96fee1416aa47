import { newStaffSchema, createStaff } from "@/lib/accounts/staff";
import { linkUrl } from "@/lib/accounts/links";
import { CommandError, requiredFlag, withDatabase, type Flags } from "./_command";

export const summary = "Create a platform staff account and print its one-time set-password link.";
export const usage = "npm run admin -- create-staff --email <email> --name <name> --role support|support_admin [--locale zh-CN|en]";

export async function run(flags: Flags): Promise<void> {
  const parsed = newStaffSchema.safeParse({
    email: requiredFlag(flags, "email", usage),
    name: requiredFlag(flags, "name", usage),
    role: requiredFlag(flags, "role", usage),
    locale: typeof flags.locale === "string" ? flags.locale : undefined,
  });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "input");
    const hint = field === "role" ? "support or support_admin" : field === "email" ? "an address such as name@example.com" : field === "locale" ? "zh-CN or en" : "1 to 100 characters";
    throw new CommandError(`--${field} is not valid: expected ${hint}.`);
  }
  await withDatabase(async (db, config) => {
    const { token, role } = await createStaff(db, parsed.data, null);
    console.log(`Created ${role} ${parsed.data.email}. Set the password within 72 hours at this one-time link:`);
    console.log(linkUrl(config.authUrl, "set_password", token));
  });
}

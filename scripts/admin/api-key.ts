import { createApiKeyForAppid } from "@/lib/payments/api-keys";
import { requiredFlag, withDatabase, type Flags } from "./_command";

export const summary = "Make an API key for the merchant whose Mini Program has that appid; the key is shown once.";
export const usage = "npm run admin -- api-key --appid <appid> --name <name>";

/** Prints the new key alone on the last line, so scripts can take it with `tail -n 1`. */
export async function run(flags: Flags): Promise<void> {
  const values = { appid: requiredFlag(flags, "appid", usage), name: requiredFlag(flags, "name", usage) };
  await withDatabase(async (db) => {
    const { key } = await createApiKeyForAppid(db, values);
    console.log(`API key "${values.name}" created for ${values.appid}; it is shown once:`);
    console.log(key);
  });
}

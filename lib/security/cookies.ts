import { getConfig } from "@/lib/config";

/** Cookies carry Secure in production and whenever the console is served over https. */
export function secureCookiesEnabled(): boolean {
  const config = getConfig();
  return config.appEnv === "production" || config.authUrl.startsWith("https://");
}

import { sandboxProviderRoute } from "@/lib/payments/sandbox/route";

// The sandbox provider's step 0 (OAuth 2 client credentials); the app's provider client calls it over HTTP.
export const POST = sandboxProviderRoute;

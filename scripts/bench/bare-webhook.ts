// The bench's limit beside the webhook route: the same handler (verify + batched insert) on a bare
// node:http server in a process of its own, as the console's server is. Prints its URL, serves until killed.
import { openDatabase } from "../../db/client";
import { getConfig } from "../../lib/config";
import { dataKeyRing } from "../../lib/crypto/keys";
import { providerFor } from "../../lib/payments/provider";
import { paymentWebhookHandler } from "../../lib/payments/webhook";
import { serve } from "../../tests/helpers/http";

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 8 });
const provider = providerFor(handle.db, getConfig().payments, dataKeyRing());
const server = await serve(paymentWebhookHandler({ db: async () => handle.db, provider: () => provider }));
console.log(server.url);
process.on("SIGTERM", () => void server.close().then(() => handle.close()).then(() => process.exit(0)));

// Times one full validation of the qualification schema and one payload build: `npx tsx scripts/bench-qualification.ts`.
import { qualificationSchemaFor } from "@/lib/qualification/schema";
import { toApplyPayload } from "@/lib/qualification/payload";
import { passportAgentApplication, enterpriseApplication, MERCHANT_NAME, TODAY } from "@/tests/fixtures/qualification";
const schema = qualificationSchemaFor({ merchantName: MERCHANT_NAME });
const valid = passportAgentApplication();
const invalid = { ...enterpriseApplication(), contact_info: { contact_type: "66", mobile_phone: "1" }, account_info: { account_number: "x" } };
for (const [name, v] of [["valid (passport+agent)", valid], ["invalid (many errors)", invalid]] as const) {
  for (let i = 0; i < 500; i++) schema.safeParse(v);
  const n = 5000; const t0 = performance.now();
  for (let i = 0; i < n; i++) schema.safeParse(v);
  console.log(name, ((performance.now() - t0) / n * 1000).toFixed(1), "µs per full validation");
}
const t1 = performance.now(); const parsed = schema.parse(valid);
for (let i = 0; i < 5000; i++) toApplyPayload(parsed);
console.log("toApplyPayload", ((performance.now() - t1) / 5000 * 1000).toFixed(1), "µs");

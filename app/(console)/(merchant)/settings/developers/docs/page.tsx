import { getTranslations } from "next-intl/server";
import { CodeBlock } from "@/components/developers/copy-button";
import { SettingsTabs } from "@/components/developers/settings-tabs";
import { requireMerchantPage } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";

export default async function ApiDocsPage() {
  await requireMerchantPage();
  const t = await getTranslations("developers.docs");
  const base = getConfig().authUrl.replace(/\/$/, "");
  const create = `curl -X POST ${base}/api/v1/payments \\
  -H "Authorization: Bearer $API_KEY" \\
  -H "Idempotency-Key: order-P9297895081903" \\
  -H "Content-Type: application/json" \\
  -d '{"amount":"12.50","currency":"CNY","merchant_order_id":"P9297895081903","description":"Mini Program Payment","payer":{"js_code":"<code from wx.login>"}}'`;
  // wx.requestPayment's documented parameters (https://developers.weixin.qq.com/miniprogram/dev/api/payment/wx.requestPayment.html).
  const pay = `wx.login({
  success: ({ code }) => wx.request({
    url: "https://your-back-end.example/checkout",   // your server calls POST /api/v1/payments
    method: "POST",
    data: { code, orderId: "P9297895081903" },
    success: ({ data: payment }) => {
      const a = payment.next_action;                 // { appId, timeStamp, nonceStr, package, signType, paySign }
      wx.requestPayment({
        timeStamp: a.timeStamp, nonceStr: a.nonceStr, package: a.package, signType: a.signType, paySign: a.paySign,
        success: () => { /* show "paid"; your server confirms by webhook or GET */ },
        fail: () => { /* cancelled or failed: the payment stays PENDING until it is closed */ },
      });
    },
  }),
});`;
  const get = `curl ${base}/api/v1/payments?merchant_order_id=P9297895081903 \\
  -H "Authorization: Bearer $API_KEY"`;
  return (
    <section aria-labelledby="page-title" className="flex max-w-4xl flex-col gap-5">
      <SettingsTabs current="docs" sandbox={getConfig().payments.sandbox} />
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
        <p className="mt-2"><a className="underline" href="/api/v1/openapi.json">{t("openapi")}</a></p>
      </div>
      <p>{t("step1")}</p>
      <p>{t("step2")}</p>
      <CodeBlock code={create} label="curl" />
      <p>{t("step3")}</p>
      <CodeBlock code={pay} label="wx.requestPayment" />
      <p>{t("step4")}</p>
      <CodeBlock code={get} label="curl" />
      <p className="text-sm text-slate-700">{t("statuses")}</p>
    </section>
  );
}

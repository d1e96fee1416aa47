import { useTranslations } from "next-intl";
import { wechatMessageKey } from "@/lib/wechat/errors";

/** `applications.wechat_message` as the reader should see it: a stored message key translated, WeChat's own text as is. */
export function WeChatMessageText({ message }: { message: string }) {
  const t = useTranslations("wechat");
  const key = wechatMessageKey(message);
  return <>{key && t.has(key as never) ? t(key as never) : message}</>;
}

import { MessagePage } from "@/components/shell/message-page";

export default function Forbidden() {
  return <MessagePage namespace="common.forbidden" />;
}

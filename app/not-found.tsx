import { MessagePage } from "@/components/shell/message-page";

export default function NotFound() {
  return <MessagePage namespace="common.notFound" />;
}

import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";
import { homePathFor } from "@/lib/auth/navigation";

export default async function Home() {
  const user = await requirePageUser();
  redirect(homePathFor(user.role));
}

import { describe, expect, it } from "vitest";
import { signInSchema } from "@/lib/auth/schema";

const messages = (input: unknown) => {
  const result = signInSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
};

describe("sign-in input", () => {
  it("trims the email and the code, and leaves the password as typed", () => {
    expect(signInSchema.parse({ email: "  a@b.cn ", password: " pass word ", code: " 123456 " })).toEqual({ email: "a@b.cn", password: " pass word ", code: "123456" });
    expect(signInSchema.parse({ email: "a@b.cn", password: "x" })).toEqual({ email: "a@b.cn", password: "x" });
  });

  it("names each problem with its message key", () => {
    expect(messages({ email: "not-an-email", password: "" })).toEqual(["email:login.emailInvalid", "password:login.passwordRequired"]);
    expect(messages({ email: `${"a".repeat(250)}@b.cn`, password: "x".repeat(201), code: "1".repeat(21) })).toEqual(["email:login.emailInvalid", "password:login.invalid", "code:login.codeInvalid"]);
  });
});

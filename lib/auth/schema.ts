import { z } from "zod";

/** Sign-in input; messages are keys of the `common` namespace. */
export const signInSchema = z.object({
  email: z.string().trim().pipe(z.email({ error: "login.emailInvalid" }).max(254, { error: "login.emailInvalid" })),
  password: z.string().min(1, { error: "login.passwordRequired" }).max(200, { error: "login.invalid" }),
  // A six-digit authenticator code or a recovery code; asked for only once the password is right.
  code: z.string().trim().max(20, { error: "login.codeInvalid" }).optional(),
});
export type SignIn = z.infer<typeof signInSchema>;

/** The error next-auth hands the form when sign-in is refused for too many attempts. */
export const RATE_LIMITED_ERROR = "RateLimited";

/** The error next-auth hands the form when the password was right and the second factor is due. */
export const SECOND_FACTOR_ERROR = "SecondFactorRequired";

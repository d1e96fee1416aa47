import * as z from "zod/mini";

/** Sign-in input; messages are keys of the `common` namespace. In zod/mini: the sign-in page's script needs only parsing. */
export const signInSchema = z.object({
  email: z.pipe(z.string().check(z.trim()), z.email({ error: "login.emailInvalid" }).check(z.maxLength(254, { error: "login.emailInvalid" }))),
  password: z.string().check(z.minLength(1, { error: "login.passwordRequired" }), z.maxLength(200, { error: "login.invalid" })),
  // A six-digit authenticator code or a recovery code; asked for only once the password is right.
  code: z.optional(z.string().check(z.trim(), z.maxLength(20, { error: "login.codeInvalid" }))),
});
export type SignIn = z.infer<typeof signInSchema>;

/** The error next-auth hands the form when sign-in is refused for too many attempts. */
export const RATE_LIMITED_ERROR = "RateLimited";

/** The error next-auth hands the form when the password was right and the second factor is due. */
export const SECOND_FACTOR_ERROR = "SecondFactorRequired";

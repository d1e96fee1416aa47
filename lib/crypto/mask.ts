/** Masks the middle of a value, keeping `head` and `tail` characters: 310101199001011234 → 3101**********1234. */
export function maskMiddle(value: string, head = 4, tail = 4): string {
  const chars = [...value];
  if (chars.length <= head + tail) {
    return chars.length <= 1 ? "*" : chars[0] + "*".repeat(chars.length - 1);
  }
  return chars.slice(0, head).join("") + "*".repeat(chars.length - head - tail) + chars.slice(-tail).join("");
}

/** Names keep their first character: 李小明 → 李**. */
export function maskName(value: string): string {
  const chars = [...value];
  return chars.length === 0 ? "" : chars[0] + "*".repeat(Math.max(chars.length - 1, 1));
}

export function maskEmail(value: string): string {
  const [local = "", domain = ""] = value.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}

export function maskPhone(value: string): string {
  return maskMiddle(value, 3, 4);
}

/** Masks a personal value by its kind (lib/qualification/sensitive-fields.ts names each field's kind). */
export function maskValue(kind: "name" | "number" | "address" | "email" | "phone", text: string): string {
  switch (kind) {
    case "name":
      return maskName(text);
    case "email":
      return maskEmail(text);
    case "phone":
      return maskPhone(text);
    case "address": {
      // Province and city stay readable; the street and number do not.
      const chars = [...text];
      return chars.slice(0, Math.min(6, Math.max(chars.length - 2, 1))).join("") + "*".repeat(Math.max(chars.length - 6, 2));
    }
    default:
      return maskMiddle(text);
  }
}

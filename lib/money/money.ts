/** ISO 4217 minor-unit exponents of the currencies the provider settles (the payment provider answers in HKD and TWD among others). */
export const currencyExponent = { CNY: 2, HKD: 2, TWD: 2, USD: 2, EUR: 2, JPY: 0 } as const;
export type Currency = keyof typeof currencyExponent;
export const currencies = Object.keys(currencyExponent) as Currency[];

export function isCurrency(value: string): value is Currency {
  return Object.hasOwn(currencyExponent, value);
}

/**
 * Parses the provider's decimal string ("12.5", "1") into integer minor units exactly, digit by
 * digit (never through floats). Refuses signs, exponents, excess decimals and unsafe magnitudes.
 */
export function parseDecimalAmount(value: string, currency: string): number {
  if (!isCurrency(currency)) throw new RangeError(`Unsupported currency ${currency}`);
  const exponent = currencyExponent[currency];
  const match = /^(\d{1,16})(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal amount: ${JSON.stringify(value)}`);
  const whole = match[1]!;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > exponent) throw new RangeError(`${currency} amounts have at most ${exponent} decimals: ${value}`);
  const digits = BigInt(whole + fraction.padEnd(exponent, "0"));
  if (digits > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`Amount too large: ${value}`);
  return Number(digits);
}

/** Minor units back to the provider's decimal string: 1250 CNY → "12.50". */
export function formatDecimalAmount(minor: number, currency: string): string {
  const exponent = isCurrency(currency) ? currencyExponent[currency] : 2;
  const negative = minor < 0;
  const digits = Math.abs(Math.trunc(minor)).toString().padStart(exponent + 1, "0");
  const body = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${body}` : body;
}

/** Fee in minor units at `bps` basis points, rounded half up (the merchant's rate is at most 60 bp). */
export function feeFor(amountMinor: number, bps: number): number {
  return Number((BigInt(amountMinor) * BigInt(bps) + 5000n) / 10000n);
}

import { regions } from "./regions-data";

export { regions };

const cityCodes = new Set<string>();
const provinceByCode = new Map<string, string>();
for (const [code, , cities] of regions) {
  // A municipality (no city rows) is its own city level: Beijing is sent as 110000.
  if (cities.length === 0) cityCodes.add(code);
  for (const [cityCode] of cities) {
    cityCodes.add(cityCode);
    provinceByCode.set(cityCode, code);
  }
  provinceByCode.set(code, code);
}

/** A bank_address_code precise to the city (or a municipality's code), as WeChat requires. */
export function isBankAddressCode(value: unknown): boolean {
  return typeof value === "string" && cityCodes.has(value);
}

/** The province a bank_address_code belongs to, for the two-level picker. */
export function provinceOf(code: string): string | undefined {
  return provinceByCode.get(code);
}

export function regionName(code: string): string | undefined {
  for (const [provinceCode, provinceName, cities] of regions) {
    if (provinceCode === code) return provinceName;
    const city = cities.find(([c]) => c === code);
    if (city) return `${provinceName} ${city[1]}`;
  }
  return undefined;
}

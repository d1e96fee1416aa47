// Placeholder until the wizard's payload builder lands on main (it replaces this file on merge).
import type { Qualification } from "./schema";

export function toApplyPayload(data: Qualification): Record<string, unknown> {
  const license = data.business_license_info as Record<string, unknown>;
  const businessTime = Array.isArray(license.business_time) ? JSON.stringify(license.business_time) : license.business_time;
  return { ...data, business_license_info: { ...license, ...(businessTime ? { business_time: businessTime } : {}) }, biz_type: 1 };
}

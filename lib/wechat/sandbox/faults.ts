/** Failures the sandbox can inject, as WeChat shows them: slowness, 5xx, errcode -1, an expired (42001) or invalidated (40001) token. */
export type FaultKind = "http_5xx" | "errcode_minus1" | "expired_token" | "invalid_token";

export type SandboxFaults = {
  /** Added to every answer. */
  delayMs: number;
  /** Chance (0..1) of each failure on every call. */
  rates: Record<FaultKind, number>;
  /** Fail the next n calls this way (tests), consumed in order. */
  queued: Record<FaultKind, number>;
};

export function noFaults(): SandboxFaults {
  const none = { http_5xx: 0, errcode_minus1: 0, expired_token: 0, invalid_token: 0 };
  return { delayMs: 0, rates: { ...none }, queued: { ...none } };
}

/** Parses `WECHAT_SANDBOX_FAULTS`, e.g. `delay_ms=1500,http_5xx=0.1,errcode_minus1=0.05,expired_token=0.02,invalid_token=0.01`. */
export function parseFaults(spec: string): SandboxFaults {
  const faults = noFaults();
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [key, raw] = part.split("=");
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`WECHAT_SANDBOX_FAULTS: ${part} is not key=number`);
    if (key === "delay_ms") faults.delayMs = value;
    else if (key === "http_5xx" || key === "errcode_minus1" || key === "expired_token" || key === "invalid_token") faults.rates[key] = Math.min(value, 1);
    else throw new Error(`WECHAT_SANDBOX_FAULTS: unknown fault ${key} (delay_ms, http_5xx, errcode_minus1, expired_token, invalid_token)`);
  }
  return faults;
}

/** Whether this call fails with `kind`: a queued failure first, then the configured rate. */
export function takeFault(faults: SandboxFaults, kind: FaultKind): boolean {
  if (faults.queued[kind] > 0) {
    faults.queued[kind]--;
    return true;
  }
  return faults.rates[kind] > 0 && Math.random() < faults.rates[kind];
}

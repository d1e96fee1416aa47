/** Undocumented answers in a row before support is told (the dashboard lists them from then on). */
export const UNKNOWN_STATE_ALERT_AFTER = 3;

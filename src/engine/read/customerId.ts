import { isBlank, isExcelError } from "../missing";
import type { Cell } from "../types";

const FLOAT_WHOLE = /^([+-]?\d+)\.0+$/;

/**
 * The customer id of a cell as text, or "" when there is none. Trimmed; a whole number written as
 * a float (`17850.0`, or the number 17850) becomes `17850`; leading zeros are kept (`00042`).
 * Error cells (`#N/A`) count as missing.
 */
export function customerIdOf(value: Cell): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "string") {
    if (isBlank(value) || isExcelError(value)) return "";
    const s = value.trim();
    const last = s.charCodeAt(s.length - 1);
    if (last === 48 /* 0 */ && s.indexOf(".") > 0) {
      const whole = FLOAT_WHOLE.exec(s);
      if (whole) return whole[1];
    }
    return s;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString().slice(0, 10) : "";
  return "";
}

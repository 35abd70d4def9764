import { isBlank, isExcelError } from "../common/missing";
import type { Cell } from "../common/types";

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

/**
 * Whether a text is its own customer id and can be no number's: printable ASCII at both ends (nothing
 * to trim, not blank), not an error cell (`#…`), and not starting like a number (`17850`, `-1`,
 * `+1.0`, `.5`), so that customerIdOf gives it back unchanged and it is never a number cell's id.
 */
export function isOwnTextId(text: string): boolean {
  const first = text.charCodeAt(0);
  if (!(first > 32 && first < 127) || first === 35 /* # */ || first === 43 || first === 45 || first === 46 || (first >= 48 && first <= 57)) return false;
  const last = text.charCodeAt(text.length - 1);
  return last > 32 && last < 127;
}

/** An id that is an e-mail address: one `@`, something before it, and a dot inside the domain. */
const EMAIL = /^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/;

/**
 * The comparison key of an id text (SPEC §1): an e-mail address compares lower-cased
 * (`Alice@Example.com` = `alice@example.com`); every other id is its own key (case kept).
 */
export function customerKeyOf(id: string): string {
  if (id.indexOf("@") < 0) return id;
  return EMAIL.test(id) ? id.toLowerCase() : id;
}

/**
 * Whether an id is an e-mail spelling whose key is not the id itself (`Alice@x.com`): only such ids
 * can merge with another (every other id is its own key, and the dictionary holds each id once).
 */
export function isRespelledEmail(id: string): boolean {
  return id.indexOf("@") >= 0 && mayLowerCase(id) && customerKeyOf(id) !== id;
}

/**
 * Merges the dictionary's customers whose ids differ only as e-mail spellings: rows of a later
 * spelling move to the first spelling seen (which is the one written out). `respelled`: the
 * customers whose id isRespelledEmail, ascending; `indexOfId`: the customer whose id is exactly a
 * text, or −1. Returns the number of spellings merged; the dictionary and the rows' indexes are
 * rewritten only when there are some.
 */
export function mergeEmailSpellings(ids: string[], customer: Int32Array, rowCount: number, respelled: readonly number[], indexOfId: (id: string) => number): number {
  if (respelled.length === 0) return 0;
  let remap: Int32Array | null = null;
  // Per key, its first spelling: the customer whose id is the key itself when that came first.
  const first = new Map<string, number>();
  for (const c of respelled) {
    const key = customerKeyOf(ids[c]);
    let seen = first.get(key);
    if (seen === undefined) {
      seen = c;
      const own = indexOfId(key);
      if (own >= 0 && own !== c && customerKeyOf(ids[own]) === key) {
        if (own < c) seen = own;
        else (remap ??= identity(ids.length))[own] = c;
      }
      first.set(key, seen);
    }
    if (seen !== c) (remap ??= identity(ids.length))[c] = seen;
  }
  if (!remap) return 0;
  // Compact: surviving customers keep their order; merged ones take their first spelling's new index.
  const compact = new Int32Array(ids.length);
  const kept: string[] = [];
  for (let c = 0; c < ids.length; ++c) {
    if (remap[c] === c) {
      compact[c] = kept.length;
      kept.push(ids[c]);
    }
  }
  let merged = 0;
  for (let c = 0; c < ids.length; ++c) if (remap[c] !== c) (compact[c] = compact[remap[c]]), ++merged;
  for (let i = 0; i < rowCount; ++i) if (customer[i] >= 0) customer[i] = compact[customer[i]];
  ids.length = kept.length;
  for (let c = 0; c < kept.length; ++c) ids[c] = kept[c];
  return merged;
}

function identity(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, k) => k);
}

/** Whether `text` has a code unit that lower-casing may change (A–Z, or anything not ASCII). */
function mayLowerCase(text: string): boolean {
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return true;
  }
  return false;
}

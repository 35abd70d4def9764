import { isBlank } from "../missing";
import type { Cell } from "../types";

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A money or quantity amount from a cell; NaN when it is not a number. Text may carry a currency
 * sign (`$ £ € ¥ ￥`) or a trailing `元`, thousands commas in groups of three, and accounting
 * parentheses for negatives. Anything else (`1.234,50`, `12 abc`) is not guessed at.
 */
export function amountOf(value: Cell): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value !== "string") return NaN;
  if (isPlainNumberText(value)) return decimalValue(value);
  if (isBlank(value)) return NaN;
  let s = value.trim();
  if (PLAIN.test(s)) return Number(s);
  let negative = false;
  if (s.charCodeAt(0) === 40 /* ( */ && s.charCodeAt(s.length - 1) === 41) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1).trim();
    if (s.startsWith("-") || s.startsWith("+")) return NaN; // "--5" is not −(−5)
  }
  s = s.replace(/^(RMB|CNY|USD|EUR|GBP|[$£€¥￥])\s*/i, "").replace(/\s*元$/, "");
  if (THOUSANDS.test(s)) s = s.replace(/,/g, "");
  if (!PLAIN.test(s)) return NaN;
  const v = Number(s);
  return negative ? -v : v;
}

/**
 * Whether a text uses only digits, `.`, `e`/`E` and signs, starting with a digit, sign or point: for
 * such texts Number() reads exactly what PLAIN accepts (and gives NaN for the rest), so CSV numbers
 * skip the trim and the regular expression.
 */
function isPlainNumberText(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  const first = text.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46)) return false;
  for (let i = 1; i < n; ++i) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45)) return false;
  }
  return true;
}

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact up to 1e22

/**
 * Number(text) for a plain-number text, with the common `[-]digits[.digits]` form (at most 15
 * digits) done by hand: digits / 10^k is then a division of two exact doubles, which IEEE rounds
 * to the same double as the decimal text (Clinger's fast path). Anything else goes to Number().
 */
function decimalValue(text: string): number {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let fraction = -1;
  let value = 0;
  for (; i < n; ++i) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      ++digits;
    } else if (c === 46 && fraction < 0) fraction = i;
    else return Number(text);
  }
  if (digits === 0 || digits > 15) return Number(text);
  if (fraction >= 0) value /= POWERS_OF_TEN[n - 1 - fraction];
  return text.charCodeAt(0) === 45 ? -value : value;
}

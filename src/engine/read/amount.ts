/**
 * Amount texts: their value with a decimal point or a decimal comma, and what each text says about
 * which mark its column uses (FORM_*; decided per column in decimalMark.ts).
 */
import { isBlank } from "../common/missing";
import type { Cell } from "../common/types";

/**
 * A money or quantity amount from a cell read with a decimal point; NaN when it is not a number.
 * See amountWithMark (a column's mark is decided in decimalMark.ts).
 */
export function amountOf(value: Cell): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value !== "string") return NaN;
  if (isPlainNumberText(value)) return decimalValue(value);
  return slowAmount(value, ".");
}

/**
 * A money or quantity amount from a cell with the given decimal mark; NaN when it is not a number.
 * Text may carry a currency sign or code before or after (`$ £ € ¥ ￥`, `EUR`, a trailing `元`),
 * thousands separators (the other mark, in groups of three; or spaces, no-break and thin spaces,
 * apostrophes) and accounting parentheses for negatives. Anything else (`12 abc`) is not guessed at.
 */
export function amountWithMark(value: Cell, mark: DecimalMark): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value !== "string") return NaN;
  if (isPlainNumberText(value) && (mark === "." || value.indexOf(".") < 0)) return decimalValue(value);
  return slowAmount(value, mark);
}

function slowAmount(value: string, mark: DecimalMark): number {
  const c = coreOf(value);
  if (!c) return NaN;
  const v = coreValue(c.core, mark);
  return c.negative ? -v : v;
}

export type DecimalMark = "." | ",";

/** The mark does not matter (no `.` or `,`), or the text is not a number. */
export const FORM_NONE = 0;
/** Only a decimal point reads it (`12.50`, `0.125`, `1,234.50`, `1,234,567`). */
export const FORM_DOT = 1;
/** Only a decimal comma reads it (`12,50`, `0,125`, `1234,56`, `1.234,50`, `1.234.567`). */
export const FORM_COMMA = 2;
/** `1.234`: 1.234 with a decimal point, 1234 with a decimal comma. */
export const FORM_DOT_GROUP = 3;
/** `2,375`: 2375 with a decimal point (thousands comma), 2.375 with a decimal comma. */
export const FORM_COMMA_GROUP = 4;

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// A leading group of 0 is never thousands: `0,125` and `0.125` are decimals.
const COMMA_THOUSANDS = /^[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;
const DOT_THOUSANDS = /^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
const COMMA_DECIMAL = /^(\d+,\d*|,\d+)$/;
/** Digit groups of three split by a space (also no-break and thin spaces) or an apostrophe: `1 234,50`, `1'234.50`. */
const SPACE_GROUPS = /^[1-9]\d{0,2}([ \u00a0\u2009\u202f'’]\d{3})+([.,]\d+)?$/;
const SPACE_GROUP_MARKS = /[ \u00a0\u2009\u202f'’]/g;
const CURRENCY_BEFORE = /^(RMB|CNY|USD|EUR|GBP|CHF|[$£€¥￥])\s*/i;
const CURRENCY_AFTER = /\s*(RMB|CNY|USD|EUR|GBP|CHF|元|[$£€¥￥])$/i;

/** A text amount taken apart: its sign and its digits-and-marks core (`€ -1 234,50` → −, `1234,50`). */
interface Core {
  negative: boolean;
  core: string;
}

/** Sign, accounting parentheses, currency before or after, digit groups split by spaces; null when blank. */
function coreOf(value: string): Core | null {
  if (isBlank(value)) return null;
  let s = value.trim();
  let negative = false;
  if (s.charCodeAt(0) === 40 /* ( */ && s.charCodeAt(s.length - 1) === 41) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1).trim();
    if (s.startsWith("-") || s.startsWith("+")) return { negative, core: "" }; // "--5" is not −(−5)
  }
  s = s.replace(CURRENCY_BEFORE, "").replace(CURRENCY_AFTER, "");
  if (s.startsWith("-")) {
    // "€ -12,50"
    negative = !negative;
    s = s.slice(1).trim();
  }
  if (SPACE_GROUPS.test(s)) s = s.replace(SPACE_GROUP_MARKS, "");
  return { negative, core: s };
}

/** The value of a core under a mark, NaN when it is not a number that way. */
function coreValue(core: string, mark: DecimalMark): number {
  if (PLAIN.test(core)) {
    if (mark === "." || core.indexOf(".") < 0) return Number(core);
    // With a decimal comma a point groups thousands: `1.234` is 1234, `12.5` is nothing.
    return DOT_THOUSANDS.test(core) ? Number(core.replace(/\./g, "")) : NaN;
  }
  if (mark === ".") return COMMA_THOUSANDS.test(core) ? Number(core.replace(/,/g, "")) : NaN;
  if (COMMA_DECIMAL.test(core)) return Number(core.replace(",", "."));
  if (DOT_THOUSANDS.test(core)) return Number(core.replace(/\./g, "").replace(",", "."));
  return NaN;
}

/** What a core says about the mark (FORM_*). */
function formOfCore(core: string): number {
  const dot = core.lastIndexOf(".");
  const comma = core.lastIndexOf(",");
  if (dot < 0 && comma < 0) return FORM_NONE;
  const asDot = coreValue(core, ".");
  const asComma = coreValue(core, ",");
  const dotOk = asDot === asDot, commaOk = asComma === asComma;
  if (dotOk && commaOk) return asDot === asComma ? FORM_NONE : comma >= 0 ? FORM_COMMA_GROUP : FORM_DOT_GROUP;
  return dotOk ? FORM_DOT : commaOk ? FORM_COMMA : FORM_NONE;
}

/** What a cell says about its column's decimal mark (FORM_*); numbers and blanks say nothing. */
export function decimalFormOf(value: Cell): number {
  if (typeof value !== "string") return FORM_NONE;
  const n = value.length;
  // The common CSV number, `[-]digits[.digits]`: only the point's place matters.
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  let point = -1;
  for (; i < n; ++i) {
    const c = value.charCodeAt(i);
    if (c === 46 && point < 0) point = i;
    else if (c < 48 || c > 57) break;
  }
  if (i === n && n > 0) {
    if (point < 0) return FORM_NONE;
    const start = value.charCodeAt(0) === 45 ? 1 : 0;
    const whole = point - start;
    if (n - 1 - point === 3 && whole >= 1 && whole <= 3 && value.charCodeAt(start) !== 48) return FORM_DOT_GROUP;
    return whole === 0 && n - 1 - point === 0 ? FORM_NONE : FORM_DOT;
  }
  const c = coreOf(value);
  return c ? formOfCore(c.core) : FORM_NONE;
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

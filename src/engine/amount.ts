import { isBlank } from "./missing";
import type { Cell } from "./types";

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A money or quantity amount from a cell; NaN when it is not a number. Text may carry a currency
 * sign (`$ £ € ¥ ￥`) or a trailing `元`, thousands commas in groups of three, and accounting
 * parentheses for negatives. Anything else (`1.234,50`, `12 abc`) is not guessed at.
 */
export function amountOf(value: Cell): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : NaN;
  if (typeof value !== "string" || isBlank(value)) return NaN;
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
  }
  s = s.replace(/^(RMB|CNY|USD|EUR|GBP|[$£€¥￥])\s*/i, "").replace(/\s*元$/, "");
  if (THOUSANDS.test(s)) s = s.replace(/,/g, "");
  if (!PLAIN.test(s)) return NaN;
  const v = Number(s);
  return negative ? -v : v;
}

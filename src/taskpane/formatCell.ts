/**
 * Cells as the sheet shows them, for the preview, and money in the currency of the amount column.
 * numfmt (an ECMA-376 number-format implementation) renders Excel's format codes, so a date is read
 * as the user sees it in the sheet — the preview is where they check the date column.
 */
import { format as formatNumber, getFormatInfo, isDateFormat } from "numfmt";
import { formatDay, serialToDay } from "../engine/read/days";
import type { Cell, Lang } from "../engine/common/types";
import { localeOf } from "./strings";

/** 1904-system serials are 1,462 days smaller than 1900-system ones for the same day. */
const SHIFT_1904 = 1462;

export interface ShownCell {
  text: string;
  /** Numbers and dates are right-aligned, as in the sheet. */
  numeric: boolean;
}

/**
 * One cell: by its number format when it has one; a bare serial in the date column as a date
 * (that is how the engine will read it); other numbers and text as they are.
 */
export function showCell(value: Cell, numberFormat: string | undefined, dateSystem: 1900 | 1904, isDateColumn: boolean): ShownCell {
  if (value === null || value === undefined || value === "") return { text: "", numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: true };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", numeric: false };
  if (typeof value === "string") return { text: value, numeric: false };
  const fmt = numberFormat && numberFormat !== "General" ? numberFormat : "";
  if (fmt) {
    try {
      const serial = isDateFormat(fmt) && dateSystem === 1904 ? value + SHIFT_1904 : value;
      return { text: formatNumber(fmt, serial, { throws: false }), numeric: true };
    } catch {
      // An unusual format: fall through to the plain number.
    }
  }
  if (isDateColumn && value > 0 && value < 2958466) return { text: formatDay(serialToDay(value, dateSystem)), numeric: true };
  return { text: String(value), numeric: true };
}

/**
 * Money in the amount column's currency when its number format has one ("$"#,##0.00, [$¥-804]…),
 * rounded to whole units for the pane; otherwise a plain grouped number.
 */
export function moneyFormatter(amountFormat: string | undefined, lang: Lang): (value: number) => string {
  const plain = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 0 });
  if (!amountFormat || amountFormat === "General") return (v) => plain.format(v);
  try {
    if (getFormatInfo(amountFormat).type !== "currency") return (v) => plain.format(v);
    // Keep the format's currency and grouping, without decimals: first section only (positive numbers).
    const section = amountFormat.split(";")[0].replace(/0\.0+/g, "0");
    return (v) => formatNumber(section, Math.round(v), { throws: false });
  } catch {
    return (v) => plain.format(v);
  }
}

/** "12.3%" / "12.3%" — shares with one decimal. */
export function percent(share: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), { style: "percent", maximumFractionDigits: 1 }).format(share);
}

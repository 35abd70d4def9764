/**
 * Calendar dates as whole days since 1970-01-01 ("epoch days"). Time of day is always dropped.
 */
import { INVALID_DAY } from "../common/missing";
import type { DateOrder, DateSystem } from "../common/types";

/** Epoch day of a proleptic Gregorian date, or INVALID_DAY when it is not a real date. */
export function epochDay(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || year < 1 || year > 9999) return INVALID_DAY;
  if (day > daysInMonth(year, month)) return INVALID_DAY;
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` of an epoch day. */
export function formatDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** Epoch day of `YYYY-MM-DD` text (an as-of or split date), INVALID_DAY when it is not one. */
export function isoDay(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return INVALID_DAY;
  const [y, m, d] = text.split("-").map(Number);
  return epochDay(y, m, d);
}

/** Largest serial Excel accepts as a date: 9999-12-31 in the 1900 system. */
export const MAX_EXCEL_SERIAL = 2958465;
const EPOCH_1900 = 25569; // serial of 1970-01-01 in the 1900 system
const EPOCH_1904 = 24107; // serial of 1970-01-01 in the 1904 system

/**
 * Epoch day of an Excel serial date (fraction = time of day, dropped). The 1900 system counts a
 * fictitious 1900-02-29 (serial 60): serials below it are one day earlier than the formula gives,
 * and serial 60 itself is not a date.
 */
export function serialToDay(serial: number, system: DateSystem = 1900): number {
  if (!Number.isFinite(serial) || serial < 0) return INVALID_DAY;
  const whole = Math.floor(serial);
  if (system === 1904) return whole > MAX_EXCEL_SERIAL - 1462 ? INVALID_DAY : whole - EPOCH_1904;
  if (whole < 1 || whole > MAX_EXCEL_SERIAL || whole === 60) return INVALID_DAY;
  return whole < 60 ? whole - EPOCH_1900 + 1 : whole - EPOCH_1900;
}

/** Excel serial (1900 or 1904 system) of an epoch day: what a cell must hold to show this date. */
export function dayToSerial(day: number, system: DateSystem = 1900): number {
  if (system === 1904) return day + EPOCH_1904;
  const serial = day + EPOCH_1900;
  return serial <= 60 ? serial - 1 : serial;
}

/** Epoch day of a JavaScript Date's UTC calendar date (ExcelJS gives date cells as UTC Dates). */
export function dateToDay(date: Date): number {
  const t = date.getTime();
  return Number.isFinite(t) ? Math.floor(t / 86400000) : INVALID_DAY;
}

/** Number of `YYYYMMDD` as an integer, e.g. 20240305, or INVALID_DAY. */
export function compactNumberToDay(n: number): number {
  if (!Number.isInteger(n) || n < 10000101 || n > 99991231) return INVALID_DAY;
  return epochDay(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
}

function digitsAt(s: string, start: number, count: number): number {
  let v = 0;
  for (let i = start; i < start + count; ++i) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Reads a run of 1–4 digits starting at `pos`; returns [value, end] or [-1, pos]. */
function readNumber(s: string, pos: number, maxDigits: number): [number, number] {
  let v = 0;
  let i = pos;
  while (i < s.length && i - pos < maxDigits) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    ++i;
  }
  return i === pos ? [-1, pos] : [v, i];
}

/**
 * A time after the date: `14:22[:00[.5]]`, with AM/PM or Chinese Excel's 上午/下午 (before the time,
 * `2024/3/5 下午 02:22:00`, or after it), and a zone. Only the calendar date is used.
 */
const TIME_TAIL = /^[ T]\s*(上午|下午|中午|凌晨|晚上)?\s*\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm]|上午|下午)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** What may follow the date part: nothing, or a space / `T` and a time. */
function validTail(s: string, pos: number): boolean {
  if (pos === s.length) return true;
  const c = s.charCodeAt(pos);
  if (c !== 32 && c !== 84 /* T */) return false;
  return TIME_TAIL.test(s.slice(pos));
}

/** The shape of a day/month text date `a/b/yyyy`, used to detect the column's order. */
export interface SlashParts {
  first: number;
  second: number;
  year: number;
}

/** For `a/b/yyyy` or `a-b-yyyy` or `a.b.yyyy` text, the two leading numbers; otherwise null. */
export function slashParts(text: string): SlashParts | null {
  const s = text.trim();
  const [a, p1] = readNumber(s, 0, 2);
  if (a < 0 || p1 >= s.length) return null;
  const sep = s.charCodeAt(p1);
  if (sep !== 47 && sep !== 45 && sep !== 46) return null;
  const [b, p2] = readNumber(s, p1 + 1, 2);
  if (b < 0 || s.charCodeAt(p2) !== sep) return null;
  const [y, p3] = readNumber(s, p2 + 1, 4);
  if (y < 0 || p3 - p2 - 1 !== 4 || !validTail(s, p3)) return null;
  return { first: a, second: b, year: y };
}

/**
 * Epoch day of a date written as text: `YYYY-MM-DD[ HH:MM[:SS]]`, `YYYY/MM/DD`, `YYYYMMDD`,
 * `2024年3月5日`, a number written as text (Excel serial), or `a/b/YYYY` when `order` says which
 * of a and b is the day. Returns INVALID_DAY when the text is not one of these or not a real date.
 */
export function parseTextDay(text: string, order: DateOrder, system: DateSystem = 1900): number {
  const s = text.trim();
  const n = s.length;
  if (n < 6) return n > 0 && /^\d+(\.\d+)?$/.test(s) ? serialToDay(Number(s), system) : INVALID_DAY;
  const c4 = s.charCodeAt(4);
  // YYYY-MM-DD / YYYY/MM/DD / YYYY.MM.DD, with optional time
  const y4 = digitsAt(s, 0, 4);
  if (y4 >= 0 && (c4 === 45 || c4 === 47 || c4 === 46)) {
    const y = y4;
    const [m, p1] = readNumber(s, 5, 2);
    if (m < 0 || s.charCodeAt(p1) !== c4) return INVALID_DAY;
    const [d, p2] = readNumber(s, p1 + 1, 2);
    if (d < 0 || !validTail(s, p2)) return INVALID_DAY;
    return epochDay(y, m, d);
  }
  // 2024年3月5日
  if (c4 === 0x5e74 /* 年 */) {
    const match = /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日(\s*\d{1,2}[:：]\d{2}([:：]\d{2})?)?$/.exec(s);
    if (!match) return INVALID_DAY;
    return epochDay(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  // YYYYMMDD, or YYYYMMDD HHMMSS-like tails are not accepted
  if (n === 8) {
    const v = digitsAt(s, 0, 8);
    if (v >= 0) return compactNumberToDay(v);
  }
  if (/^\d+(\.\d+)?$/.test(s)) {
    const v = Number(s);
    return v > MAX_EXCEL_SERIAL ? compactNumberToDay(v) : serialToDay(v, system);
  }
  const c = s.charCodeAt(2) === 45 || s.charCodeAt(1) === 45 ? monthNameDay(s) : INVALID_DAY;
  if (c !== INVALID_DAY) return c;
  const parts = slashParts(s);
  if (parts && order !== "auto")
    return order === "dmy" ? epochDay(parts.year, parts.second, parts.first) : epochDay(parts.year, parts.first, parts.second);
  return INVALID_DAY;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
/**
 * Oracle / SAP `DD-MON-YY` (`05-MAR-24`) or `DD-MON-YYYY`, any case, optionally with Oracle's
 * time (`05-MAR-24 02.22.00.000000 PM`) or a `HH:MM[:SS]` time. A two-digit year is read as
 * Oracle's RR format does: 00–49 → 20YY, 50–99 → 19YY.
 */
const MONTH_NAME_DATE = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})(?:\s+\d{1,2}[.:]\d{2}([.:]\d{2}([.,]\d+)?)?\s*([AaPp][Mm])?)?$/;

function monthNameDay(s: string): number {
  const m = MONTH_NAME_DATE.exec(s);
  if (!m) return INVALID_DAY;
  const month = MONTHS.indexOf(m[2].toUpperCase()) + 1;
  if (month === 0) return INVALID_DAY;
  let year = Number(m[3]);
  if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
  return epochDay(year, month, Number(m[1]));
}

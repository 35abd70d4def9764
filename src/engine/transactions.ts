/**
 * Parse and clean: cells → columnar transactions (SPEC §1). One pass over the rows; every row gets a
 * status (included, or the first exclusion reason that applies), so no row is silently lost.
 */
import { amountOf } from "./amount";
import { customerIdOf } from "./customerId";
import { dateToDay, parseTextDay, serialToDay, compactNumberToDay, slashParts, MAX_EXCEL_SERIAL } from "./days";
import { INVALID_DAY, isBlank } from "./missing";
import { NumberIndex } from "./numberIndex";
import type { Cell, ColumnMapping, DateOrder, DateSystem } from "./types";

/** An order id text that is exactly a whole number (no sign, no leading zero, ≤ 15 digits). */
const DIGITS = /^[1-9]\d{0,14}$/;

/** Row status codes (index into EXCLUSION_REASONS is code − 1). */
export const ROW_INCLUDED = 0;
export const ROW_MISSING_CUSTOMER = 1;
export const ROW_BAD_DATE = 2;
export const ROW_BAD_AMOUNT = 3;
export const ROW_NON_POSITIVE = 4;
export const ROW_AFTER_AS_OF = 5;

/** Columnar transactions: one entry per data row, in input order. */
export interface Transactions {
  rowCount: number;
  /** Index into customerIds, −1 when the row has no customer id. */
  customer: Int32Array;
  customerIds: string[];
  /** Epoch day, INVALID_DAY when the date could not be read. */
  day: Int32Array;
  /** Amount (or quantity × price); NaN when it could not be read. */
  amount: Float64Array;
  /** Index into the order dictionary, −1 when there is no order column or the cell is empty. */
  order: Int32Array;
  orderCount: number;
  hasOrderColumn: boolean;
  /** ROW_* code per row. */
  status: Uint8Array;
}

export interface ReadOptions {
  dateSystem: DateSystem;
  dateOrder: DateOrder;
  zeroAmounts: "exclude" | "include";
}

/** What a date column holds, for day/month order detection (`03/05/2024`). */
export interface DateOrderEvidence {
  /** Rows whose first number is over 12 (so day-first), and whose second is (so month-first). */
  dayFirst: number;
  monthFirst: number;
  /** Rows of the `a/b/yyyy` shape where both numbers are ≤ 12. */
  ambiguous: number;
  /** First row (0-based data index) of each kind, −1 when none. */
  firstAmbiguousRow: number;
}

/** Scans a date column for `a/b/yyyy` text and says which order it proves, if any. */
export function dateOrderEvidence(cells: readonly (readonly Cell[])[], column: number, start: number): DateOrderEvidence {
  const evidence: DateOrderEvidence = { dayFirst: 0, monthFirst: 0, ambiguous: 0, firstAmbiguousRow: -1 };
  for (let i = start, n = cells.length; i < n; ++i) {
    const value = cells[i]?.[column];
    if (typeof value !== "string") continue;
    const c = value.charCodeAt(1);
    if (c !== 47 && c !== 46 && c !== 45 && value.charCodeAt(2) !== 47 && value.charCodeAt(2) !== 46 && value.charCodeAt(2) !== 45) continue;
    const parts = slashParts(value);
    if (!parts) continue;
    if (parts.first > 12 && parts.second <= 12) ++evidence.dayFirst;
    else if (parts.second > 12 && parts.first <= 12) ++evidence.monthFirst;
    else if (parts.first <= 12 && parts.second <= 12) {
      ++evidence.ambiguous;
      if (evidence.firstAmbiguousRow < 0) evidence.firstAmbiguousRow = i - start;
    }
  }
  return evidence;
}

/** Epoch day of a date cell: an Excel serial, a Date, `YYYYMMDD` as a number, or text. */
export function dayOf(value: Cell, order: DateOrder, system: DateSystem): number {
  if (typeof value === "number") {
    if (value > MAX_EXCEL_SERIAL) return compactNumberToDay(value);
    return serialToDay(value, system);
  }
  if (typeof value === "string") return parseTextDay(value, order, system);
  if (value instanceof Date) return dateToDay(value);
  return INVALID_DAY;
}

/**
 * Reads the mapped columns of rows `start … cells.length − 1` into columnar transactions.
 * Statuses here are final except `after_as_of`, which `applyAsOf` sets once the as-of date is known.
 */
export function readTransactions(
  cells: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  start: number,
  options: ReadOptions,
): Transactions {
  const rowCount = Math.max(0, cells.length - start);
  const customer = new Int32Array(rowCount);
  const day = new Int32Array(rowCount);
  const amount = new Float64Array(rowCount);
  const order = new Int32Array(rowCount).fill(-1);
  const status = new Uint8Array(rowCount);
  const idIndex = new Map<string, number>();
  const numberIdIndex = new NumberIndex();
  const customerIds: string[] = [];
  const orderIndex = new Map<string, number>();
  // Numeric order ids — number cells, and texts of digits without a leading zero ("536365" is the
  // same order as the number 536365) — go to a typed-array dictionary; other texts to a Map.
  const numberOrderIndex = new NumberIndex();
  let orderCount = 0;

  const cCol = mapping.customer ?? -1;
  const dCol = mapping.date ?? -1;
  const aCol = mapping.amount ?? -1;
  const qCol = mapping.quantity ?? -1;
  const pCol = mapping.price ?? -1;
  const oCol = mapping.order ?? -1;
  const useProduct = aCol < 0;
  const includeZero = options.zeroAmounts === "include";
  const { dateOrder, dateSystem } = options;
  // Text dates repeat (one timestamp per invoice line): remember the last one read.
  let lastDateText = "";
  let lastDateDay = INVALID_DAY;
  let lastDateNumber = NaN;
  let lastDateNumberDay = INVALID_DAY;
  let lastIdCell: Cell = undefined;
  let lastOrderCell: Cell = undefined;

  for (let i = 0; i < rowCount; ++i) {
    const row = cells[start + i] ?? [];
    // customer
    const idCell = row[cCol];
    let c = -1;
    // Invoice lines come in runs: the same customer, date and order as the row before are looked up once.
    if (idCell === lastIdCell && i > 0) c = customer[i - 1];
    else if (typeof idCell === "number" && Number.isFinite(idCell)) {
      const known = numberIdIndex.get(idCell);
      if (known >= 0) c = known;
      else {
        const id = customerIdOf(idCell);
        c = idIndex.get(id) ?? -1;
        if (c < 0) {
          c = customerIds.length;
          customerIds.push(id);
          idIndex.set(id, c);
        }
        numberIdIndex.set(idCell, c);
      }
    } else {
      const known = typeof idCell === "string" ? idIndex.get(idCell) : undefined;
      if (known !== undefined) c = known;
      else {
        const id = customerIdOf(idCell);
        if (id !== "") {
          c = idIndex.get(id) ?? -1;
          if (c < 0) {
            c = customerIds.length;
            customerIds.push(id);
            idIndex.set(id, c);
          }
          if (typeof idCell === "string" && idCell !== id) idIndex.set(idCell, c);
        }
      }
    }
    customer[i] = c;
    lastIdCell = idCell;
    // date
    const dateCell = row[dCol];
    let d: number;
    if (typeof dateCell === "string") {
      if (dateCell === lastDateText) d = lastDateDay;
      else {
        d = parseTextDay(dateCell, dateOrder, dateSystem);
        lastDateText = dateCell;
        lastDateDay = d;
      }
    } else if (typeof dateCell === "number" && dateCell === lastDateNumber) d = lastDateNumberDay;
    else {
      d = dayOf(dateCell, dateOrder, dateSystem);
      if (typeof dateCell === "number") {
        lastDateNumber = dateCell;
        lastDateNumberDay = d;
      }
    }
    day[i] = d;
    // amount
    let a: number;
    if (useProduct) {
      const q = row[qCol];
      const p = row[pCol];
      a = (typeof q === "number" ? q : amountOf(q)) * (typeof p === "number" ? p : amountOf(p));
    } else {
      const v = row[aCol];
      a = typeof v === "number" ? v : amountOf(v);
    }
    if (!Number.isFinite(a)) a = NaN;
    amount[i] = a;
    // order
    if (oCol >= 0) {
      const o = row[oCol];
      if (o === lastOrderCell && i > 0) order[i] = order[i - 1];
      else if (typeof o === "number" && Number.isFinite(o)) {
        let k = numberOrderIndex.get(o);
        if (k < 0) numberOrderIndex.set(o, (k = orderCount++));
        order[i] = k;
      } else if (!isBlank(o)) {
        const key = typeof o === "string" ? o.trim() : String(o);
        if (DIGITS.test(key)) {
          const n = Number(key);
          let k = numberOrderIndex.get(n);
          if (k < 0) numberOrderIndex.set(n, (k = orderCount++));
          order[i] = k;
        } else {
          let k = orderIndex.get(key);
          if (k === undefined) orderIndex.set(key, (k = orderCount++));
          order[i] = k;
        }
      }
      lastOrderCell = o;
    }
    status[i] =
      c < 0 ? ROW_MISSING_CUSTOMER
      : d === INVALID_DAY ? ROW_BAD_DATE
      : a !== a ? ROW_BAD_AMOUNT
      : a > 0 || (includeZero && a === 0) ? ROW_INCLUDED
      : ROW_NON_POSITIVE;
  }
  return { rowCount, customer, customerIds, day, amount, order, orderCount, hasOrderColumn: oCol >= 0, status };
}

/** Latest day of an included row, or INVALID_DAY when there is none. */
export function latestIncludedDay(tx: Transactions): number {
  let latest = INVALID_DAY;
  const { status, day } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) if (status[i] === ROW_INCLUDED && day[i] > latest) latest = day[i];
  return latest;
}

/** Marks included rows dated on or after `asOfDay` as `after_as_of`. */
export function applyAsOf(tx: Transactions, asOfDay: number): void {
  const { status, day } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) if (status[i] === ROW_INCLUDED && day[i] >= asOfDay) status[i] = ROW_AFTER_AS_OF;
}

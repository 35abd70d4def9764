/**
 * Parse and clean: cells → columnar transactions (SPEC §1). One pass over the rows; every row gets a
 * status (included, or the first exclusion reason that applies), so no row is silently lost.
 */
import { amountOf } from "./amount";
import { dateToDay, parseTextDay, serialToDay, compactNumberToDay, slashParts, MAX_EXCEL_SERIAL } from "./days";
import { CustomerDictionary, OrderDictionary } from "./idDictionaries";
import { INVALID_DAY } from "../missing";
import type { Cell, ColumnMapping, DateOrder, DateSystem } from "../types";

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
  /**
   * Index into the order dictionary, −1 when the cell is empty; empty when there is no order
   * column. A plain array, not an Int32Array: see readTransactions.
   */
  order: number[];
  orderCount: number;
  hasOrderColumn: boolean;
  /** ROW_* code per row. */
  status: Uint8Array;
  /**
   * Read with date order "auto": what the text dates say about day/month order. Until
   * `settleDateOrder` runs, `a/b/yyyy` texts are read day first.
   */
  dateEvidence?: DateOrderEvidence;
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

const NOT_SLASH = 0, DAY_FIRST = 1, MONTH_FIRST = 2, AMBIGUOUS = 3;

/** What one date text says about the order: not `a/b/yyyy`, day first, month first, or either. */
function dateOrderKind(value: string): number {
  const c = value.charCodeAt(1);
  if (c !== 47 && c !== 46 && c !== 45 && value.charCodeAt(2) !== 47 && value.charCodeAt(2) !== 46 && value.charCodeAt(2) !== 45) return NOT_SLASH;
  const parts = slashParts(value);
  if (!parts) return NOT_SLASH;
  if (parts.first > 12 && parts.second <= 12) return DAY_FIRST;
  if (parts.second > 12 && parts.first <= 12) return MONTH_FIRST;
  return parts.first <= 12 && parts.second <= 12 ? AMBIGUOUS : NOT_SLASH;
}

function addEvidence(evidence: DateOrderEvidence, kind: number, row: number): void {
  if (kind === DAY_FIRST) ++evidence.dayFirst;
  else if (kind === MONTH_FIRST) ++evidence.monthFirst;
  else if (kind === AMBIGUOUS) {
    ++evidence.ambiguous;
    if (evidence.firstAmbiguousRow < 0) evidence.firstAmbiguousRow = row;
  }
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
  // Order indexes are only needed by the aggregation: a plain array, so that they are heap memory
  // (V8 starts a full collection after every 64 MB of typed-array memory, see grade/scratch.ts).
  const order: number[] = mapping.order !== undefined ? new Array(rowCount) : [];
  const status = new Uint8Array(rowCount);
  const customers = new CustomerDictionary();
  const orders = new OrderDictionary();
  const evidence: DateOrderEvidence | undefined = options.dateOrder === "auto" ? { dayFirst: 0, monthFirst: 0, ambiguous: 0, firstAmbiguousRow: -1 } : undefined;
  const tx: Transactions = { rowCount, customer, customerIds: customers.ids, day, amount, order, orderCount: 0, hasOrderColumn: mapping.order !== undefined, status };
  readRows(cells, mapping, start, options, tx, customers, orders, evidence);
  tx.orderCount = orders.count;
  if (evidence) tx.dateEvidence = evidence;
  return tx;
}

/**
 * The row loop of readTransactions, on its own so that the optimised code covers only the loop
 * (code after a loop that has not run yet has no type feedback; when it is in the same function,
 * reaching it throws the optimised code away and the next read starts slow, boxing every amount).
 */
function readRows(
  cells: readonly (readonly Cell[])[],
  mapping: ColumnMapping,
  start: number,
  options: ReadOptions,
  tx: Transactions,
  customers: CustomerDictionary,
  orders: OrderDictionary,
  evidence: DateOrderEvidence | undefined,
): void {
  const { rowCount, customer, day, amount, order, status } = tx;
  const cCol = mapping.customer ?? -1;
  const dCol = mapping.date ?? -1;
  const aCol = mapping.amount ?? -1;
  const qCol = mapping.quantity ?? -1;
  const pCol = mapping.price ?? -1;
  const oCol = mapping.order ?? -1;
  const useProduct = aCol < 0;
  const includeZero = options.zeroAmounts === "include";
  const { dateSystem } = options;
  const dateOrder = evidence ? "dmy" : options.dateOrder;
  let lastDateKind = NOT_SLASH;
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
    // Invoice lines come in runs: the same customer, date and order as the row before are looked up once.
    const c = idCell === lastIdCell && i > 0 ? customer[i - 1] : customers.indexOf(idCell);
    customer[i] = c;
    lastIdCell = idCell;
    // date
    const dateCell = row[dCol];
    let d: number;
    if (typeof dateCell === "string") {
      if (dateCell !== lastDateText) {
        lastDateText = dateCell;
        lastDateDay = parseTextDay(dateCell, dateOrder, dateSystem);
        if (evidence) lastDateKind = dateOrderKind(dateCell);
      }
      d = lastDateDay;
      if (evidence && lastDateKind !== NOT_SLASH) addEvidence(evidence, lastDateKind, i);
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
    status[i] = rowStatus(c, d, a, includeZero);
    // order
    if (oCol >= 0) {
      const o = row[oCol];
      if (o === lastOrderCell && i > 0) order[i] = order[i - 1];
      else order[i] = orders.indexOf(o);
      lastOrderCell = o;
    }
  }
}

function rowStatus(customer: number, day: number, amount: number, includeZero: boolean): number {
  return customer < 0 ? ROW_MISSING_CUSTOMER
    : day === INVALID_DAY ? ROW_BAD_DATE
    : amount !== amount ? ROW_BAD_AMOUNT
    : amount > 0 || (includeZero && amount === 0) ? ROW_INCLUDED
    : ROW_NON_POSITIVE;
}

/**
 * After a read with date order "auto", once the evidence has chosen `order`: reads the text dates
 * again when that order is month first (the read took `a/b/yyyy` as day first). Only text date
 * cells are visited again; numbers and Date cells do not depend on the order.
 */
export function settleDateOrder(tx: Transactions, cells: readonly (readonly Cell[])[], dateColumn: number, start: number, order: "dmy" | "mdy", options: ReadOptions): void {
  delete tx.dateEvidence;
  if (order === "dmy") return;
  const includeZero = options.zeroAmounts === "include";
  let lastText = "";
  let lastDay = INVALID_DAY;
  for (let i = 0; i < tx.rowCount; ++i) {
    const value = cells[start + i]?.[dateColumn];
    if (typeof value !== "string") continue;
    if (value !== lastText) {
      lastText = value;
      lastDay = parseTextDay(value, order, options.dateSystem);
    }
    tx.day[i] = lastDay;
    tx.status[i] = rowStatus(tx.customer[i], lastDay, tx.amount[i], includeZero);
  }
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

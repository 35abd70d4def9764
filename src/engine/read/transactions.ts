/**
 * Parse and clean: cells → columnar transactions (SPEC §1). One pass over the rows; every row gets a
 * status (included, or the first exclusion reason that applies), so no row is silently lost.
 */
import { amountOf, amountWithMark, type DecimalMark } from "./amount";
import { MarkDetector, type DecimalEvidence, type MarkDecision } from "./decimalMark";
import { dateToDay, parseTextDay, serialToDay, compactNumberToDay, slashParts, MAX_EXCEL_SERIAL } from "./days";
import { CustomerDictionary, OrderDictionary } from "./idDictionaries";
import { mergeEmailSpellings } from "./customerId";
import { RowRules, type RowRuleOptions, type StatusTally, type TotalsCheck } from "./rowRules";
import { INVALID_DAY } from "../common/missing";
import { RETURN_STATUS, type Cell, type ColumnMapping, type DateOrder, type DateSystem } from "../common/types";

/** Row status codes (index into EXCLUSION_REASONS is code − 1), in SPEC §1's order. */
export const ROW_INCLUDED = 0;
/** Rows above the header: counted by the row report, never part of the transactions. */
export const ROW_TITLE = 1;
export const ROW_HEADER = 2;
export const ROW_TOTAL = 3;
export const ROW_MISSING_CUSTOMER = 4;
export const ROW_EXCLUDED_CUSTOMER = 5;
export const ROW_CANCELLED = 6;
export const ROW_UNPAID = 7;
export const ROW_BAD_DATE = 8;
export const ROW_BAD_AMOUNT = 9;
export const ROW_NON_POSITIVE = 10;
export const ROW_AFTER_AS_OF = 11;
/** With returns = net: a return (negative amount, or a return by its order type), netted off monetary. */
export const ROW_RETURN = RETURN_STATUS;

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
  /**
   * Read with decimal mark "auto": what the amount texts (or quantity and price texts) say about
   * decimal comma vs point, per column. Until `settleDecimalMarks` runs, each column is read with
   * the mark its values pointed to so far.
   */
  decimalEvidence?: DecimalEvidence[];
  /** Totals rows checked against the sums above them (set by the grading; for the notes). */
  totalsCheck?: TotalsCheck;
  /** How each amount column's decimal mark was settled (set by the grading; for the notes). */
  decimalMarks?: MarkDecision[];
  /** What the order-status column held (when one is mapped). */
  statusTally?: StatusTally;
  /** E-mail id spellings merged into the first one seen (`Alice@x.com` → `alice@x.com`'s customer). */
  mergedEmailIds: number;
  /** Rows an order-type column marked as returns (their amount is read as −|amount|). */
  returnTypeRows: number;
  /** How many ids of the exclusion list were among the customers read. */
  excludedIdsFound: number;
  /**
   * With a dimension column mapped (a breakdown, `--by Country`): per row an index into `values`
   * (the cell's text, trimmed), −1 for a blank cell.
   */
  dimension?: { row: number[]; values: string[] };
}

export interface ReadOptions {
  dateSystem: DateSystem;
  dateOrder: DateOrder;
  zeroAmounts: "exclude" | "include";
  /** "net": negative amounts (and returns by order type) are returns that net off monetary. */
  returns?: "exclude" | "net";
  /** Header cells, exclusion list and status overrides for the per-row rules. */
  rules?: RowRuleOptions;
  /** The decimal mark of text amounts, quantities and prices: detected per column when "auto" (the default). */
  decimalMark?: "auto" | DecimalMark;
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
  /** The date text on that row (for the message; the cells may be gone by then). */
  firstAmbiguousText?: string;
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

/**
 * Whether the reading of a date text depends on the day/month order (it has the `a/b/yyyy` shape),
 * given its dateOrderKind. Exact, without slashParts for the common texts: one that starts with a
 * digit has the shape only with a separator at index 1 or 2, which dateOrderKind looked for.
 */
function orderMatters(value: string, kind: number): boolean {
  if (kind !== NOT_SLASH) return true;
  const c0 = value.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const c1 = value.charCodeAt(1), c2 = value.charCodeAt(2);
    if (c1 !== 47 && c1 !== 46 && c1 !== 45 && c2 !== 47 && c2 !== 46 && c2 !== 45) return false;
  }
  return slashParts(value) !== null;
}

function addEvidence(evidence: DateOrderEvidence, kind: number, row: number, text: string): void {
  if (kind === DAY_FIRST) ++evidence.dayFirst;
  else if (kind === MONTH_FIRST) ++evidence.monthFirst;
  else if (kind === AMBIGUOUS) {
    ++evidence.ambiguous;
    if (evidence.firstAmbiguousRow < 0) {
      evidence.firstAmbiguousRow = row;
      evidence.firstAmbiguousText = text;
    }
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
  const builder = new TransactionBuilder(mapping, options, Math.max(0, cells.length - start));
  builder.push(cells, start);
  return builder.finish();
}

/** What the row loop carries from one batch to the next (runs of equal cells are read once). */
interface RunState {
  lastDateKind: number;
  lastDateText: string;
  lastDateDay: number;
  /** The month-first reading of lastDateText (date order "auto" only). */
  lastDateAlt: number;
  lastDateNumber: number;
  lastDateNumberDay: number;
  lastIdCell: Cell;
  lastOrderCell: Cell;
}

/**
 * Transactions read batch by batch: `push(rows)` as often as needed, then `finish()`. The CLI's
 * streaming CSV reader pushes batches of rows as they are parsed, so that no array of every cell is
 * held; readTransactions pushes all cells at once. Both are this one code.
 */
export class TransactionBuilder {
  private count = 0;
  private capacity: number;
  private customer: Int32Array;
  private day: Int32Array;
  private amount: Float64Array;
  // Order indexes are only needed by the aggregation: a plain array, so that they are heap memory
  // (V8 starts a full collection after every 64 MB of typed-array memory, see grade/scratch.ts).
  private readonly order: number[];
  private status: Uint8Array;
  /**
   * Date order "auto": the month-first reading of each row's date, kept from the first
   * `a/b/yyyy`-shaped text on (null before), so that settleDateOrder needs no cells.
   */
  private dayMonthFirst: Int32Array | null = null;
  private readonly customers = new CustomerDictionary();
  private readonly orders = new OrderDictionary();
  /** Structure rows, exclusion list, order status: the rules before a row's values (state carries across batches). */
  private readonly rules: RowRules;
  private readonly evidence: DateOrderEvidence | undefined;
  /** Decimal mark "auto": the amount columns' evidence and the rows to read again once it is decided. */
  private readonly marks: MarkDetector | null;
  private readonly state: RunState = {
    lastDateKind: NOT_SLASH, lastDateText: "", lastDateDay: INVALID_DAY, lastDateAlt: INVALID_DAY,
    lastDateNumber: NaN, lastDateNumberDay: INVALID_DAY, lastIdCell: undefined, lastOrderCell: undefined,
  };

  /**
   * `expectedRows`: rows to size the arrays for; `estimated`: that is a guess (from a file's size),
   * so past it the arrays grow by a quarter rather than double (a guess is seldom far off).
   */
  constructor(private readonly mapping: ColumnMapping, private readonly options: ReadOptions, expectedRows = 0, private readonly estimated = false) {
    this.capacity = Math.max(0, expectedRows);
    this.customer = new Int32Array(this.capacity);
    this.day = new Int32Array(this.capacity);
    this.amount = new Float64Array(this.capacity);
    this.order = mapping.order !== undefined ? new Array(this.capacity) : [];
    this.status = new Uint8Array(this.capacity);
    this.evidence = options.dateOrder === "auto" ? { dayFirst: 0, monthFirst: 0, ambiguous: 0, firstAmbiguousRow: -1 } : undefined;
    this.rules = new RowRules(mapping, options.rules ?? {});
    this.marks = (options.decimalMark ?? "auto") === "auto" ? new MarkDetector(mapping) : null;
  }

  private returnTypeRows = 0;
  /** Dimension values (few: regions, channels, stores), so a Map; only with a dimension column. */
  private readonly dimensionRow: number[] = [];
  private readonly dimensionIndex = new Map<string, number>();
  private readonly dimensionValues: string[] = [];

  /** Rows read so far. */
  get rowCount(): number {
    return this.count;
  }

  /** Reads rows `from … to − 1` of `rows` (missing rows read as empty). */
  push(rows: readonly (readonly Cell[] | undefined)[], from = 0, to = rows.length): void {
    const n = to - from;
    if (n <= 0) return;
    this.reserve(this.count + n);
    const tx: RowArrays = { customer: this.customer, day: this.day, amount: this.amount, order: this.order, status: this.status, dayMonthFirst: this.dayMonthFirst };
    this.returnTypeRows += readRows(rows, from, n, this.count, this.mapping, this.options, tx, this.customers, this.orders, this.evidence, this.state, this.rules, this.marks);
    this.dayMonthFirst = tx.dayMonthFirst;
    // The dimension in a pass of its own, so the row loop above stays as it is without a breakdown.
    if (this.mapping.dimension !== undefined) this.pushDimension(rows, from, to, this.mapping.dimension);
    this.count += n;
  }

  /** The transactions read; the builder is not to be used after this. */
  finish(): Transactions {
    const n = this.count;
    const trim = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => (a.length === n ? a : (a.slice(0, n) as T));
    if (this.order.length > n) this.order.length = n;
    const tx: Transactions = {
      rowCount: n,
      customer: trim(this.customer),
      customerIds: this.customers.ids,
      day: trim(this.day),
      amount: trim(this.amount),
      order: this.order,
      orderCount: this.orders.count,
      hasOrderColumn: this.mapping.order !== undefined,
      status: trim(this.status),
      mergedEmailIds: 0,
      returnTypeRows: this.returnTypeRows,
      excludedIdsFound: this.rules.excludedFound,
    };
    if (this.rules.status) tx.statusTally = this.rules.status;
    if (this.mapping.dimension !== undefined) tx.dimension = { row: this.dimensionRow, values: this.dimensionValues };
    // E-mail ids: spellings of one address become one customer (the first spelling seen).
    tx.mergedEmailIds = mergeEmailSpellings(tx.customerIds, tx.customer, n, this.customers.respelled, (id) => this.customers.indexOfId(id));
    if (this.marks) {
      tx.decimalEvidence = this.marks.evidence;
      if (this.marks.rows.length) keptAmounts.set(tx, this.marks);
    }
    if (this.evidence) {
      tx.dateEvidence = this.evidence;
      if (this.dayMonthFirst) monthFirstDays.set(tx, trim(this.dayMonthFirst));
    }
    return tx;
  }

  private pushDimension(rows: readonly (readonly Cell[] | undefined)[], from: number, to: number, col: number): void {
    const { dimensionRow, dimensionIndex, dimensionValues } = this;
    for (let i = from; i < to; ++i) {
      const v = rows[i]?.[col];
      const text = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
      let k = -1;
      if (text !== "") {
        k = dimensionIndex.get(text) ?? -1;
        if (k < 0) {
          k = dimensionValues.length;
          dimensionValues.push(text);
          dimensionIndex.set(text, k);
        }
      }
      dimensionRow.push(k);
    }
  }

  private reserve(size: number): void {
    if (size <= this.capacity) return;
    const capacity = Math.max(size, Math.ceil(this.capacity * (this.estimated ? 1.25 : 2)), 1024);
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.customer = grow(this.customer, (k) => new Int32Array(k));
    this.day = grow(this.day, (k) => new Int32Array(k));
    this.amount = grow(this.amount, (k) => new Float64Array(k));
    this.status = grow(this.status, (k) => new Uint8Array(k));
    if (this.dayMonthFirst) this.dayMonthFirst = grow(this.dayMonthFirst, (k) => new Int32Array(k));
    if (this.mapping.order !== undefined) this.order.length = capacity;
    this.capacity = capacity;
  }
}

/** The month-first days of a read with date order "auto", for settleDateOrder (kept off the Transactions type). */
const monthFirstDays = new WeakMap<Transactions, Int32Array>();
/** The rows of a read with decimal mark "auto" whose amounts depend on the marks, for settleDecimalMarks. */
const keptAmounts = new WeakMap<Transactions, MarkDetector>();

interface RowArrays {
  customer: Int32Array;
  day: Int32Array;
  amount: Float64Array;
  order: number[];
  status: Uint8Array;
  /** TransactionBuilder.dayMonthFirst: readRows creates it at the first `a/b/yyyy` text. */
  dayMonthFirst: Int32Array | null;
}

/**
 * The row loop of the read, on its own so that the optimised code covers only the loop
 * (code after a loop that has not run yet has no type feedback; when it is in the same function,
 * reaching it throws the optimised code away and the next read starts slow, boxing every amount).
 */
function readRows(
  cells: readonly (readonly Cell[] | undefined)[],
  from: number,
  rowCount: number,
  offset: number,
  mapping: ColumnMapping,
  options: ReadOptions,
  tx: RowArrays,
  customers: CustomerDictionary,
  orders: OrderDictionary,
  evidence: DateOrderEvidence | undefined,
  state: RunState,
  rules: RowRules,
  marks: MarkDetector | null,
): number {
  const { customer, day, amount, order, status } = tx;
  let { dayMonthFirst } = tx;
  const ids = customers.ids;
  const net = options.returns === "net";
  const returnTypes = rules.hasReturnTypes;
  let returnTypeRows = 0;
  const cCol = mapping.customer ?? -1;
  const dCol = mapping.date ?? -1;
  const aCol = mapping.amount ?? -1;
  const qCol = mapping.quantity ?? -1;
  const pCol = mapping.price ?? -1;
  const oCol = mapping.order ?? -1;
  const useProduct = aCol < 0;
  const includeZero = options.zeroAmounts === "include";
  const comma = options.decimalMark === ",";
  const { dateSystem } = options;
  const dateOrder = evidence ? "dmy" : options.dateOrder;
  let { lastDateKind, lastDateText, lastDateDay, lastDateAlt, lastDateNumber, lastDateNumberDay, lastIdCell, lastOrderCell } = state;
  const end = offset + rowCount;

  for (let i = offset; i < end; ++i) {
    const row = cells[from + i - offset] ?? [];
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
        if (evidence) {
          lastDateKind = dateOrderKind(dateCell);
          if (!dayMonthFirst && orderMatters(dateCell, lastDateKind)) {
            // The first text whose reading depends on the order: the rows before it read the same either way.
            dayMonthFirst = tx.dayMonthFirst = new Int32Array(day.length);
            dayMonthFirst.set(day.subarray(0, i));
          }
          if (dayMonthFirst) lastDateAlt = orderMatters(dateCell, lastDateKind) ? parseTextDay(dateCell, "mdy", dateSystem) : lastDateDay;
        }
      }
      d = lastDateDay;
      if (evidence && lastDateKind !== NOT_SLASH) addEvidence(evidence, lastDateKind, i, dateCell);
      if (dayMonthFirst) dayMonthFirst[i] = lastDateAlt;
    } else {
      if (typeof dateCell === "number" && dateCell === lastDateNumber) d = lastDateNumberDay;
      else {
        d = dayOf(dateCell, dateOrder, dateSystem);
        if (typeof dateCell === "number") {
          lastDateNumber = dateCell;
          lastDateNumberDay = d;
        }
      }
      if (dayMonthFirst) dayMonthFirst[i] = d;
    }
    day[i] = d;
    // amount
    let a: number;
    if (marks) {
      a = marks.amountOf(row, i);
      if (marks.kept) {
        marks.kept = false;
        marks.returnType.push(returnTypes && rules.isReturn(row));
      }
    } else if (comma) {
      a = useProduct ? amountWithMark(row[qCol], ",") * amountWithMark(row[pCol], ",") : amountWithMark(row[aCol], ",");
    } else if (useProduct) {
      const q = row[qCol];
      const p = row[pCol];
      a = (typeof q === "number" ? q : amountOf(q)) * (typeof p === "number" ? p : amountOf(p));
    } else {
      const v = row[aCol];
      a = typeof v === "number" ? v : amountOf(v);
    }
    if (!Number.isFinite(a)) a = NaN;
    else if (returnTypes && rules.isReturn(row)) {
      a = -Math.abs(a);
      ++returnTypeRows;
    }
    amount[i] = a;
    // order
    let o = -1;
    if (oCol >= 0) {
      const oc = row[oCol];
      if (oc === lastOrderCell && i > 0) o = order[i - 1];
      else o = orders.indexOf(oc);
      order[i] = o;
      lastOrderCell = oc;
    }
    const pre = rules.preStatus(row, c, o, ids);
    status[i] = pre !== 0 ? pre : rowStatus(c, d, a, includeZero, net);
  }
  Object.assign(state, { lastDateKind, lastDateText, lastDateDay, lastDateAlt, lastDateNumber, lastDateNumberDay, lastIdCell, lastOrderCell });
  return returnTypeRows;
}

/** The status from a row's values, once no earlier rule (structure, exclusion list, order status) applies. */
function rowStatus(customer: number, day: number, amount: number, includeZero: boolean, net: boolean): number {
  return customer < 0 ? ROW_MISSING_CUSTOMER
    : day === INVALID_DAY ? ROW_BAD_DATE
    : amount !== amount ? ROW_BAD_AMOUNT
    : amount > 0 || (includeZero && amount === 0) ? ROW_INCLUDED
    : net && amount < 0 ? ROW_RETURN
    : ROW_NON_POSITIVE;
}

/**
 * After a read with date order "auto", once the evidence has chosen `order`: when that order is
 * month first (the read took `a/b/yyyy` as day first), takes the month-first readings the read
 * kept. Numbers and Date cells do not depend on the order.
 */
export function settleDateOrder(tx: Transactions, order: "dmy" | "mdy", options: Pick<ReadOptions, "zeroAmounts" | "returns">): void {
  delete tx.dateEvidence;
  const alt = monthFirstDays.get(tx);
  monthFirstDays.delete(tx);
  if (order === "dmy" || !alt) return;
  const includeZero = options.zeroAmounts === "include";
  const net = options.returns === "net";
  const { day, status, customer, amount } = tx;
  for (let i = 0; i < tx.rowCount; ++i) {
    if (alt[i] === day[i]) continue;
    day[i] = alt[i];
    // Statuses from the rules before the values (structure rows, exclusion list, order status) stay.
    const s = status[i];
    if (s === ROW_INCLUDED || s >= ROW_BAD_DATE) status[i] = rowStatus(customer[i], alt[i], amount[i], includeZero, net);
  }
}

/**
 * After a read with decimal mark "auto", once `decideMarks` has chosen each column's mark (in the
 * evidence's column order): reads again the kept rows, those whose value a decimal comma reads
 * differently and that were read before their column had evidence (with a point).
 */
export function settleDecimalMarks(tx: Transactions, marks: readonly DecimalMark[], options: Pick<ReadOptions, "zeroAmounts" | "returns">): void {
  delete tx.decimalEvidence;
  const kept = keptAmounts.get(tx);
  keptAmounts.delete(tx);
  if (!kept || !marks.includes(",")) return;
  const includeZero = options.zeroAmounts === "include";
  const net = options.returns === "net";
  const { day, status, customer, amount } = tx;
  for (let k = 0; k < kept.rows.length; ++k) {
    const i = kept.rows[k];
    let a = kept.amountWithMarks(k, marks);
    const before = amount[i];
    if (!Number.isFinite(a)) a = NaN;
    else if (kept.returnType[k]) a = -Math.abs(a);
    if (kept.returnType[k]) tx.returnTypeRows += (a === a ? 1 : 0) - (before === before ? 1 : 0);
    amount[i] = a;
    const s = status[i];
    if (s === ROW_INCLUDED || s >= ROW_BAD_DATE) status[i] = rowStatus(customer[i], day[i], a, includeZero, net);
  }
}

/** Σ amount of the included rows (gross sales: returns have their own status). */
export function includedAmount(tx: Transactions): number {
  let sum = 0;
  const { status, amount } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) if (status[i] === ROW_INCLUDED) sum += amount[i];
  return sum;
}

/** Latest day of an included row, or INVALID_DAY when there is none. */
export function latestIncludedDay(tx: Transactions): number {
  let latest = INVALID_DAY;
  const { status, day } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) if (status[i] === ROW_INCLUDED && day[i] > latest) latest = day[i];
  return latest;
}

/** Marks included rows (and returns) dated on or after `asOfDay` as `after_as_of`. */
export function applyAsOf(tx: Transactions, asOfDay: number): void {
  const { status, day } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) if ((status[i] === ROW_INCLUDED || status[i] === ROW_RETURN) && day[i] >= asOfDay) status[i] = ROW_AFTER_AS_OF;
}

/** Latest day of a return row, or INVALID_DAY when there is none. */
export function latestReturnDay(tx: Transactions): number {
  let latest = INVALID_DAY;
  const { status, day } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) if (status[i] === ROW_RETURN && day[i] > latest) latest = day[i];
  return latest;
}

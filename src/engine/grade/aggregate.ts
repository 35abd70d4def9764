/**
 * Per-customer measures (SPEC §3) from cleaned transactions, in columnar form. Customers are the
 * transactions' id dictionary; `kind` says which of them are graded customers, prospects, or
 * neither (seen only after the as-of date).
 */
import { INVALID_DAY } from "../common/missing";
import { round6 } from "../common/round";
import { scratchFloat64, scratchInt32 } from "./scratch";
import { ROW_BAD_AMOUNT, ROW_BAD_DATE, ROW_INCLUDED, ROW_NON_POSITIVE, ROW_RETURN, type Transactions } from "../read/transactions";

export const KIND_NONE = 0;
export const KIND_CUSTOMER = 1;
export const KIND_PROSPECT = 2;

export interface CustomerMeasures {
  /** Size of the id dictionary (all arrays below have this length). */
  size: number;
  ids: string[];
  /** KIND_* per customer. */
  kind: Uint8Array;
  /** Epoch days of the first and last valid purchase (INVALID_DAY for non-customers). */
  firstDay: Int32Array;
  lastDay: Int32Array;
  /** as_of − last_date, as_of − first_date, in days. */
  recencyDays: Int32Array;
  tenureDays: Int32Array;
  /** Distinct order ids (or distinct purchase days when no order column is mapped). */
  frequency: Int32Array;
  /** Distinct purchase days. */
  purchaseDays: Int32Array;
  /** Days between the last two distinct purchase days; 0 with a single purchase day. */
  lastGapDays: Int32Array;
  /**
   * Sum of valid amounts (net of returns with returns = net, floored at 0), rounded to 6 dp;
   * aov = monetary / frequency, rounded to 6 dp.
   */
  monetary: Float64Array;
  aov: Float64Array;
  /** Indexes of graded customers (kind = customer), in dictionary order. */
  customerIndexes: Uint32Array;
}

/** Rows of each customer, grouped (CSR): rows of customer c are rows[offsets[c] … offsets[c+1]−1]. */
export interface RowGroups {
  offsets: Int32Array;
  rows: Int32Array;
}

/** Groups the included rows by customer, keeping input order within each customer. */
export function groupIncludedRows(tx: Transactions, size: number): RowGroups {
  const { customer, status } = tx;
  const n = tx.rowCount;
  const offsets = new Int32Array(size + 1);
  for (let i = 0; i < n; ++i) if (status[i] === ROW_INCLUDED) ++offsets[customer[i] + 1];
  for (let c = 0; c < size; ++c) offsets[c + 1] += offsets[c];
  const cursor = offsets.slice(0, size);
  const rows = new Int32Array(offsets[size]);
  for (let i = 0; i < n; ++i) if (status[i] === ROW_INCLUDED) rows[cursor[customer[i]]++] = i;
  return { offsets, rows };
}

/**
 * Distinct purchase days and orders of the customers marked in `which`, from their rows grouped.
 * `heads` lists the included rows that are not a repeat of the row before (same customer, day and
 * order): the others cannot add a day or an order.
 */
function countFromGroups(tx: Transactions, which: Uint8Array, heads: Int32Array, frequency: Int32Array, purchaseDays: Int32Array): void {
  const size = which.length;
  const { customer, day, order, hasOrderColumn } = tx;
  let minDay = 2147483647;
  let maxDay = INVALID_DAY;
  const offsets = scratchInt32("recount.offsets", size + 1).fill(0);
  for (let k = 0; k < heads.length; ++k) {
    const i = heads[k];
    const c = customer[i];
    if (!which[c]) continue;
    ++offsets[c + 1];
    if (day[i] < minDay) minDay = day[i];
    if (day[i] > maxDay) maxDay = day[i];
  }
  for (let c = 0; c < size; ++c) offsets[c + 1] += offsets[c];
  const cursor = scratchInt32("recount.cursor", size);
  cursor.set(offsets.subarray(0, size));
  // Each group holds its rows' days and orders (not row numbers): read in order below.
  const groupDay = scratchInt32("recount.day", offsets[size]);
  const groupOrder = scratchInt32("recount.order", hasOrderColumn ? offsets[size] : 0);
  for (let k = 0; k < heads.length; ++k) {
    const i = heads[k];
    const c = customer[i];
    if (!which[c]) continue;
    const at = cursor[c]++;
    groupDay[at] = day[i];
    if (hasOrderColumn) groupOrder[at] = order[i];
  }
  const span = maxDay - minDay + 1;
  const dayStamp = scratchInt32("recount.dayStamp", span).fill(0);
  const orderlessDayStamp = hasOrderColumn ? scratchInt32("recount.orderlessDayStamp", span).fill(0) : dayStamp;
  const orderStamp = scratchInt32("recount.orderStamp", tx.orderCount).fill(0);
  for (let c = 0; c < size; ++c) {
    const from = offsets[c];
    const to = offsets[c + 1];
    if (from === to) continue;
    const stamp = c + 1;
    let days = 0;
    let orders = 0;
    for (let k = from; k < to; ++k) {
      const d = groupDay[k] - minDay;
      if (dayStamp[d] !== stamp) {
        dayStamp[d] = stamp;
        ++days;
      }
      if (hasOrderColumn) {
        const o = groupOrder[k];
        if (o >= 0) {
          if (orderStamp[o] !== stamp) {
            orderStamp[o] = stamp;
            ++orders;
          }
        } else if (orderlessDayStamp[d] !== stamp) {
          orderlessDayStamp[d] = stamp;
          ++orders;
        }
      }
    }
    purchaseDays[c] = days;
    frequency[c] = hasOrderColumn ? orders : days;
  }
}

/** Fields of the per-customer state in aggregateCustomers. */
const FIRST = 0, LAST = 1, SECOND = 2, COUNTED_DAY = 3, COUNTED_ORDERLESS_DAY = 4, DAYS = 5, ORDERS = 6, RECOUNT = 7;
const STATE_WIDTH = 8;
/** Above any real day: the first day of a customer with no purchase yet. */
const NO_DAY_YET = 2147483647;
const STATE_START = Int32Array.of(NO_DAY_YET, INVALID_DAY, INVALID_DAY, INVALID_DAY, INVALID_DAY, 0, 0, 0);

/**
 * Computes every SPEC §3 measure. `tx` must already carry its as-of statuses (applyAsOf).
 *
 * Distinct purchase days and orders are counted in the same pass as the sums: a customer's day
 * counts when it is later than the last one counted for them, an order when no customer has had it
 * yet. Logs are usually in date order, so that is exact; a customer whose rows go back in time, or
 * who shares an order with another customer, is counted again from their grouped rows.
 */
export function aggregateCustomers(tx: Transactions, asOfDay: number): CustomerMeasures {
  const size = tx.customerIds.length;
  const { customer, day, amount, status, order, hasOrderColumn } = tx;
  const n = tx.rowCount;
  const kind = new Uint8Array(size);
  const sums = scratchFloat64("aggregate.sums", size).fill(0);
  // Per-customer running state, interleaved (one cache line per customer, not one per array).
  const state = scratchInt32("aggregate.state", size * STATE_WIDTH);
  for (let c = 0, at = 0; c < size; ++c) for (let f = 0; f < STATE_WIDTH; ++f) state[at++] = STATE_START[f];
  const orderOwner = scratchInt32("aggregate.orderOwner", tx.orderCount).fill(-1);
  const heads = scratchInt32("aggregate.heads", n);
  let headCount = 0;
  let recounts = 0;
  let prevCustomer = -1, prevDay = INVALID_DAY, prevOrder = -1;
  for (let i = 0; i < n; ++i) {
    const c = customer[i];
    const s = status[i];
    if (s !== ROW_INCLUDED) {
      // Returns (returns = net) net off the customer's sum; they are not orders or purchase days.
      if (s === ROW_RETURN) sums[c] += amount[i];
      // Prospect candidates: seen before as-of (or undated) without a valid purchase.
      if (c >= 0 && kind[c] === KIND_NONE && (s === ROW_BAD_DATE || ((s === ROW_BAD_AMOUNT || s === ROW_NON_POSITIVE || s === ROW_RETURN) && day[i] < asOfDay))) kind[c] = KIND_PROSPECT;
      continue;
    }
    sums[c] += amount[i];
    const d = day[i];
    const o = hasOrderColumn ? order[i] : -1;
    // Further lines of the same order on the same day change nothing else.
    if (c === prevCustomer && d === prevDay && o === prevOrder) continue;
    heads[headCount++] = i;
    const at = c * STATE_WIDTH;
    let backwards = false;
    if (c !== prevCustomer || d !== prevDay) {
      kind[c] = KIND_CUSTOMER;
      if (d < state[at + FIRST]) state[at + FIRST] = d;
      const last = state[at + LAST];
      if (d > last) {
        state[at + SECOND] = last;
        state[at + LAST] = d;
      } else if (d < last && d > state[at + SECOND]) state[at + SECOND] = d;
      if (d > state[at + COUNTED_DAY]) {
        state[at + COUNTED_DAY] = d;
        ++state[at + DAYS];
      } else if (d < state[at + COUNTED_DAY]) backwards = true;
    }
    prevCustomer = c;
    prevDay = d;
    prevOrder = o;
    if (hasOrderColumn) {
      if (o >= 0) {
        const owner = orderOwner[o];
        if (owner < 0) {
          orderOwner[o] = c;
          ++state[at + ORDERS];
        } else if (owner !== c) backwards = true;
      } else if (d > state[at + COUNTED_ORDERLESS_DAY]) {
        // A valid row without an order id counts as one order per purchase day.
        state[at + COUNTED_ORDERLESS_DAY] = d;
        ++state[at + ORDERS];
      } else if (d < state[at + COUNTED_ORDERLESS_DAY]) backwards = true;
    }
    if (backwards && state[at + RECOUNT] === 0) {
      state[at + RECOUNT] = 1;
      ++recounts;
    }
  }

  const firstDay = new Int32Array(size);
  const lastDay = new Int32Array(size);
  const frequency = new Int32Array(size);
  const purchaseDays = new Int32Array(size);
  const recount = new Uint8Array(size);
  for (let c = 0; c < size; ++c) {
    const at = c * STATE_WIDTH;
    firstDay[c] = state[at + FIRST] === NO_DAY_YET ? INVALID_DAY : state[at + FIRST];
    lastDay[c] = state[at + LAST];
    purchaseDays[c] = state[at + DAYS];
    frequency[c] = hasOrderColumn ? state[at + ORDERS] : state[at + DAYS];
    recount[c] = state[at + RECOUNT];
  }
  if (recounts > 0) countFromGroups(tx, recount, heads.subarray(0, headCount), frequency, purchaseDays);

  const recencyDays = new Int32Array(size);
  const tenureDays = new Int32Array(size);
  const lastGapDays = new Int32Array(size);
  const monetary = new Float64Array(size);
  const aov = new Float64Array(size);
  let customers = 0;
  for (let c = 0; c < size; ++c) {
    if (kind[c] !== KIND_CUSTOMER) continue;
    ++customers;
    recencyDays[c] = asOfDay - lastDay[c];
    tenureDays[c] = asOfDay - firstDay[c];
    const second = state[c * STATE_WIDTH + SECOND];
    lastGapDays[c] = second === INVALID_DAY ? 0 : lastDay[c] - second;
    // Net of returns, a customer's monetary is never below 0 (SPEC §1); without returns sums are > 0.
    const m = Math.max(0, round6(sums[c]));
    monetary[c] = m;
    aov[c] = round6(m / frequency[c]);
  }
  const customerIndexes = new Uint32Array(customers);
  for (let c = 0, k = 0; c < size; ++c) if (kind[c] === KIND_CUSTOMER) customerIndexes[k++] = c;
  return { size, ids: tx.customerIds, kind, firstDay, lastDay, recencyDays, tenureDays, frequency, purchaseDays, lastGapDays, monetary, aov, customerIndexes };
}

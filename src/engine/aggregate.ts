/**
 * Per-customer measures (SPEC §3) from cleaned transactions, in columnar form. Customers are the
 * transactions' id dictionary; `kind` says which of them are graded customers, prospects, or
 * neither (seen only after the as-of date).
 */
import { INVALID_DAY } from "./missing";
import { round6 } from "./round";
import { scratchFloat64, scratchInt32 } from "./scratch";
import { ROW_BAD_AMOUNT, ROW_BAD_DATE, ROW_INCLUDED, ROW_NON_POSITIVE, type Transactions } from "./transactions";

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
  /** Sum of valid amounts, rounded to 6 dp; aov = monetary / frequency, rounded to 6 dp. */
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

/** Distinct purchase days and orders of the customers marked in `which`, from their grouped rows. */
function countFromGroups(tx: Transactions, which: Uint8Array, frequency: Int32Array, purchaseDays: Int32Array): void {
  const size = which.length;
  const { customer, day, order, status, hasOrderColumn } = tx;
  const n = tx.rowCount;
  let minDay = 2147483647;
  let maxDay = INVALID_DAY;
  // Rows to look at: included rows of marked customers, except repeats of the row before (same
  // customer, day and order), grouped by customer. Two passes with the same test, no list kept.
  const offsets = scratchInt32("recount.offsets", size + 1).fill(0);
  let rows = offsets;
  let cursor = offsets;
  for (const fill of [false, true]) {
    let prev = -1;
    for (let i = 0; i < n; ++i) {
      if (status[i] !== ROW_INCLUDED) continue;
      const c = customer[i];
      if (which[c] && !(prev >= 0 && c === customer[prev] && day[i] === day[prev] && (!hasOrderColumn || order[i] === order[prev]))) {
        if (fill) rows[cursor[c]++] = i;
        else {
          ++offsets[c + 1];
          if (day[i] < minDay) minDay = day[i];
          if (day[i] > maxDay) maxDay = day[i];
        }
      }
      prev = i;
    }
    if (!fill) {
      for (let c = 0; c < size; ++c) offsets[c + 1] += offsets[c];
      cursor = scratchInt32("recount.cursor", size);
      cursor.set(offsets.subarray(0, size));
      rows = scratchInt32("recount.rows", offsets[size]);
    }
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
      const i = rows[k];
      const d = day[i] - minDay;
      if (dayStamp[d] !== stamp) {
        dayStamp[d] = stamp;
        ++days;
      }
      if (hasOrderColumn) {
        const o = order[i];
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
  const firstDay = new Int32Array(size).fill(INVALID_DAY);
  const lastDay = new Int32Array(size).fill(INVALID_DAY);
  const secondDay = scratchInt32("aggregate.secondDay", size).fill(INVALID_DAY);
  const sums = scratchFloat64("aggregate.sums", size).fill(0);
  const frequency = new Int32Array(size);
  const purchaseDays = new Int32Array(size);
  // Last day counted per customer, for days and (with an order column) for rows without an order id.
  const countedDay = scratchInt32("aggregate.countedDay", size).fill(INVALID_DAY);
  const countedOrderlessDay = hasOrderColumn ? scratchInt32("aggregate.countedOrderlessDay", size).fill(INVALID_DAY) : countedDay;
  const orderOwner = scratchInt32("aggregate.orderOwner", tx.orderCount).fill(-1);
  const recount = new Uint8Array(size);
  let recounts = 0;
  let prevCustomer = -1, prevDay = INVALID_DAY, prevOrder = -1;

  for (let i = 0; i < n; ++i) {
    const c = customer[i];
    const s = status[i];
    if (s === ROW_INCLUDED) {
      const d = day[i];
      kind[c] = KIND_CUSTOMER;
      sums[c] += amount[i];
      if (firstDay[c] === INVALID_DAY || d < firstDay[c]) firstDay[c] = d;
      const last = lastDay[c];
      if (d > last) {
        secondDay[c] = last;
        lastDay[c] = d;
      } else if (d < last && d > secondDay[c]) secondDay[c] = d;
      // Further lines of the same order on the same day add nothing to the counts.
      const o = hasOrderColumn ? order[i] : -1;
      if (c === prevCustomer && d === prevDay && o === prevOrder) continue;
      prevCustomer = c;
      prevDay = d;
      prevOrder = o;
      let backwards = false;
      if (d > countedDay[c]) {
        countedDay[c] = d;
        ++purchaseDays[c];
      } else if (d < countedDay[c]) backwards = true;
      if (hasOrderColumn) {
        if (o >= 0) {
          const owner = orderOwner[o];
          if (owner < 0) {
            orderOwner[o] = c;
            ++frequency[c];
          } else if (owner !== c) backwards = true;
        } else if (d > countedOrderlessDay[c]) {
          // A valid row without an order id counts as one order per purchase day.
          countedOrderlessDay[c] = d;
          ++frequency[c];
        } else if (d < countedOrderlessDay[c]) backwards = true;
      }
      if (backwards && recount[c] === 0) {
        recount[c] = 1;
        ++recounts;
      }
    } else if (c >= 0 && kind[c] === KIND_NONE) {
      // Prospect candidates: seen before as-of (or undated) without a valid purchase.
      if (s === ROW_BAD_DATE || ((s === ROW_BAD_AMOUNT || s === ROW_NON_POSITIVE) && day[i] < asOfDay)) kind[c] = KIND_PROSPECT;
    }
  }
  if (!hasOrderColumn) frequency.set(purchaseDays);
  if (recounts > 0) countFromGroups(tx, recount, frequency, purchaseDays);

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
    lastGapDays[c] = secondDay[c] === INVALID_DAY ? 0 : lastDay[c] - secondDay[c];
    const m = round6(sums[c]);
    monetary[c] = m;
    aov[c] = round6(m / frequency[c]);
  }
  const customerIndexes = new Uint32Array(customers);
  for (let c = 0, k = 0; c < size; ++c) if (kind[c] === KIND_CUSTOMER) customerIndexes[k++] = c;
  return { size, ids: tx.customerIds, kind, firstDay, lastDay, recencyDays, tenureDays, frequency, purchaseDays, lastGapDays, monetary, aov, customerIndexes };
}

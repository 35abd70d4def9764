/**
 * Per-customer measures (SPEC §3) from cleaned transactions, in columnar form. Customers are the
 * transactions' id dictionary; `kind` says which of them are graded customers, prospects, or
 * neither (seen only after the as-of date).
 */
import { INVALID_DAY } from "./missing";
import { round6 } from "./round";
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

/** Computes every SPEC §3 measure. `tx` must already carry its as-of statuses (applyAsOf). */
export function aggregateCustomers(tx: Transactions, asOfDay: number): CustomerMeasures {
  const size = tx.customerIds.length;
  const { customer, day, amount, status, order } = tx;
  const n = tx.rowCount;
  const kind = new Uint8Array(size);
  const firstDay = new Int32Array(size).fill(INVALID_DAY);
  const lastDay = new Int32Array(size).fill(INVALID_DAY);
  const secondDay = new Int32Array(size).fill(INVALID_DAY);
  const sums = new Float64Array(size);
  let minDay = 2147483647;
  let maxDay = INVALID_DAY;

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
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
    } else if (c >= 0 && kind[c] === KIND_NONE) {
      // Prospect candidates: seen before as-of (or undated) without a valid purchase.
      if (s === ROW_BAD_DATE || ((s === ROW_BAD_AMOUNT || s === ROW_NON_POSITIVE) && day[i] < asOfDay)) kind[c] = KIND_PROSPECT;
    }
  }

  const groups = groupIncludedRows(tx, size);
  const frequency = new Int32Array(size);
  const purchaseDays = new Int32Array(size);
  const span = maxDay >= minDay ? maxDay - minDay + 1 : 0;
  const dayStamp = new Int32Array(span);
  const orderlessDayStamp = tx.hasOrderColumn ? new Int32Array(span) : dayStamp;
  const orderStamp = new Int32Array(tx.orderCount);
  const { offsets, rows } = groups;
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
      if (tx.hasOrderColumn) {
        const o = order[i];
        if (o >= 0) {
          if (orderStamp[o] !== stamp) {
            orderStamp[o] = stamp;
            ++orders;
          }
        } else if (orderlessDayStamp[d] !== stamp) {
          // A valid row without an order id counts as one order per purchase day.
          orderlessDayStamp[d] = stamp;
          ++orders;
        }
      }
    }
    purchaseDays[c] = days;
    frequency[c] = tx.hasOrderColumn ? orders : days;
  }

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

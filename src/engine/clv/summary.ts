/**
 * The per-customer summary the CLV models take (SPEC §7): x = distinct purchase days − 1,
 * t_x = (last − first) / unit, T = (as_of − 1 day − first) / unit, zbar = mean spend of the repeat
 * purchase days (same-day rows summed first, the first day excluded), 0 when x = 0.
 *
 * Purchases are merged per calendar day whatever the unit: the unit (day or week) only sets the time
 * scale. This is what reproduces Hardie's CDNOW summaries exactly (they count repeat purchase days
 * and measure time in weeks).
 */
import { groupIncludedRows } from "../grade/aggregate";
import { applyAsOf, type Transactions } from "../read/transactions";

export type PeriodUnit = "day" | "week";
export const UNIT_DAYS: Record<PeriodUnit, number> = { day: 1, week: 7 };

export interface ClvSummary {
  /** Dictionary indexes of the customers summarised (those with a valid purchase). */
  customers: Uint32Array;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  zbar: Float64Array;
  unit: PeriodUnit;
}

/** Summarises the included rows of `tx` (statuses already set against the as-of date). */
export function clvSummary(tx: Transactions, asOfDay: number, unit: PeriodUnit): ClvSummary {
  const size = tx.customerIds.length;
  const { offsets, rows } = groupIncludedRows(tx, size);
  const unitDays = UNIT_DAYS[unit];
  let count = 0;
  for (let c = 0; c < size; ++c) if (offsets[c + 1] > offsets[c]) ++count;
  const customers = new Uint32Array(count);
  const x = new Float64Array(count);
  const txArr = new Float64Array(count);
  const T = new Float64Array(count);
  const zbar = new Float64Array(count);
  const { day, amount } = tx;
  let k = 0;
  let days: Int32Array = new Int32Array(16);
  let order: Uint32Array = new Uint32Array(16);
  for (let c = 0; c < size; ++c) {
    const from = offsets[c];
    const n = offsets[c + 1] - from;
    if (n === 0) continue;
    if (days.length < n) {
      days = new Int32Array(n * 2);
      order = new Uint32Array(n * 2);
    }
    for (let i = 0; i < n; ++i) {
      days[i] = day[rows[from + i]];
      order[i] = i;
    }
    const o = order.subarray(0, n).sort((a, b) => days[a] - days[b]);
    const first = days[o[0]];
    let last = first;
    let distinct = 1;
    let repeatSpend = 0;
    for (let i = 0; i < n; ++i) {
      const d = days[o[i]];
      if (d !== last) {
        ++distinct;
        last = d;
      }
      if (d !== first) repeatSpend += amount[rows[from + o[i]]];
    }
    customers[k] = c;
    x[k] = distinct - 1;
    txArr[k] = (last - first) / unitDays;
    T[k] = (asOfDay - 1 - first) / unitDays;
    zbar[k] = distinct > 1 ? repeatSpend / (distinct - 1) : 0;
    ++k;
  }
  return { customers, x, tx: txArr, T, zbar, unit };
}

/** The same transactions with rows on or after `end` marked as outside the period (a copy of the statuses only). */
export function calibrationView(tx: Transactions, end: number): Transactions {
  const view = { ...tx, status: Uint8Array.from(tx.status) };
  applyAsOf(view, end);
  return view;
}

/**
 * The calibration/holdout tracking curve of BG/NBD (Fader, Hardie & Lee 2005, fig. 3): cumulative
 * repeat purchases, actual and expected, period by period from the first purchase in the data. The
 * model is fitted on the calibration period only; the periods after it are the holdout test.
 */
import { groupIncludedRows } from "../grade/aggregate";
import type { Transactions } from "../read/transactions";
import { bgNbdExpected, type BgNbdParams } from "./bgnbd";
import { UNIT_DAYS, type PeriodUnit } from "./summary";

export interface TrackingPoint {
  /** 1-based period number; the period covers days [start + (k−1)·unit, start + k·unit). */
  period: number;
  /** Its first day (epoch day). */
  startDay: number;
  actual: number;
  expected: number;
  /** Whether the period ends on or before the calibration end. */
  calibration: boolean;
}

/**
 * Customers are those whose first purchase is before `calibrationEnd`; their repeat purchase days
 * (distinct days after the first) are counted up to `asOfDay`. Expected = Σ E[X(t)] with t the time
 * from each customer's first purchase to the period's last day (as T is measured).
 */
export function trackingCurve(tx: Transactions, asOfDay: number, calibrationEnd: number, unit: PeriodUnit, params: BgNbdParams): TrackingPoint[] {
  const size = tx.customerIds.length;
  const { offsets, rows } = groupIncludedRows(tx, size);
  const unitDays = UNIT_DAYS[unit];
  const firstDays = new Map<number, number>(); // first day → customers
  const repeatDays: number[] = [];
  let start = Infinity;
  for (let c = 0; c < size; ++c) {
    const from = offsets[c], to = offsets[c + 1];
    if (to === from) continue;
    const days = new Set<number>();
    for (let k = from; k < to; ++k) days.add(tx.day[rows[k]]);
    const first = Math.min(...days);
    if (first >= calibrationEnd) continue;
    firstDays.set(first, (firstDays.get(first) ?? 0) + 1);
    for (const d of days) if (d > first) repeatDays.push(d);
    start = Math.min(start, first);
  }
  if (!Number.isFinite(start)) return [];
  repeatDays.sort((a, b) => a - b);
  const cohorts = [...firstDays].sort((a, b) => a[0] - b[0]);
  const points: TrackingPoint[] = [];
  let seen = 0;
  for (let k = 1; start + (k - 1) * unitDays < asOfDay; ++k) {
    const end = Math.min(start + k * unitDays, asOfDay); // exclusive
    while (seen < repeatDays.length && repeatDays[seen] < end) ++seen;
    let expected = 0;
    for (const [first, count] of cohorts) {
      if (first >= end) break;
      expected += count * bgNbdExpected(params, (end - 1 - first) / unitDays);
    }
    points.push({ period: k, startDay: start + (k - 1) * unitDays, actual: seen, expected, calibration: end <= calibrationEnd });
  }
  return points;
}

/**
 * Breakdown by a dimension (SPEC §5.6): each graded customer gets the value of a user-chosen column
 * (region, channel, store …) that carries most of their valid revenue; ties → the value on their
 * latest valid purchase, then the value first seen in row order.
 */
import type { GradeResult } from "./pipeline";
import { ROW_INCLUDED } from "../read/transactions";
import { NO_GRADE } from "../common/labels";

export interface Breakdown {
  /** The column's display name (its header). */
  column: string;
  /** The distinct values, in order of first appearance. */
  values: string[];
  /** Per customer (indexed like CustomerMeasures): index into values, −1 when none (not graded, or only blank cells). */
  value: Int32Array;
}

interface Candidate {
  revenue: number;
  lastDay: number;
  firstRow: number;
}

/** Revenue sums are compared at 6 dp (like monetary), so 0.1 + 0.2 ties with 0.3. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The breakdown of a graded result, or null when no dimension column was mapped. */
export function customerDimensions(result: GradeResult): Breakdown | null {
  const { transactions: tx, measures, columns } = result;
  const dim = tx.dimension;
  if (!dim || columns.mapping.dimension === undefined) return null;
  // Per customer, the candidates by value (a customer has few values: a small map each, made lazily).
  const perCustomer = new Map<number, Map<number, Candidate>>();
  const { status, customer, amount, day } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) {
    if (status[i] !== ROW_INCLUDED) continue;
    const v = dim.row[i];
    if (v < 0) continue;
    const c = customer[i];
    let candidates = perCustomer.get(c);
    if (!candidates) perCustomer.set(c, (candidates = new Map()));
    const found = candidates.get(v);
    if (!found) candidates.set(v, { revenue: amount[i], lastDay: day[i], firstRow: i });
    else {
      found.revenue += amount[i];
      if (day[i] > found.lastDay) found.lastDay = day[i];
    }
  }
  const value = new Int32Array(measures.size).fill(-1);
  for (const c of measures.customerIndexes) {
    const candidates = perCustomer.get(c);
    if (!candidates) continue;
    let best = -1;
    let top: Candidate | undefined;
    for (const [v, cand] of candidates) {
      if (!top || better(cand, top)) {
        best = v;
        top = cand;
      }
    }
    value[c] = best;
  }
  return { column: columns.names[columns.mapping.dimension], values: dim.values, value };
}

function better(a: Candidate, b: Candidate): boolean {
  const ra = round6(a.revenue), rb = round6(b.revenue);
  if (ra !== rb) return ra > rb;
  if (a.lastDay !== b.lastDay) return a.lastDay > b.lastDay;
  return a.firstRow < b.firstRow;
}

export interface BreakdownCell {
  /** Index into Breakdown.values, −1 for customers without a value. */
  value: number;
  /** RF segment code (RF_SEGMENTS). */
  segment: number;
  customers: number;
  revenue: number;
  /** revenue / the revenue of all graded customers. */
  share: number;
}

/**
 * Dimension × RF segment: customers, revenue (monetary) and share of all revenue, for every pair
 * that has customers; values in order of first appearance (customers without a value last), then
 * segments in their order.
 */
export function breakdownBySegment(result: GradeResult, breakdown: Breakdown): BreakdownCell[] {
  const { measures, grades } = result;
  const cells = new Map<string, BreakdownCell>();
  let total = 0;
  for (const c of measures.customerIndexes) {
    const segment = grades.rfSegment[c];
    if (segment === NO_GRADE) continue;
    const v = breakdown.value[c];
    const key = `${v}:${segment}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { value: v, segment, customers: 0, revenue: 0, share: 0 }));
    ++cell.customers;
    cell.revenue += measures.monetary[c];
    total += measures.monetary[c];
  }
  const out = [...cells.values()];
  for (const cell of out) {
    cell.revenue = round6(cell.revenue);
    cell.share = total > 0 ? cell.revenue / total : 0;
  }
  const order = (v: number) => (v < 0 ? Number.MAX_SAFE_INTEGER : v);
  return out.sort((a, b) => order(a.value) - order(b.value) || a.segment - b.segment);
}

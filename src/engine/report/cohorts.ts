/**
 * First-purchase-month cohorts × months since the first purchase: customers active (with a valid
 * purchase) in each month, their share of the cohort (retention) and their revenue.
 */
import { groupIncludedRows, KIND_CUSTOMER } from "../grade/aggregate";
import { formatDay } from "../read/days";
import type { GradeResult } from "../grade/pipeline";

export interface CohortCell {
  cohort: string;
  /** 0 = the first month. */
  monthsSinceFirst: number;
  customers: number;
  retention: number;
  revenue: number;
}

export interface Cohorts {
  /** Cohort months (YYYY-MM) in order, with their sizes. */
  cohorts: { cohort: string; size: number }[];
  cells: CohortCell[];
}

const monthIndex = (day: number) => {
  const iso = formatDay(day);
  return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
};
const monthText = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;

export function cohortTable(result: GradeResult): Cohorts {
  const { measures, transactions: tx } = result;
  const { offsets, rows } = groupIncludedRows(tx, measures.size);
  const byCohort = new Map<number, { size: number; active: Map<number, { customers: number; revenue: number }> }>();
  for (const c of measures.customerIndexes) {
    if (measures.kind[c] !== KIND_CUSTOMER) continue;
    const first = monthIndex(measures.firstDay[c]);
    let cohort = byCohort.get(first);
    if (!cohort) byCohort.set(first, (cohort = { size: 0, active: new Map() }));
    cohort.size += 1;
    const months = new Map<number, number>();
    for (let k = offsets[c]; k < offsets[c + 1]; ++k) {
      const i = rows[k];
      const offset = monthIndex(tx.day[i]) - first;
      months.set(offset, (months.get(offset) ?? 0) + tx.amount[i]);
    }
    for (const [offset, money] of months) {
      const cell = cohort.active.get(offset) ?? { customers: 0, revenue: 0 };
      cell.customers += 1;
      cell.revenue += money;
      cohort.active.set(offset, cell);
    }
  }
  const ordered = [...byCohort].sort((a, b) => a[0] - b[0]);
  const cells: CohortCell[] = [];
  for (const [month, cohort] of ordered)
    for (const [offset, cell] of [...cohort.active].sort((a, b) => a[0] - b[0]))
      cells.push({ cohort: monthText(month), monthsSinceFirst: offset, customers: cell.customers, retention: cell.customers / cohort.size, revenue: Math.round(cell.revenue * 1e6) / 1e6 });
  return { cohorts: ordered.map(([month, cohort]) => ({ cohort: monthText(month), size: cohort.size })), cells };
}

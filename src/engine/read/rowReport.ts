/** The row report: every row read is either included or excluded under one reason (SPEC §1). */
import type { ColumnMapping, ExclusionReason } from "../types";
import { EXCLUSION_REASONS } from "../types";
import type { Transactions } from "./transactions";

export interface ReasonReport {
  count: number;
  /** Row numbers (as the user sees them) of the first few rows excluded for this reason. */
  rows: number[];
  /** The column the reason is about. */
  column: string;
}

export interface RowReport {
  rowsRead: number;
  included: number;
  excluded: Record<ExclusionReason, ReasonReport>;
}

export const SAMPLE_ROWS = 5;

/** Counts statuses; `firstRowNumber` is the row number the user sees for the first data row. */
export function buildRowReport(tx: Transactions, mapping: ColumnMapping, names: string[], firstRowNumber: number): RowReport {
  const amountColumn = mapping.amount !== undefined ? names[mapping.amount] : `${names[mapping.quantity ?? 0]} × ${names[mapping.price ?? 0]}`;
  const dateColumn = names[mapping.date ?? 0];
  const columnOf: Record<ExclusionReason, string> = {
    missing_customer: names[mapping.customer ?? 0],
    bad_date: dateColumn,
    bad_amount: amountColumn,
    non_positive_amount: amountColumn,
    after_as_of: dateColumn,
  };
  const excluded = {} as Record<ExclusionReason, ReasonReport>;
  for (const reason of EXCLUSION_REASONS) excluded[reason] = { count: 0, rows: [], column: columnOf[reason] };
  const counts = new Int32Array(EXCLUSION_REASONS.length + 1);
  const { status } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) {
    const s = status[i];
    if (++counts[s] <= SAMPLE_ROWS && s > 0) excluded[EXCLUSION_REASONS[s - 1]].rows.push(firstRowNumber + i);
  }
  EXCLUSION_REASONS.forEach((reason, k) => (excluded[reason].count = counts[k + 1]));
  return { rowsRead: tx.rowCount, included: counts[0], excluded };
}

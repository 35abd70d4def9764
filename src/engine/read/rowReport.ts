/** The row report: every row read is either included or excluded under one reason (SPEC §1). */
import type { ColumnMapping, ExclusionReason } from "../common/types";
import { EXCLUSION_REASONS, RETURN_STATUS } from "../common/types";
import type { Transactions } from "./transactions";

export interface ReasonReport {
  count: number;
  /** Row numbers (as the user sees them) of the first few rows excluded for this reason. */
  rows: number[];
  /** The column the reason is about. */
  column: string;
}

export interface RowReport {
  /** Every row read: title rows above the header, then the data rows. */
  rowsRead: number;
  included: number;
  excluded: Record<ExclusionReason, ReasonReport>;
  /** With returns = net: rows netted off monetary (neither included nor excluded); `amount` is their sum (≤ 0). */
  returns: ReasonReport & { amount: number };
}

export const SAMPLE_ROWS = 5;

/**
 * Counts statuses; `firstRowNumber` is the row number the user sees for the first data row, and
 * `titleRows` the rows above the header (the header is row firstRowNumber − 1).
 */
export function buildRowReport(tx: Transactions, mapping: ColumnMapping, names: string[], firstRowNumber: number, titleRows = 0): RowReport {
  const amountColumn = mapping.amount !== undefined ? names[mapping.amount] : `${names[mapping.quantity ?? 0]} × ${names[mapping.price ?? 0]}`;
  const dateColumn = names[mapping.date ?? 0];
  const customerColumn = names[mapping.customer ?? 0];
  const statusColumn = mapping.status !== undefined ? names[mapping.status] : "";
  const columnOf: Record<ExclusionReason, string> = {
    title_row: "",
    header_row: customerColumn,
    total_row: customerColumn,
    missing_customer: customerColumn,
    excluded_customer: customerColumn,
    cancelled_order: statusColumn,
    unpaid_order: statusColumn,
    bad_date: dateColumn,
    bad_amount: amountColumn,
    non_positive_amount: amountColumn,
    after_as_of: dateColumn,
  };
  const excluded = {} as Record<ExclusionReason, ReasonReport>;
  for (const reason of EXCLUSION_REASONS) excluded[reason] = { count: 0, rows: [], column: columnOf[reason] };
  const returns = { count: 0, rows: [] as number[], column: amountColumn, amount: 0 };
  const counts = new Int32Array(RETURN_STATUS + 1);
  const { status } = tx;
  let returned = 0;
  for (let i = 0, n = tx.rowCount; i < n; ++i) {
    const s = status[i];
    if (++counts[s] <= SAMPLE_ROWS && s > 0) (s === RETURN_STATUS ? returns.rows : excluded[EXCLUSION_REASONS[s - 1]].rows).push(firstRowNumber + i);
    if (s === RETURN_STATUS) returned += tx.amount[i];
  }
  EXCLUSION_REASONS.forEach((reason, k) => (excluded[reason].count = counts[k + 1]));
  excluded.title_row.count = titleRows;
  for (let k = 0; k < Math.min(titleRows, SAMPLE_ROWS); ++k) excluded.title_row.rows.push(firstRowNumber - 1 - titleRows + k);
  returns.count = counts[RETURN_STATUS];
  returns.amount = Math.round(returned * 1e6) / 1e6;
  return { rowsRead: tx.rowCount + titleRows, included: counts[0], excluded, returns };
}

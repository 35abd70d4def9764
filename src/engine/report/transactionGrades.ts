/**
 * The grade columns added beside each transaction row (the add-in's columns and the CLI's XLSX):
 * the customer's scores, segment, value tier and lifecycle stage, and the row's status.
 */
import { KIND_CUSTOMER } from "../grade/aggregate";
import type { GradeResult } from "../grade/pipeline";
import { LIFECYCLE_STAGES, RF_SEGMENTS, ROW_STATUSES, VALUE_TIERS, labelText } from "../common/labels";
import { ROW_INCLUDED } from "../read/transactions";
import type { Lang } from "../common/types";

export const GRADE_COLUMN_TITLES = {
  en: ["R score", "F score", "M score", "RFM score", "Segment", "Value tier", "Lifecycle stage", "Row status"],
  zh: ["R评分", "F评分", "M评分", "RFM评分", "客户分群", "价值等级", "生命周期阶段", "行状态"],
};

/** Grade cells of transaction row i (0-based among the data rows); empty strings where not graded. */
export function transactionGradeRow(result: GradeResult, i: number, lang: Lang): (string | number)[] {
  const { measures, grades, transactions: tx } = result;
  const c = tx.customer[i];
  const status = ROW_STATUSES[tx.status[i]][lang];
  if (!(c >= 0 && measures.kind[c] === KIND_CUSTOMER && tx.status[i] === ROW_INCLUDED)) return ["", "", "", "", "", "", "", status];
  return [
    grades.rScore[c],
    grades.fScore[c],
    grades.mScore[c],
    `${grades.rScore[c]}${grades.fScore[c]}${grades.mScore[c]}`,
    labelText(RF_SEGMENTS, grades.rfSegment[c], lang),
    labelText(VALUE_TIERS, grades.valueTier[c], lang),
    labelText(LIFECYCLE_STAGES, grades.lifecycle[c], lang),
    status,
  ];
}

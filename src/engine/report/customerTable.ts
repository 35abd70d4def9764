/** The per-customer table of SPEC §9, as plain rows: what the CLI, the XLSX and the pane write. */
import type { GradeResult } from "../grade/pipeline";
import { formatDay } from "../read/days";
import { KIND_CUSTOMER } from "../grade/aggregate";
import { AMOUNT_TIERS, FREQUENCY_TIERS, LIFECYCLE_STAGES, RF_SEGMENTS, RFM8_CLASSES, VALUE_TIERS, labelText } from "../common/labels";
import type { Lang } from "../common/types";

export const CUSTOMER_COLUMNS = [
  "customer_id", "first_date", "last_date", "recency_days", "tenure_days", "frequency", "monetary", "aov",
  "r_score", "f_score", "m_score", "rfm_score", "rf_segment", "rfm8_segment", "value_tier", "frequency_tier",
  "amount_tier", "lifecycle_stage",
] as const;

export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
/** A cell of the customer table: text, a number, or null for "no value" (prospects' measures). */
export type OutCell = string | number | null;

/** Column headers in the user's language (the CSV keeps the SPEC names; sheets may use these). */
export const CUSTOMER_COLUMN_TITLES: Record<CustomerColumn, { en: string; zh: string }> = {
  customer_id: { en: "Customer ID", zh: "客户ID" },
  first_date: { en: "First purchase", zh: "首次购买" },
  last_date: { en: "Last purchase", zh: "最近购买" },
  recency_days: { en: "Recency (days)", zh: "最近购买间隔(天)" },
  tenure_days: { en: "Tenure (days)", zh: "客户时长(天)" },
  frequency: { en: "Frequency", zh: "购买频次" },
  monetary: { en: "Monetary", zh: "消费金额" },
  aov: { en: "Average order value", zh: "客单价" },
  r_score: { en: "R score", zh: "R评分" },
  f_score: { en: "F score", zh: "F评分" },
  m_score: { en: "M score", zh: "M评分" },
  rfm_score: { en: "RFM score", zh: "RFM评分" },
  rf_segment: { en: "Segment", zh: "客户分群" },
  rfm8_segment: { en: "RFM class", zh: "RFM八类" },
  value_tier: { en: "Value tier", zh: "价值等级" },
  frequency_tier: { en: "Frequency tier", zh: "频次等级" },
  amount_tier: { en: "Amount tier", zh: "金额等级" },
  lifecycle_stage: { en: "Lifecycle stage", zh: "生命周期阶段" },
};

/** The row of customer c (a dictionary index): dates as `YYYY-MM-DD`, labels in `lang`. */
export function customerRow(result: GradeResult, c: number, lang: Lang): OutCell[] {
  const { measures: m, grades: g } = result;
  const id = m.ids[c];
  if (m.kind[c] !== KIND_CUSTOMER)
    return [id, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, labelText(LIFECYCLE_STAGES, g.lifecycle[c], lang)];
  return [
    id,
    formatDay(m.firstDay[c]),
    formatDay(m.lastDay[c]),
    m.recencyDays[c],
    m.tenureDays[c],
    m.frequency[c],
    m.monetary[c],
    m.aov[c],
    g.rScore[c],
    g.fScore[c],
    g.mScore[c],
    `${g.rScore[c]}${g.fScore[c]}${g.mScore[c]}`,
    labelText(RF_SEGMENTS, g.rfSegment[c], lang),
    labelText(RFM8_CLASSES, g.rfm8[c], lang),
    labelText(VALUE_TIERS, g.valueTier[c], lang),
    labelText(FREQUENCY_TIERS, g.frequencyTier[c], lang),
    labelText(AMOUNT_TIERS, g.amountTier[c], lang),
    labelText(LIFECYCLE_STAGES, g.lifecycle[c], lang),
  ];
}

/** Every customer's row in output order (customers by id, then prospects). */
export function customerRows(result: GradeResult, lang: Lang = result.options.lang): OutCell[][] {
  return Array.from(result.outputOrder, (c) => customerRow(result, c, lang));
}

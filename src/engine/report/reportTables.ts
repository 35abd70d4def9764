/** The Summary and Method sheets' content as plain tables, shared by the CLI's XLSX and JSON outputs. */
import { SEGMENT_ACTIONS, STAGE_ACTIONS } from "../grade/actions";
import { asOfText, type GradeResult } from "../grade/pipeline";
import { AMOUNT_TIERS, FREQUENCY_TIERS, LIFECYCLE_STAGES, RF_SEGMENTS, RFM8_CLASSES, ROW_STATUSES, VALUE_TIERS, type Label } from "../common/labels";
import type { GroupCount } from "../grade/summary";
import type { Lang } from "../common/types";
import { EXCLUSION_REASONS } from "../common/types";

export interface SheetTable {
  title: string;
  header: string[];
  rows: (string | number)[][];
  /** Show the numbers from this column on as a heat map (colour scale). */
  heatFromColumn?: number;
  /** Columns holding money and a share of revenue (0-based), for number formats. */
  moneyColumn?: number;
  shareColumn?: number;
}

const T = {
  en: { customers: "Customers", revenue: "Revenue", share: "Share of revenue", action: "Recommended action", segment: "Segment", rfm8: "RFM class", value: "Value tier", freq: "Frequency tier", amount: "Amount tier", stage: "Lifecycle stage", rows: "Rows", reason: "Reason", count: "Rows", firstRows: "First rows", column: "Column", grid: "Customers by R score (rows) and F score (columns)" },
  zh: { customers: "客户数", revenue: "收入", share: "收入占比", action: "建议行动", segment: "客户分群", rfm8: "RFM八类", value: "价值等级", freq: "频次等级", amount: "金额等级", stage: "生命周期阶段", rows: "行", reason: "原因", count: "行数", firstRows: "首批行号", column: "列", grid: "按R评分(行)与F评分(列)的客户数" },
};

function groupTable(title: string, list: readonly Label[], groups: GroupCount[], total: number, lang: Lang, actions?: readonly { en: string; zh: string }[]): SheetTable {
  const t = T[lang];
  return {
    title,
    header: [title, t.customers, t.revenue, t.share, ...(actions ? [t.action] : [])],
    rows: groups.map((g) => [list[g.code][lang], g.customers, g.revenue, total > 0 ? Math.round((g.revenue / total) * 10000) / 10000 : 0, ...(actions ? [actions[g.code][lang]] : [])]),
    moneyColumn: 2,
    shareColumn: 3,
  };
}

/** One line of the data-cleaning table: a row status by its label in `lang`, never its code alone. */
export interface RowStatusLine {
  key: string;
  label: string;
  rows: number;
  column: string;
  firstRows: string;
}

/**
 * The label of a row status: labels.ts's wording; an English label that is only the code
 * (`missing_customer`) is spelled as words ("Missing customer").
 */
export function rowStatusLabel(key: string, lang: Lang): string {
  const found = ROW_STATUSES.find((s) => s.key === key);
  const text = found ? found[lang] : key;
  if (lang === "zh" && text === key) return key.replace(/_/g, " ");
  if (/^[a-z_]+$/.test(text)) {
    const words = text.replace(/_/g, " ").replace(/\bas of\b/, "as-of").replace(/\bnon positive\b/, "non-positive");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  return text;
}

/** Included rows, then every exclusion reason, in the order the reasons are checked. */
export function rowStatusRows(result: GradeResult, lang: Lang): RowStatusLine[] {
  const { report } = result;
  const lines: RowStatusLine[] = [{ key: "included", label: rowStatusLabel("included", lang), rows: report.included, column: "", firstRows: "" }];
  for (const reason of EXCLUSION_REASONS) {
    const r = report.excluded[reason];
    if (!r) continue;
    lines.push({ key: reason, label: rowStatusLabel(reason, lang), rows: r.count, column: r.column, firstRows: r.rows.join(", ") });
  }
  return lines;
}

export function summaryTables(result: GradeResult, lang: Lang): SheetTable[] {
  const { summary, report } = result;
  const t = T[lang];
  const bins = result.options.bins;
  return [
    {
      title: t.rows,
      header: [t.reason, t.count, t.column, t.firstRows],
      rows: [["included", report.included, "", ""], ...EXCLUSION_REASONS.map((r) => [r, report.excluded[r].count, report.excluded[r].column, report.excluded[r].rows.join(", ")] as (string | number)[])],
    },
    groupTable(t.segment, RF_SEGMENTS, summary.segments, summary.revenue, lang, SEGMENT_ACTIONS),
    groupTable(t.rfm8, RFM8_CLASSES, summary.rfm8, summary.revenue, lang),
    groupTable(t.value, VALUE_TIERS, summary.valueTiers, summary.revenue, lang),
    groupTable(t.freq, FREQUENCY_TIERS, summary.frequencyTiers, summary.revenue, lang),
    groupTable(t.amount, AMOUNT_TIERS, summary.amountTiers, summary.revenue, lang),
    groupTable(t.stage, LIFECYCLE_STAGES, summary.stages, summary.revenue, lang, STAGE_ACTIONS),
    {
      title: t.grid,
      header: ["R \\ F", ...Array.from({ length: bins }, (_, i) => `F${i + 1}`)],
      rows: Array.from({ length: bins }, (_, k) => [`R${bins - k}`, ...summary.rfGrid.customers[bins - 1 - k]]),
      heatFromColumn: 1,
    },
  ];
}

export function methodLines(result: GradeResult, lang: Lang): (string | number)[][] {
  const o = result.options;
  const b = result.breaks;
  const list = (a: Float64Array | null) => (a ? Array.from(a).join(", ") : "ntile (equal-count buckets, ties by customer id)");
  const zh = lang === "zh";
  return [
    [zh ? "客户分级 Customer Tiers — 评分规则与选项" : "Customer Tiers — rules and options used"],
    [zh ? "截止日期(as of)" : "As-of date (first day after the period)", asOfText(result)],
    [zh ? "评分档数" : "Bins", o.bins],
    [zh ? "评分方法" : "Method", o.method],
    [zh ? "零金额行" : "Zero-amount rows", o.zeroAmounts],
    [zh ? "R 分界点(天)" : "R breaks (days)", list(b.recency)],
    [zh ? "F 分界点" : "F breaks", list(b.frequency)],
    [zh ? "M 分界点" : "M breaks", list(b.monetary)],
    [zh ? "频次等级分界点" : "Frequency tier breaks", list(b.frequencyTier)],
    [zh ? "金额等级分界点(客单价)" : "Amount tier breaks (aov)", list(b.amountTier)],
    [zh ? "RFM八类均值 (R, F, M)" : "RFM class means (R, F, M)", `${result.means.recency}, ${result.means.frequency}, ${result.means.monetary}`],
    [zh ? "价值等级阈值 A / B" : "Value tier thresholds A / B", `${o.valueTiers.a} / ${o.valueTiers.b}`],
    [zh ? "生命周期窗口(活跃/沉睡/流失, 天)" : "Lifecycle windows (active / dormant / lost, days)", `${o.lifecycle.activeDays} / ${o.lifecycle.dormantDays} / ${o.lifecycle.lostDays}`],
    [zh ? "忠诚客户最少订单数" : "Loyal: minimum orders", o.lifecycle.loyalOrders],
  ];
}

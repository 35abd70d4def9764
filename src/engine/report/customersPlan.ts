/** The Customers sheet as a plan: one Excel table, frozen header and id column, dates as dates, money formats. */
import { KIND_CUSTOMER } from "../grade/aggregate";
import type { GradeResult } from "../grade/pipeline";
import { labelText, NO_GRADE, VALUE_TIERS } from "../common/labels";
import type { Lang } from "../common/types";
import { formulaPlan, FORMULA_SHEETS } from "../export/formulaSheets";
import { CUSTOMER_COLUMN_TITLES, CUSTOMER_COLUMNS, customerRow, type CustomerColumn } from "./customerTable";
import { fitWidth, textWidth } from "./planLayout";
import type { PlanExtras } from "./planExtras";
import { activityValue, TRENDS } from "./trend";
import type { Block, ColumnKind, PlanCell, PlanColumn, SheetPlan } from "./workbookPlan";

export const CUSTOMERS_SHEET = { en: "Customers", zh: "客户" };
/** The Excel table's name: the same in both languages, so formulas over it survive a change of language. */
export const CUSTOMERS_TABLE = "Customers";

const KINDS: Record<CustomerColumn, ColumnKind> = {
  customer_id: "text", first_date: "date", last_date: "date", recency_days: "days", tenure_days: "days", frequency: "count",
  monetary: "money", aov: "money", r_score: "score", f_score: "score", m_score: "score", rfm_score: "text",
  rf_segment: "text", rfm8_segment: "text", value_tier: "text", frequency_tier: "text", amount_tier: "text", lifecycle_stage: "text",
};

const EXTRA_TITLES = {
  en: { trend: "Trend", activity: "Activity index", cluster: "Cluster", pAlive: "P(alive)", purchases: "Expected purchases, 90 days", spend: "Expected spend per order", clv: "12-month CLV", clvTier: "CLV tier", level: "Member level" },
  zh: { trend: "消费趋势", activity: "活跃指数", cluster: "聚类", pAlive: "存活概率", purchases: "未来90天预期购买次数", spend: "预期单次消费", clv: "12个月客户终身价值", clvTier: "CLV等级", level: "会员等级" },
};

interface Extra {
  column: PlanColumn;
  value: (c: number) => PlanCell;
}

function extraColumns(extras: PlanExtras, lang: Lang): Extra[] {
  const t = EXTRA_TITLES[lang];
  const out: Extra[] = [];
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  if (extras.levels) {
    const { level, ladder } = extras.levels;
    out.push({ column: { key: "member_level", title: t.level, kind: "text" }, value: (c) => (level[c] === NO_GRADE ? null : ladder.names[level[c]]) });
  }
  if (extras.breakdown) {
    const { value, values, column } = extras.breakdown;
    // Titles of an Excel table must be unique: a header that is already a title gets a suffix.
    const taken = new Set([...Object.values(CUSTOMER_COLUMN_TITLES).map((x) => x[lang]), ...Object.values(t)].map((x) => x.toLowerCase()));
    const title = taken.has(column.toLowerCase()) ? `${column} (${lang === "zh" ? "细分" : "breakdown"})` : column;
    out.push({ column: { key: "dimension", title, kind: "text" }, value: (c) => (value[c] < 0 ? null : values[value[c]]) });
  }
  if (extras.trends) {
    const { trend, activity } = extras.trends;
    out.push({ column: { key: "trend", title: t.trend, kind: "text" }, value: (c) => (trend[c] === NO_GRADE ? null : labelText(TRENDS, trend[c], lang)) });
    out.push({ column: { key: "activity_index", title: t.activity, kind: "ratio" }, value: (c) => activityValue(activity[c]) });
  }
  if (extras.clustering) {
    const { cluster, profiles } = extras.clustering;
    out.push({ column: { key: "cluster", title: t.cluster, kind: "text" }, value: (c) => (cluster[c] === NO_GRADE ? null : profiles[cluster[c]].name[lang]) });
  }
  if (extras.clv) {
    const { columns, tiers } = extras.clv;
    out.push({ column: { key: "p_alive", title: t.pAlive, kind: "ratio" }, value: (c) => finite(columns.pAlive[c]) });
    out.push({ column: { key: "expected_purchases_90d", title: t.purchases, kind: "ratio" }, value: (c) => finite(columns.expectedPurchases90d[c]) });
    out.push({ column: { key: "expected_spend", title: t.spend, kind: "money" }, value: (c) => finite(columns.expectedSpend[c]) });
    out.push({ column: { key: "clv_12m", title: t.clv, kind: "money" }, value: (c) => finite(columns.clv[c]) });
    out.push({ column: { key: "clv_tier", title: t.clvTier, kind: "text" }, value: (c) => (tiers[c] === NO_GRADE ? null : labelText(VALUE_TIERS, tiers[c], lang)) });
  }
  return out;
}

export interface CustomersSheetOptions {
  name?: string;
  extras?: PlanExtras;
  /** Write R, F, M, RFM score and segment (columns I–M) as formulas over these sheets. */
  formulas?: { breaks: string; map: string } | null;
}

export function customersSheet(result: GradeResult, lang: Lang, options: CustomersSheetOptions = {}): SheetPlan {
  const name = options.name ?? CUSTOMERS_SHEET[lang];
  const { measures } = result;
  const extras = extraColumns(options.extras ?? {}, lang);
  const order = result.outputOrder;
  const formulas = options.formulas ? formulaPlan(result, name, lang, options.formulas) : null;
  const rowAt = (i: number): PlanCell[] => {
    const c = order[i];
    const row = customerRow(result, c, lang) as PlanCell[];
    if (measures.kind[c] === KIND_CUSTOMER) {
      row[1] = measures.firstDay[c];
      row[2] = measures.lastDay[c];
      if (formulas) row.splice(8, 5, ...formulas.scoreFormulas(i + 2));
    }
    for (const e of extras) row.push(e.value(c));
    return row;
  };
  // Widths from the titles and the first rows (ids and labels).
  const sample = Array.from({ length: Math.min(order.length, 300) }, (_, i) => rowAt(i));
  const columns: PlanColumn[] = [
    ...CUSTOMER_COLUMNS.map((key) => ({ key, title: CUSTOMER_COLUMN_TITLES[key][lang], kind: KINDS[key] })),
    ...extras.map((e) => e.column),
  ].map((column, k) => ({ ...column, width: widthFor(column, sample.map((r) => r[k])) }));
  const block: Block = { key: "customers", top: 0, left: 0, columns, rows: [], rowCount: order.length, rowAt, table: CUSTOMERS_TABLE };
  return { name, role: "customers", blocks: [block], charts: [], conditionalFormats: [], links: [], freeze: { rows: 1, cols: 1 } };
}

/** Text columns fit their contents; numbers fit their title (room for the filter button). */
function widthFor(column: PlanColumn, values: PlanCell[]): number {
  if (column.kind === "text") return fitWidth(column.title, values, 10, 40) + 2;
  const numberWidth = column.kind === "date" ? 12 : column.kind === "money" ? 14 : 9;
  return Math.min(30, Math.max(numberWidth, textWidth(column.title) + 4));
}

export { FORMULA_SHEETS };

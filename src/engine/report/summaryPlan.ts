/**
 * The Summary sheet a manager opens first: headline figures, the segment overview with its chart
 * beside it, then the R×F heat maps, the Pareto curve, tiers, RFM classes, stages, cohorts, the
 * optional CLV / cluster / trend / migration tables, and the data-cleaning table last.
 */
import { KIND_CUSTOMER } from "../grade/aggregate";
import { SEGMENT_ACTIONS, STAGE_ACTIONS } from "../grade/actions";
import type { GradeResult } from "../grade/pipeline";
import type { GroupCount } from "../grade/summary";
import { formatDay } from "../read/days";
import { AMOUNT_TIERS, FREQUENCY_TIERS, LIFECYCLE_STAGES, NO_GRADE, RF_SEGMENTS, RFM8_CLASSES, VALUE_TIERS, type Label } from "../common/labels";
import type { Lang } from "../common/types";
import { cohortTable } from "./cohorts";
import { netRevenue } from "./netRevenue";
import { migration } from "./migration";
import { paretoCurve } from "./paretoCurve";
import { col, SheetLayout, type Placed } from "./planLayout";
import { rowStatusRows } from "./reportTables";
import { VALUABLE_KINDS, valuableCustomers } from "./trend";
import type { PlanExtras } from "./planExtras";
import { MODEL_NAMES } from "../clv/models";
import { levelAction } from "../grade/memberLevels";
import { breakdownBySegment } from "../grade/breakdown";
import type { PlanCell, PlanColumn, SheetPlan } from "./workbookPlan";

const TEXT = {
  en: {
    title: (asOf: string) => `Customer Tiers — summary as of ${asOf}`,
    net: "Revenue net of returns (net revenue = the customers' monetary summed, each customer's floored at 0)", gross: "Gross revenue", returns: "Returns", netRevenue: "Net revenue", floored: "Floored at 0",
    customers: "Customers", revenue: "Revenue", first: "First purchase", last: "Last purchase", asOf: "As of", rowsRead: "Rows read", rowsIn: "Rows included",
    shareCustomers: "Share of customers", shareRevenue: "Share of revenue", perCustomer: "Revenue per customer", medianRecency: "Median recency (days)", action: "Recommended action",
    segments: "Segments: who the customers are and what to do", segment: "Segment",
    segmentChart: "Share of customers and of revenue by segment",
    grid: "Customers by R score (rows) and F score (columns)", gridMoney: "Average monetary by R score (rows) and F score (columns)",
    pareto: "Pareto curve: share of revenue from the largest customers", paretoX: "Share of customers (largest first)", paretoY: "Cumulative share of revenue",
    value: "Value tiers (Pareto A / B / C)", valueTier: "Value tier", valueChart: "Revenue by value tier",
    rfm8: "The eight RFM classes (R, F, M against the customers' means)", rfm8Class: "RFM class", rfmHml: "R F M", rfm8Chart: "Customers per RFM class",
    stages: "Lifecycle stages", stage: "Lifecycle stage", stageChart: "Customers per lifecycle stage",
    levels: "Member levels", level: "Member level", levelChart: "Customers per member level",
    by: (c: string) => `By ${c} (each customer counted once, under the value with most of their revenue)`, byChart: (c: string) => `Revenue by ${c}`, bySegment: (c: string) => `${c} × segment`, noValue: "(none)",
    freq: "Frequency tiers", freqTier: "Frequency tier", amount: "Amount tiers (average order value)", amountTier: "Amount tier",
    cohorts: "Cohort retention (first-purchase month × months since, share of the cohort active)", cohort: "Cohort",
    clv: (model: string) => `Predicted value by segment (${model} + Gamma-Gamma, next 12 months)`, pAlive: "Average P(alive)", purchases90: "Expected purchases, next 90 days", clv12: "Predicted 12-month CLV", shareClv: "Share of predicted CLV",
    tracking: (end: string) => `Holdout test: BG/NBD fitted on purchases before ${end}; later weeks are the holdout`, week: "Week", actual: "Actual cumulative repeat purchases", expected: "Expected cumulative repeat purchases", period: "Period", calibration: "calibration", holdout: "holdout", trackingChart: "Cumulative repeat purchases: actual vs expected",
    clusters: (k: number) => `Clusters (k-means on log R, F, M; k = ${k})`, cluster: "Cluster", medianF: "Median frequency", medianM: "Median monetary", scatter: "Clusters: frequency (x) and monetary (y), up to 100 customers each", scatterChart: "Clusters: frequency and monetary", frequency: "Frequency",
    valuable: "Valuable customers (value tier and 90-day spend trend)", kind: "Kind",
    migration: (from: string, to: string) => `Segment migration ${from} → ${to} (customers; rows: segment then, columns: now)`, then: "Segment then \\ now", newCustomer: "(new)",
    cleaning: "Data cleaning: what happened to each row read", status: "Row status", rows: "Rows", shareRows: "Share of rows", column: "Column", firstRows: "First rows (row numbers)",
  },
  zh: {
    title: (asOf: string) => `客户分级 — 汇总（截止 ${asOf}）`,
    net: "扣除退货后的收入（净收入 = 各客户消费金额之和，每位客户不低于 0）", gross: "毛收入（退货前）", returns: "退货", netRevenue: "净收入", floored: "不低于0的调整",
    customers: "客户数", revenue: "收入", first: "首次购买", last: "最近购买", asOf: "截止日期", rowsRead: "读取行数", rowsIn: "计入行数",
    shareCustomers: "客户占比", shareRevenue: "收入占比", perCustomer: "客均收入", medianRecency: "最近购买间隔中位数（天）", action: "建议行动",
    segments: "客户分群：客户是谁、该做什么", segment: "客户分群",
    segmentChart: "各分群的客户占比与收入占比",
    grid: "按R评分（行）与F评分（列）的客户数", gridMoney: "按R评分（行）与F评分（列）的平均消费金额",
    pareto: "帕累托曲线：最大客户贡献的收入占比", paretoX: "客户占比（按收入从高到低）", paretoY: "累计收入占比",
    value: "价值等级（帕累托 A / B / C）", valueTier: "价值等级", valueChart: "各价值等级的收入",
    rfm8: "RFM八类客户（R、F、M 与客户均值比较）", rfm8Class: "RFM八类", rfmHml: "R F M", rfm8Chart: "RFM八类客户数",
    stages: "生命周期阶段", stage: "生命周期阶段", stageChart: "各生命周期阶段客户数",
    levels: "会员等级", level: "会员等级", levelChart: "各会员等级客户数",
    by: (c: string) => `按${c}细分（每位客户只计一次，归入其收入最多的取值）`, byChart: (c: string) => `各${c}的收入`, bySegment: (c: string) => `${c} × 客户分群`, noValue: "（无）",
    freq: "频次等级", freqTier: "频次等级", amount: "金额等级（客单价）", amountTier: "金额等级",
    cohorts: "同期群留存（首购月 × 此后月数，活跃客户占同期群比例）", cohort: "首购月",
    clv: (model: string) => `各分群预测价值（${model} + Gamma-Gamma，未来12个月）`, pAlive: "平均存活概率", purchases90: "未来90天预期购买次数", clv12: "预测12个月客户终身价值", shareClv: "预测价值占比",
    tracking: (end: string) => `留出期检验：BG/NBD 以 ${end} 之前的购买拟合，之后各周为留出期`, week: "周", actual: "实际累计重复购买", expected: "模型预期累计重复购买", period: "阶段", calibration: "拟合期", holdout: "留出期", trackingChart: "累计重复购买：实际与预期",
    clusters: (k: number) => `聚类（对 log R、F、M 做 k-means；k = ${k}）`, cluster: "聚类", medianF: "购买次数中位数", medianM: "消费金额中位数", scatter: "聚类散点：购买次数（横轴）与消费金额（纵轴），每类最多100位客户", scatterChart: "聚类：购买次数与消费金额", frequency: "购买次数",
    valuable: "三类重点客户（价值等级与近90天消费趋势）", kind: "类别",
    migration: (from: string, to: string) => `分群迁移 ${from} → ${to}（客户数；行：原分群，列：现分群）`, then: "原分群 \\ 现分群", newCustomer: "（新客户）",
    cleaning: "数据清洗：读取的每一行如何处理", status: "行状态", rows: "行数", shareRows: "行占比", column: "列", firstRows: "首批行号",
  },
};

/** Sheet column widths of the Summary: A = labels, then numbers; actions are merged across ACTION_SPAN number columns. */
const LABEL_WIDTH = 26, NUMBER_WIDTH = 13, ACTION_SPAN = 5;
/** Charts start right of the actions (column M). */
const CHART_COL = 7 + ACTION_SPAN;

export const SUMMARY_SHEET = { en: "Summary", zh: "汇总" };

const median = (values: number[]): number | null => {
  if (!values.length) return null;
  values.sort((a, b) => a - b);
  const h = (values.length - 1) / 2;
  const l = Math.floor(h);
  return values[l] + (h - l) * (values[Math.min(l + 1, values.length - 1)] - values[l]);
};

export function summarySheet(result: GradeResult, lang: Lang, extras: PlanExtras = {}): SheetPlan {
  const t = TEXT[lang];
  const layout = new SheetLayout(SUMMARY_SHEET[lang], "summary", CHART_COL);
  for (let k = 1; k < CHART_COL; ++k) layout.sheet.widths![k] = NUMBER_WIDTH;
  const { summary, measures, grades } = result;
  const total = summary.revenue;
  const customers = summary.customers;
  const share = (v: number, of: number) => (of > 0 ? v / of : 0);
  const label = (title: string) => col("label", title, "text", LABEL_WIDTH);
  const num = (key: string, title: string, kind: PlanColumn["kind"]) => col(key, title, kind, NUMBER_WIDTH);

  // Headline.
  let first = Infinity, last = -Infinity;
  for (const c of measures.customerIndexes)
    if (measures.kind[c] === KIND_CUSTOMER) {
      first = Math.min(first, measures.firstDay[c]);
      last = Math.max(last, measures.lastDay[c]);
    }
  layout.add({
    key: "headline",
    title: t.title(formatDay(result.asOfDay)),
    columns: [label(t.customers), num("revenue", t.revenue, "money"), num("first", t.first, "date"), num("last", t.last, "date"), num("asOf", t.asOf, "date"), num("rowsRead", t.rowsRead, "count"), num("rowsIn", t.rowsIn, "count")],
    rows: [[customers, total, Number.isFinite(first) ? first : null, Number.isFinite(last) ? last : null, result.asOfDay, result.report.rowsRead, result.report.included]],
    kinds: [["count", null, null, null, null, null, null]],
  });
  // With returns = net: gross revenue, the returns and net revenue.
  const net = netRevenue(result);
  if (net)
    layout.add({
      key: "netRevenue",
      title: t.net,
      columns: [num("gross", t.gross, "money"), num("returns", t.returns, "money"), num("floored", t.floored, "money"), num("netRevenue", t.netRevenue, "money")],
      rows: [[net.gross, net.returns, net.floored, net.net]],
    });

  // Median recency per group, for segments and stages.
  const medians = (codes: Uint8Array, size: number) => {
    const lists: number[][] = Array.from({ length: size }, () => []);
    for (const c of measures.customerIndexes) if (measures.kind[c] === KIND_CUSTOMER && codes[c] !== NO_GRADE) lists[codes[c]].push(measures.recencyDays[c]);
    return lists.map(median);
  };
  const groupColumns = (key: string, title: string, withRecency: boolean, withAction: boolean): PlanColumn[] => [
    { ...label(title), key },
    num("customers", t.customers, "count"),
    num("shareCustomers", t.shareCustomers, "share"),
    num("revenue", t.revenue, "money"),
    num("shareRevenue", t.shareRevenue, "share"),
    num("perCustomer", t.perCustomer, "money"),
    ...(withRecency ? [num("medianRecency", t.medianRecency, "decimal")] : []),
    ...(withAction ? [{ ...col("action", t.action, "text", NUMBER_WIDTH * ACTION_SPAN), wrap: true, span: ACTION_SPAN }] : []),
  ];
  const groupRows = (list: readonly Label[], groups: GroupCount[], recency?: (number | null)[], actions?: readonly { en: string; zh: string }[]): PlanCell[][] =>
    groups.map((g) => [
      list[g.code][lang],
      g.customers,
      share(g.customers, customers),
      g.revenue,
      share(g.revenue, total),
      g.customers > 0 ? g.revenue / g.customers : null,
      ...(recency ? [recency[g.code]] : []),
      ...(actions ? [actions[g.code][lang]] : []),
    ]);

  // Segment overview with its chart beside it.
  const segments = layout.add({ key: "segments", title: t.segments, columns: groupColumns("segment", t.segment, true, true), rows: groupRows(RF_SEGMENTS, summary.segments, medians(grades.rfSegment, RF_SEGMENTS.length), SEGMENT_ACTIONS) }, 2);
  layout.chart(segments, {
    kind: "bar",
    title: t.segmentChart,
    categories: segments.column(0),
    series: [{ name: t.shareCustomers, values: segments.column(2) }, { name: t.shareRevenue, values: segments.column(4) }],
    legend: true,
    valueFormat: "0%",
  }, 18);

  // R×F heat maps: customers, then average monetary.
  const bins = result.options.bins;
  const rLevels = Array.from({ length: bins }, (_, k) => bins - k);
  const gridColumns = (kind: PlanColumn["kind"]) => [label("R \\ F"), ...Array.from({ length: bins }, (_, f) => num(`F${f + 1}`, `F${f + 1}`, kind))];
  const counts = layout.add({ key: "rfGrid", title: t.grid, columns: gridColumns("count"), rows: rLevels.map((r) => [`R${r}`, ...summary.rfGrid.customers[r - 1]]) });
  layout.format({ type: "colorScale", range: counts.area(1, bins + 1), colors: ["F3F9FD", "5B9BD5"] });
  const money = layout.add({
    key: "rfGridMonetary",
    title: t.gridMoney,
    columns: gridColumns("money"),
    rows: rLevels.map((r) => [`R${r}`, ...summary.rfGrid.revenue[r - 1].map((v, f) => (summary.rfGrid.customers[r - 1][f] > 0 ? v / summary.rfGrid.customers[r - 1][f] : null))]),
  }, 2);
  layout.format({ type: "colorScale", range: money.area(1, bins + 1), colors: ["F4FAF4", "63BE7B"] });

  // Pareto curve.
  const curve = layout.add({ key: "pareto", title: t.pareto, columns: [{ ...label(t.paretoX), kind: "share" }, num("cumulative", t.paretoY, "share")], rows: paretoCurve(result) }, 2);
  layout.chart(curve, { kind: "scatter", title: t.pareto, series: [{ name: t.paretoY, values: curve.column(1), xValues: curve.column(0) }], xTitle: t.paretoX, yTitle: t.paretoY, legend: false, valueFormat: "0%", axisMax: { x: 1, y: 1 } });

  // Value tiers.
  const value = layout.add({ key: "valueTiers", title: t.value, columns: groupColumns("valueTier", t.valueTier, false, false), rows: groupRows(VALUE_TIERS, summary.valueTiers) }, 2);
  layout.chart(value, { kind: "pie", title: t.valueChart, categories: value.column(0), series: [{ name: t.revenue, values: value.column(3) }], legend: true }, 12, 6);

  // The eight RFM classes, full labels, with their H/L pattern.
  const hml = (code: number) => [code & 4, code & 2, code & 1].map((b) => (b ? "H" : "L")).join(" ");
  const rfm8 = layout.add({
    key: "rfm8",
    title: t.rfm8,
    columns: [{ ...label(t.rfm8Class), key: "rfm8" }, num("hml", t.rfmHml, "text"), ...groupColumns("x", "", false, false).slice(1)],
    rows: summary.rfm8.map((g) => {
      const [name, ...rest] = groupRows(RFM8_CLASSES, [g])[0];
      return [name, hml(g.code), ...rest];
    }),
  }, 2);
  layout.chart(rfm8, { kind: "bar", title: t.rfm8Chart, categories: rfm8.column(0), series: [{ name: t.customers, values: rfm8.column(2) }], legend: false }, 14);

  // Lifecycle stages.
  const stages = layout.add({ key: "stages", title: t.stages, columns: groupColumns("stage", t.stage, true, true), rows: groupRows(LIFECYCLE_STAGES, summary.stages, medians(grades.lifecycle, LIFECYCLE_STAGES.length), STAGE_ACTIONS) }, 2);
  layout.chart(stages, { kind: "column", title: t.stageChart, categories: stages.column(0), series: [{ name: t.customers, values: stages.column(1) }], legend: false }, 18);

  if (extras.levels) {
    // Member levels, top level first, with the action for each place on the ladder.
    const { ladder, level } = extras.levels;
    const count = ladder.names.length;
    const groups: GroupCount[] = ladder.names.map((key, code) => ({ key, code, customers: 0, revenue: 0 }));
    for (const c of measures.customerIndexes) if (level[c] !== NO_GRADE) {
      ++groups[level[c]].customers;
      groups[level[c]].revenue += measures.monetary[c];
    }
    const names: Label[] = ladder.names.map((n) => ({ key: n, en: n, zh: n }));
    const actions = ladder.names.map((_, k) => ({ en: levelAction(k, count, "en"), zh: levelAction(k, count, "zh") }));
    const levels = layout.add({ key: "memberLevels", title: t.levels, columns: groupColumns("memberLevel", t.level, false, true), rows: groupRows(names, groups.reverse(), undefined, actions) }, 2);
    layout.chart(levels, { kind: "column", title: t.levelChart, categories: levels.column(0), series: [{ name: t.customers, values: levels.column(1) }], legend: false }, 16);
  }

  if (extras.breakdown) {
    // By the chosen dimension: one row per value (most revenue first), then value × segment.
    const { column, values } = extras.breakdown;
    const cells = breakdownBySegment(result, extras.breakdown);
    const per = new Map<number, { customers: number; revenue: number }>();
    for (const c of cells) {
      const g = per.get(c.value) ?? { customers: 0, revenue: 0 };
      g.customers += c.customers;
      g.revenue += c.revenue;
      per.set(c.value, g);
    }
    const order = [...per.keys()].sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : per.get(b)!.revenue - per.get(a)!.revenue || a - b));
    const name = (v: number) => (v < 0 ? t.noValue : values[v]);
    const byValue = layout.add({
      key: "breakdown",
      title: t.by(column),
      columns: groupColumns("dimension", column, false, false),
      rows: order.map((v) => {
        const g = per.get(v)!;
        return [name(v), g.customers, share(g.customers, customers), g.revenue, share(g.revenue, total), share(g.revenue, g.customers)];
      }),
    }, 2);
    layout.chart(byValue, { kind: "column", title: t.byChart(column), categories: byValue.column(0), series: [{ name: t.revenue, values: byValue.column(3) }], legend: false }, 14);
    const rank = new Map(order.map((v, k) => [v, k]));
    cells.sort((a, b) => rank.get(a.value)! - rank.get(b.value)! || a.segment - b.segment);
    layout.add({
      key: "breakdownSegments",
      title: t.bySegment(column),
      columns: [{ ...label(column), key: "dimension" }, { ...label(t.segment), key: "segment" }, num("customers", t.customers, "count"), num("revenue", t.revenue, "money"), num("shareRevenue", t.shareRevenue, "share")],
      rows: cells.map((c) => [name(c.value), RF_SEGMENTS[c.segment][lang], c.customers, c.revenue, c.share]),
    }, 2);
  }

  layout.add({ key: "frequencyTiers", title: t.freq, columns: groupColumns("frequencyTier", t.freqTier, false, false), rows: groupRows(FREQUENCY_TIERS, summary.frequencyTiers) });
  layout.add({ key: "amountTiers", title: t.amount, columns: groupColumns("amountTier", t.amountTier, false, false), rows: groupRows(AMOUNT_TIERS, summary.amountTiers) }, 2);

  cohortBlock(layout, result, lang);
  if (extras.clv) clvBlocks(layout, result, lang, extras);
  if (extras.clustering) clusterBlocks(layout, result, lang, extras);
  if (extras.trends) {
    const kinds = valuableCustomers(result, extras.trends);
    layout.add({
      key: "valuable",
      title: t.valuable,
      columns: [{ ...label(t.kind), key: "kind" }, num("customers", t.customers, "count"), num("revenue", t.revenue, "money"), num("shareRevenue", t.shareRevenue, "share"), { ...col("action", t.action, "text"), wrap: true, span: ACTION_SPAN + 3 }],
      rows: kinds.map((v, k) => [VALUABLE_KINDS[k][lang], v.customers, v.revenue, share(v.revenue, total), VALUABLE_KINDS[k].action[lang]]),
    }, 2);
  }
  if (extras.earlier) migrationBlock(layout, extras.earlier, result, lang);

  // Data cleaning, last.
  const cleaning = rowStatusRows(result, lang);
  layout.add({
    key: "rowStatus",
    title: t.cleaning,
    columns: [{ ...label(t.status), key: "status" }, num("rows", t.rows, "count"), num("shareRows", t.shareRows, "share"), { ...num("column", t.column, "text"), span: 2 }, { ...col("firstRows", t.firstRows, "text"), wrap: true, span: 3 }],
    rows: cleaning.map((r) => [r.label, r.rows, share(r.rows, result.report.rowsRead), r.column, r.firstRows]),
  });
  layout.sheet.freeze = undefined;
  return layout.sheet;
}

function cohortBlock(layout: SheetLayout, result: GradeResult, lang: Lang): void {
  const t = TEXT[lang];
  const table = cohortTable(result);
  if (!table.cohorts.length) return;
  const months = Math.min(24, 1 + table.cells.reduce((m, c) => Math.max(m, c.monthsSinceFirst), 0));
  const index = new Map(table.cohorts.map((c, k) => [c.cohort, k]));
  const rows: PlanCell[][] = table.cohorts.map(({ cohort, size }) => [cohort, size, ...new Array<PlanCell>(months).fill(null)]);
  for (const c of table.cells) if (c.monthsSinceFirst < months) rows[index.get(c.cohort)!][2 + c.monthsSinceFirst] = c.retention;
  const placed = layout.add({
    key: "cohorts",
    title: t.cohorts,
    columns: [col("cohort", t.cohort, "text", LABEL_WIDTH), col("customers", t.customers, "count", NUMBER_WIDTH), ...Array.from({ length: months }, (_, m) => col(`M${m}`, `M${m}`, "share"))],
    rows,
  }, 2);
  layout.format({ type: "colorScale", range: placed.area(2, 2 + months), colors: ["FFFFFF", "5B9BD5"] });
}

function clvBlocks(layout: SheetLayout, result: GradeResult, lang: Lang, extras: PlanExtras): void {
  const t = TEXT[lang];
  const { columns } = extras.clv!;
  const { measures, grades } = result;
  const per = RF_SEGMENTS.map(() => ({ n: 0, alive: 0, purchases: 0, clv: 0 }));
  let totalClv = 0;
  for (const c of measures.customerIndexes) {
    if (measures.kind[c] !== KIND_CUSTOMER || !Number.isFinite(columns.clv[c])) continue;
    const g = per[grades.rfSegment[c]];
    g.n += 1;
    g.alive += columns.pAlive[c];
    g.purchases += columns.expectedPurchases90d[c];
    g.clv += columns.clv[c];
    totalClv += columns.clv[c];
  }
  layout.add({
    key: "clv",
    title: t.clv(MODEL_NAMES[columns.model]),
    columns: [col("segment", t.segment, "text", LABEL_WIDTH), col("customers", t.customers, "count", NUMBER_WIDTH), col("pAlive", t.pAlive, "ratio", NUMBER_WIDTH), col("purchases90", t.purchases90, "decimal", NUMBER_WIDTH), col("clv", t.clv12, "money", NUMBER_WIDTH), col("shareClv", t.shareClv, "share", NUMBER_WIDTH)],
    rows: per.map((g, k) => [RF_SEGMENTS[k][lang], g.n, g.n ? g.alive / g.n : null, g.purchases, g.clv, totalClv > 0 ? g.clv / totalClv : 0]),
  }, 2);
  const tracking = extras.tracking;
  if (tracking && tracking.points.length) {
    const placed = layout.add({
      key: "tracking",
      title: t.tracking(tracking.calibrationEnd),
      columns: [col("week", t.week, "count"), col("actual", t.actual, "count"), col("expected", t.expected, "decimal"), col("period", t.period, "text")],
      rows: tracking.points.map((p) => [p.period, p.actual, p.expected, p.calibration ? t.calibration : t.holdout]),
    }, 2);
    layout.chart(placed, { kind: "line", title: t.trackingChart, categories: placed.column(0), series: [{ name: t.actual, values: placed.column(1) }, { name: t.expected, values: placed.column(2) }], legend: true });
  }
}

function clusterBlocks(layout: SheetLayout, result: GradeResult, lang: Lang, extras: PlanExtras): void {
  const t = TEXT[lang];
  const clustering = extras.clustering!;
  layout.add({
    key: "clusters",
    title: t.clusters(clustering.k),
    columns: [col("cluster", t.cluster, "text", LABEL_WIDTH), col("customers", t.customers, "count", NUMBER_WIDTH), col("shareRevenue", t.shareRevenue, "share", NUMBER_WIDTH), col("medianRecency", t.medianRecency, "decimal", NUMBER_WIDTH), col("medianF", t.medianF, "decimal", NUMBER_WIDTH), col("medianM", t.medianM, "money", NUMBER_WIDTH)],
    rows: clustering.profiles.map((p) => [p.name[lang], p.customers, p.revenueShare, p.median.recency, p.median.frequency, p.median.monetary]),
  });
  // Frequency (x) against monetary (y), one y column per cluster so that the scatter colours them.
  const { measures } = result;
  const members: number[][] = clustering.profiles.map(() => []);
  for (const c of result.outputOrder) if (clustering.cluster[c] !== NO_GRADE) members[clustering.cluster[c]].push(c);
  const rows: PlanCell[][] = [];
  members.forEach((list, j) => {
    const step = Math.max(1, list.length / 100);
    for (let s = 0; s < list.length; s += step) {
      const c = list[Math.floor(s)];
      const row: PlanCell[] = new Array(members.length + 1).fill(null);
      row[0] = measures.frequency[c];
      row[j + 1] = measures.monetary[c];
      rows.push(row);
    }
  });
  const placed = layout.add({
    key: "clusterPoints",
    title: t.scatter,
    columns: [col("frequency", t.frequency, "count", LABEL_WIDTH), ...clustering.profiles.map((p, j) => col(`cluster${j}`, p.name[lang], "money", NUMBER_WIDTH))],
    rows,
  }, 2);
  layout.chart(placed, {
    kind: "scatter",
    title: t.scatterChart,
    series: clustering.profiles.map((p, j) => ({ name: p.name[lang], values: placed.column(j + 1), xValues: placed.column(0) })),
    xTitle: t.frequency,
    yTitle: t.medianM,
    legend: true,
  });
}

function migrationBlock(layout: SheetLayout, earlier: GradeResult, result: GradeResult, lang: Lang): void {
  const t = TEXT[lang];
  const moved = migration(earlier, result);
  const names = RF_SEGMENTS.map((s) => s[lang]);
  const placed = layout.add({
    key: "migration",
    title: t.migration(formatDay(earlier.asOfDay), formatDay(result.asOfDay)),
    columns: [col("then", t.then, "text", LABEL_WIDTH), ...names.map((n, k) => col(`to${k}`, n, "count", NUMBER_WIDTH))],
    rows: moved.counts.map((row, k) => [k === 0 ? t.newCustomer : names[k - 1], ...row]),
  }, 2);
  layout.format({ type: "colorScale", range: placed.area(1, 1 + names.length), colors: ["FFFFFF", "5B9BD5"] });
}

/**
 * The Method sheet: how these grades were made, complete in itself (a reader of the workbook has no
 * repository) and in the workbook's language — the date and version, every option, the exact breaks
 * (the cell keeps the exact value; its number format shows sensible precision), and every rule in words.
 */
import type { GradeResult } from "../grade/pipeline";
import { formatDay } from "../read/days";
import { RF_GRID } from "../grade/segments";
import { reasonZh, RF_SEGMENTS, ROW_STATUS_WORDS } from "../common/labels";
import { EXCLUSION_REASONS, type Lang } from "../common/types";
import { col, SheetLayout, textWidth } from "./planLayout";
import type { PlanExtras } from "./planExtras";
import { ACTIVITY_DECIMALS } from "./trend";
import { NUMBER_FORMATS, type ColumnKind, type PlanCell, type SheetPlan } from "./workbookPlan";
import { MODEL_NAMES } from "../clv/models";

export const METHOD_SHEET = { en: "Method", zh: "方法" };

export interface MethodInfo {
  /** The day the workbook was made, YYYY-MM-DD (the caller's clock: the engine reads none). */
  generated: string;
  version: string;
  /** The data graded: a file name, or a sheet and range. */
  source?: string;
  /** Scores written as formulas (Breaks and Segment map sheets). */
  formulas?: { breaks: string; map: string } | null;
  /** What the writer decided about this workbook (a sheet left out …), as [topic, text] rules in the workbook's language. */
  notes?: [string, string][];
}

/** Decimal places the ratio format shows (the activity index keeps more in the cell). */
const RATIO_SHOWN = NUMBER_FORMATS.ratio.split(".")[1]?.length ?? 0;
const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** The rules of the options that change how rows and customers are read or grouped: returns, amounts per order, member levels, breakdown. */
function optionRules(result: GradeResult, lang: Lang, extras: PlanExtras): [string, string][] {
  const o = result.options;
  const order = result.columns.mapping.order !== undefined;
  const out: [string, string][] = [];
  const zh = lang === "zh";
  if (o.returns === "net")
    out.push(zh
      ? ["退货", "退货（负金额，以及单据类型列标为退货的行：退货、return、refund）从该客户的消费金额中冲减，最低为 0；退货不算订单，也不算购买日，因此不改变最近购买间隔和购买频次。评分、价值等级和客户终身价值都使用冲减后的金额。"]
      : ["Returns", "Returns (negative amounts, and rows an order-type column marks as returns: 退货, return, refund) are netted off their customer's monetary, never below 0; they are not orders and not purchase days, so recency and frequency do not change. Scores, tiers and lifetime value use the net figure."]);
  if (order && o.amountPer !== "line")
    out.push(zh
      ? ["订单金额", `订单总额在该订单每一行重复时，只在该订单的第一条有效行上计一次，其余行仍计入（属于同一订单）但金额按 0 计。${o.amountPer === "auto" ? "本次为自动判断：当有两行及以上有效行的订单中，多数订单的每行金额都相同时采用此规则。" : "本次按用户选择采用此规则。"}`]
      : ["Order amounts", `When an order's total is repeated on each of its lines, it is counted once, on the order's first valid line; the other lines stay included (they belong to the order) with amount 0 for the sums. ${o.amountPer === "auto" ? "Here this was detected: it applies when, in most orders with two or more valid lines, every line has the same amount." : "Here it was chosen by the user."}`]);
  if (extras.levels) {
    const { ladder } = extras.levels;
    const basis = ladder.basis;
    const on = zh
      ? basis.kind === "monetary" ? "消费金额" : basis.kind === "frequency" ? "购买频次" : `截止日期前 ${basis.days} 天内的消费`
      : basis.kind === "monetary" ? "monetary" : basis.kind === "frequency" ? "frequency" : `spend in the ${basis.days} days before the as-of date`;
    const steps = ladder.names.map((name, i) => (zh ? `${name} 自 ${ladder.thresholds[i]}` : `${name} from ${ladder.thresholds[i]}`)).join(zh ? "，" : ", ");
    out.push(zh
      ? ["会员等级", `按${on}：${steps}。客户取其数值达到门槛（含门槛）的最高一级；低于第一级门槛的客户没有等级。汇总表列出每个等级的客户数、收入和建议行动。`]
      : ["Member level", `On ${on}: ${steps}. A customer gets the last level whose threshold their value reaches (thresholds inclusive); below the first threshold, no level. The Summary gives each level's customers, revenue and recommended action.`]);
  }
  if (extras.breakdown) {
    const column = extras.breakdown.column;
    out.push(zh
      ? ["细分维度", `按“${column}”列细分：每位客户取为其贡献最多有效收入的那个值；金额相同时取其最近一次购买的值（只有空值的客户没有取值）。汇总表按该列的值和客户分群列出客户数、收入和收入占比。`]
      : ["Breakdown", `By the column "${column}": each customer's value is the one carrying most of their valid revenue; on a tie, the value of their latest purchase (a customer with only blank cells has none). The Summary gives customers, revenue and share of revenue per value and segment.`]);
  }
  return out;
}

function rules(result: GradeResult, lang: Lang, extras: PlanExtras, info: MethodInfo): [string, string][] {
  return [...(info.notes ?? []), ...baseRules(result, lang, extras, info), ...optionRules(result, lang, extras)];
}

function baseRules(result: GradeResult, lang: Lang, extras: PlanExtras, info: MethodInfo): [string, string][] {
  const o = result.options;
  const l = o.lifecycle;
  const bins = o.bins;
  const order = result.columns.mapping.order !== undefined;
  if (lang === "zh")
    return [
      ["交易行", `一行是一笔有效购买，当且仅当客户ID不为空、日期可识别、金额可识别且金额大于0${o.zeroAmounts === "include" ? "（本次选择计入金额为0的行）" : ""}。其余行按顺序归入第一个适用的原因（${EXCLUSION_REASONS.map(reasonZh).join("、")}），汇总表最后的“数据清洗”表列出每个原因的行数、所涉及的列和首批行号。没有任何一行被悄悄丢弃：计入行数 + 排除行数 = 读取行数。`],
      ["截止日期", `截止日期是分析期之后的第一天（本次为 ${formatDay(result.asOfDay)}）。默认取最晚一笔有效购买的次日；该日及之后的行被排除。`],
      ["客户指标", `最近购买间隔 = 截止日期 − 最近购买日期（整天数，至少为1）；客户时长 = 截止日期 − 首次购买日期；购买频次 = ${order ? "不同订单号的个数" : "不同购买日期的天数"}；消费金额 = 有效行金额之和（保留6位小数）；客单价 = 消费金额 / 购买频次。`],
      ["R、F、M 评分", o.method === "ntile"
        ? `等数量分组：客户按从差到好排序（R：间隔天数多者在前；F、M：数值小者在前），同值按客户ID排序，第 i 位（从0起，共 N 位）的评分 = floor(i × ${bins} / N) + 1。`
        : o.method === "rfm"
          ? `与 R 的 rfm 0.3.0 相同：购买频次 = 有效交易行数（不是订单数）；第 k 个分界点 = PERCENTILE.INC(该指标, k/${bins}) + 1；区间左闭右开 [下界, 上界)，第一档下界为最小值，最后一档上界为最大值 + 1；F、M 评分 = 所在档（1 为最低），R 评分 = ${bins} + 1 − 所在档。相邻分界点相等时该档为空。`
        : o.method === "fixed"
          ? `固定分界点：每个指标使用用户给定的 ${bins - 1} 个分界点（见下方“分界点”表）。F、M 评分 = 1 + 大于该值的分界点个数；R 评分 = ${bins} − 小于该值的分界点个数（间隔越短越好）。`
          : `分位数：每个指标的第 k 个分界点 = PERCENTILE.INC(全部客户的该指标, k/${bins})，k = 1…${bins - 1}（见下方“分界点”表，单元格保存精确值）。F、M 评分 = 1 + COUNTIF(分界点, "<"&值)；R 评分 = ${bins} − COUNTIF(分界点, "<"&值)（间隔越短越好）。相同的值总是得到相同的评分。`],
      ["RFM评分", "R、F、M 三个评分依次连成的三位文本，例如 “545”。"],
      ["客户分群", `按 R 与 F 评分${bins === 5 ? "" : `（先换算为1–5分：ceil(评分 × 5 / ${bins})）`}查下方“客户分群表”。`],
      ["RFM八类", `与客户均值比较：最近购买间隔低于均值为 R 高，购买频次高于均值为 F 高，消费金额高于均值为 M 高（均值见下方）。高高高 = 重要价值客户，高低高 = 重要发展客户，低高高 = 重要保持客户，低低高 = 重要挽留客户，高高低 = 一般价值客户，高低低 = 一般发展客户，低高低 = 一般保持客户，低低低 = 一般挽留客户。`],
      ["价值等级", `客户按消费金额从高到低排列（同值按客户ID）。设 c 为排在其前面的客户所占的收入比例：c < ${pct(o.valueTiers.a)} 为高价值（A），c < ${pct(o.valueTiers.b)} 为中价值（B），其余为低价值（C）。最大的客户总是 A。`],
      ["频次与金额等级", "与分位数评分相同，但只分3档：购买频次 → 低频 / 中频 / 高频；客单价 → 小额 / 中额 / 大额。"],
      ["生命周期阶段", `按顺序取第一个符合的规则：潜在客户（有记录但没有有效购买）；流失客户（间隔 > ${l.lostDays} 天）；沉睡客户（间隔 > ${l.dormantDays} 天）；风险客户（间隔 > ${l.activeDays} 天）；新客户（客户时长 ≤ ${l.newDays} 天）；回流客户（至少两个购买日，且最后两次购买相隔 > ${l.reactivationGapDays} 天）；忠诚客户（购买频次 ≥ ${l.loyalOrders}）；其余为活跃客户。`],
      ["建议行动", "每个客户分群和生命周期阶段各有一条建议行动（提供什么、通过什么渠道、多久一次），见汇总表。"],
      ...(extras.clv ? [["客户终身价值", `${MODEL_NAMES[extras.clv.columns.model]} 模型预测未来购买次数，Gamma-Gamma 模型预测单次消费；12个月客户终身价值 = 各月预期购买次数 × 预期单次消费，按月折现1%求和。存活概率为客户仍在购买的概率。CLV等级按预测价值套用价值等级的帕累托规则。${extras.clv.columns.notes.map((n) => n.zh).join("")}`] as [string, string]] : []),
      ...(extras.trends ? [["消费趋势", "比较截止日期前90天与再往前90天的消费：上升超过20%为上升，下降超过20%为下降，其余为平稳；此前没有消费的为新客户。"] as [string, string]] : []),
      ...(extras.trends ? [["活跃指数", `（最近90天的购买天数 ÷ 90）÷（全部购买天数 ÷ 客户时长）：1 为照常购买，小于 1 为放缓，大于 1 为加快；客户时长不超过90天时为空。保存 ${ACTIVITY_DECIMALS} 位小数，显示 ${RATIO_SHOWN} 位。`] as [string, string]] : []),
      ...(extras.clustering ? [["聚类", "对 log(1+间隔)、log(1+频次)、log(1+金额) 标准化后做 k-means（固定随机种子，结果可复现）；未指定 k 时在 2–8 中按轮廓系数选择。"] as [string, string]] : []),
      ["同期群", "客户按首次购买的月份分组；每格为该组在此后第 m 个月有有效购买的客户占比。"],
      ...(info.formulas ? [["公式模式", `R、F、M 评分、RFM评分和客户分群以公式写在“客户”表中：分界点在“${info.formulas.breaks}”工作表（PERCENTILE.INC），分群表在“${info.formulas.map}”工作表（INDEX），无需加载项即可重新计算。`] as [string, string]] : []),
    ];
  return [
    ["Rows", `A row is a valid purchase when its customer id is not empty, its date and amount can be read and the amount is above 0${o.zeroAmounts === "include" ? " (this time rows with amount 0 were counted too)" : ""}. Every other row is excluded under the first reason that applies, in this order: ${EXCLUSION_REASONS.map((r) => ROW_STATUS_WORDS[r]).join(", ")}; the Data cleaning table at the end of the Summary gives each reason's rows, the column it is about and the first row numbers. No row is lost silently: included + excluded = rows read.`],
    ["As-of date", `The as-of date is the first day after the period analysed (here ${formatDay(result.asOfDay)}). By default it is the day after the latest valid purchase; rows dated on or after it are excluded.`],
    ["Measures", `Recency = as-of date − last purchase date, in whole days (at least 1); tenure = as-of date − first purchase date; frequency = ${order ? "the number of distinct order ids" : "the number of distinct purchase days"}; monetary = the sum of the valid rows' amounts (rounded to 6 decimal places); average order value = monetary / frequency.`],
    ["R, F, M scores", o.method === "ntile"
      ? `Equal-count buckets: customers sorted from worst to best (R: most days first; F, M: smallest first), ties by customer id; position i (from 0) of N gets score floor(i × ${bins} / N) + 1.`
      : o.method === "rfm"
        ? `Same as R's rfm 0.3.0: frequency = the number of valid transaction rows (not orders); the k-th break = PERCENTILE.INC(measure, k/${bins}) + 1; bins are half-open [lower, upper) with the first lower = the minimum and the last upper = the maximum + 1; F and M score = the bin (1 = lowest), R score = ${bins} + 1 − the bin. Two equal breaks leave a level empty.`
      : o.method === "fixed"
        ? `Fixed breaks: the ${bins - 1} breaks the user gave per measure (the Breaks table below). F and M score = 1 + the number of breaks below the value; R score = ${bins} − the number of breaks below the value (fewer days is better).`
        : `Quantiles: the k-th break of a measure = PERCENTILE.INC(that measure over all customers, k/${bins}), k = 1…${bins - 1} (the Breaks table below; the cells hold the exact values). F and M score = 1 + COUNTIF(breaks, "<"&value); R score = ${bins} − COUNTIF(breaks, "<"&value) (fewer days is better). Equal values always get equal scores.`],
    ["RFM score", "The three scores R, F, M written together as text, e.g. \"545\"."],
    ["Segment", `Looked up from the R and F scores${bins === 5 ? "" : ` (first rescaled to 1–5 as ceil(score × 5 / ${bins}))`} in the segment grid below.`],
    ["RFM class", "Against the customers' means (below): R is high when recency is below the mean, F high when frequency is above it, M high when monetary is above it. H H H = Important Value, H L H = Important Development, L H H = Important Retention, L L H = Important Win-back, H H L = General Value, H L L = General Development, L H L = General Retention, L L L = General Win-back."],
    ["Value tier", `Customers sorted by monetary, largest first (ties by customer id). With c the share of revenue held by the customers before one: A when c < ${pct(o.valueTiers.a)}, B when c < ${pct(o.valueTiers.b)}, otherwise C. The largest customer is always A.`],
    ["Frequency and amount tiers", "Quantile scores with 3 levels: on frequency → Low / Mid / High; on average order value → Small / Medium / Large."],
    ["Lifecycle stage", `The first rule that matches: Prospect (rows but no valid purchase); Lost (recency > ${l.lostDays} days); Dormant (> ${l.dormantDays}); At Risk (> ${l.activeDays}); New (tenure ≤ ${l.newDays} days); Reactivated (at least two purchase days and more than ${l.reactivationGapDays} days between the last two); Loyal (frequency ≥ ${l.loyalOrders}); otherwise Active.`],
    ["Recommended action", "Each segment and lifecycle stage has one recommended action (what to offer, through which channel, how often), shown on the Summary."],
    ...(extras.clv ? [["Lifetime value", `${MODEL_NAMES[extras.clv.columns.model]} predicts future purchases and Gamma-Gamma the spend per purchase; the 12-month CLV sums each month's expected purchases × expected spend, discounted 1% a month. P(alive) is the probability that the customer still buys. The CLV tier applies the value-tier Pareto rule to predicted value.${extras.clv.columns.notes.map((n) => ` ${n.message}`).join("")}`] as [string, string]] : []),
    ...(extras.trends ? [["Trend", "Spend in the 90 days before the as-of date against the 90 days before that: up more than 20% = Growing, down more than 20% = Declining, otherwise Stable; no earlier spend = New."] as [string, string]] : []),
    ...(extras.trends ? [["Activity index", `(Purchase days in the last 90 days ÷ 90) ÷ (purchase days ÷ tenure days): 1 = buying at the customer's usual rate, below 1 slowing down, above 1 speeding up; empty when the tenure is 90 days or less. Stored to ${ACTIVITY_DECIMALS} decimal places, shown to ${RATIO_SHOWN}.`] as [string, string]] : []),
    ...(extras.clustering ? [["Clusters", "k-means on standardised log(1 + recency), log(1 + frequency), log(1 + monetary), with a fixed seed (the same data gives the same clusters); without a given k, k is chosen from 2–8 by the silhouette."] as [string, string]] : []),
    ["Cohorts", "Customers grouped by the month of their first purchase; each cell is the share of the cohort with a valid purchase m months later."],
    ...(info.formulas ? [["Formulas", `R, F, M scores, RFM score and segment are formulas on the Customers sheet: breaks on the "${info.formulas.breaks}" sheet (PERCENTILE.INC), the segment grid on "${info.formulas.map}" (INDEX); they recompute without the add-in.`] as [string, string]] : []),
  ];
}

const TEXT = {
  en: {
    title: "Customer Tiers — how these grades were made", item: "Item", value: "Value", generated: "Made on", version: "Customer Tiers version", source: "Data", asOf: "As-of date (first day after the period)",
    options: "Options used", setting: "Option", bins: "Score levels (bins)", method: "Scoring method", methods: { quantile: "quantile (PERCENTILE.INC)", ntile: "ntile (equal-count buckets)", fixed: "fixed breaks", rfm: "same as R rfm 0.3.0" },
    zero: "Rows with amount 0", zeroValues: { exclude: "excluded", include: "counted as purchases" }, returns: "Returns (negative amounts)", returnValues: { exclude: "excluded", net: "netted off monetary" }, amountPer: "Order total repeated on each line", amountPers: { auto: "detected", order: "counted once per order", line: "each line's own amount" }, dateOrder: "Date order of text dates", dateOrders: { auto: "detected", dmy: "day first", mdy: "month first" },
    tierA: "Value tier A: share of revenue before the customer below", tierB: "Value tier B: share of revenue before the customer below",
    active: "Active window (days)", dormant: "Dormant after (days)", lost: "Lost after (days)", newDays: "New: tenure up to (days)", gap: "Reactivated: gap over (days)", loyal: "Loyal: orders at least",
    breaks: "Breaks (the cells hold the exact values)", measure: "Measure", breakN: (k: number) => `Break ${k}`,
    rBreaks: "R: recency (days)", fBreaks: "F: frequency", mBreaks: "M: monetary", ftBreaks: "Frequency tiers: frequency", atBreaks: "Amount tiers: average order value", ntile: "ntile: no breaks (equal-count buckets)",
    means: "Customers' means (eight RFM classes)", meanR: "Recency (days)", meanF: "Frequency", meanM: "Monetary",
    grid: "Segment grid (R score rows, F score columns)", rules: "Rules", rule: "Grade", how: "How it is made",
  },
  zh: {
    title: "客户分级 — 评分方法说明", item: "项目", value: "内容", generated: "生成日期", version: "客户分级版本", source: "数据", asOf: "截止日期（分析期后一天）",
    options: "本次使用的选项", setting: "选项", bins: "评分档数", method: "评分方法", methods: { quantile: "分位数（PERCENTILE.INC）", ntile: "等数量分组（ntile）", fixed: "固定分界点", rfm: "与 R rfm 0.3.0 相同" },
    zero: "金额为0的行", zeroValues: { exclude: "排除", include: "计为购买" }, returns: "退货（负金额）", returnValues: { exclude: "排除", net: "冲减消费金额" }, amountPer: "每行重复的订单总额", amountPers: { auto: "自动判断", order: "每个订单只计一次", line: "按每行自己的金额" }, dateOrder: "文本日期的日月顺序", dateOrders: { auto: "自动识别", dmy: "日在前", mdy: "月在前" },
    tierA: "价值等级 A：排在前面的客户收入占比低于", tierB: "价值等级 B：排在前面的客户收入占比低于",
    active: "活跃窗口（天）", dormant: "沉睡阈值（天）", lost: "流失阈值（天）", newDays: "新客户：客户时长不超过（天）", gap: "回流客户：间隔超过（天）", loyal: "忠诚客户：订单数至少",
    breaks: "分界点（单元格保存精确值）", measure: "指标", breakN: (k: number) => `分界点 ${k}`,
    rBreaks: "R：最近购买间隔（天）", fBreaks: "F：购买频次", mBreaks: "M：消费金额", ftBreaks: "频次等级：购买频次", atBreaks: "金额等级：客单价", ntile: "等数量分组：无分界点",
    means: "客户均值（RFM八类）", meanR: "最近购买间隔（天）", meanF: "购买频次", meanM: "消费金额",
    grid: "客户分群表（行：R评分，列：F评分）", rules: "规则", rule: "等级", how: "计算方法",
  },
};

export function methodSheet(result: GradeResult, lang: Lang, info: MethodInfo, extras: PlanExtras = {}): SheetPlan {
  const t = TEXT[lang];
  const o = result.options;
  const layout = new SheetLayout(METHOD_SHEET[lang], "method", 12);
  // Left: what this is and the rules in words; right (from column D): the numbers they used.
  const LABEL = 30, RIGHT = 3, RIGHT_LABEL = 46;
  layout.add({
    key: "about",
    title: t.title,
    columns: [col("item", t.item, "text", LABEL), col("value", t.value, "text", 100)],
    rows: [[t.generated, info.generated], [t.version, info.version], ...(info.source ? [[t.source, info.source]] : []), [t.asOf, formatDay(result.asOfDay)]],
  });
  layout.add({
    key: "rules",
    title: t.rules,
    columns: [col("rule", t.rule, "text", LABEL), { ...col("how", t.how, "text", 100), wrap: true }],
    rows: rules(result, lang, extras, info),
  });
  layout.sheet.widths![2] = 3;
  layout.row = 0;
  const optionRows: [string, PlanCell, ColumnKind][] = [
    [t.bins, o.bins, "count"],
    [t.method, t.methods[o.method], "text"],
    [t.zero, t.zeroValues[o.zeroAmounts], "text"],
    [t.returns, t.returnValues[o.returns], "text"],
    [t.amountPer, t.amountPers[o.amountPer], "text"],
    [t.dateOrder, t.dateOrders[o.dateOrder], "text"],
    [t.tierA, o.valueTiers.a, "share"],
    [t.tierB, o.valueTiers.b, "share"],
    [t.active, o.lifecycle.activeDays, "count"],
    [t.dormant, o.lifecycle.dormantDays, "count"],
    [t.lost, o.lifecycle.lostDays, "count"],
    [t.newDays, o.lifecycle.newDays, "count"],
    [t.gap, o.lifecycle.reactivationGapDays, "count"],
    [t.loyal, o.lifecycle.loyalOrders, "count"],
  ];
  // Wide enough for the longest option label (CJK glyphs render a little wider than two digits).
  const optionLabel = Math.max(RIGHT_LABEL, ...optionRows.map(([a]) => Math.ceil(textWidth(a) * 1.1) + 2));
  layout.add({ key: "options", title: t.options, left: RIGHT, columns: [col("option", t.setting, "text", optionLabel), col("value", t.value, "text", 16)], rows: optionRows.map(([a, b]) => [a, b]), kinds: optionRows.map(([, , k]) => [null, k]) });

  const b = result.breaks;
  const most = Math.max(o.bins - 1, b.frequencyTier.length, b.amountTier.length);
  const breakRows: [string, Float64Array | null, ColumnKind][] = [
    [t.rBreaks, b.recency, "decimal"],
    [t.fBreaks, b.frequency, "decimal"],
    [t.mBreaks, b.monetary, "money"],
    [t.ftBreaks, b.frequencyTier, "decimal"],
    [t.atBreaks, b.amountTier, "money"],
  ];
  layout.add({
    key: "breaks",
    title: t.breaks,
    left: RIGHT,
    columns: [col("measure", t.measure, "text", RIGHT_LABEL), ...Array.from({ length: most }, (_, k) => col(`break${k + 1}`, t.breakN(k + 1), "decimal", 16))],
    rows: breakRows.map(([name, values]) => [name, ...(values ? Array.from(values) : [t.ntile]), ...new Array<PlanCell>(most - (values ? values.length : 1)).fill(null)]),
    kinds: breakRows.map(([, values, kind]) => [null, ...new Array<ColumnKind | null>(most).fill(values ? kind : "text")]),
  });
  layout.add({
    key: "means",
    title: t.means,
    left: RIGHT,
    columns: [col("measure", t.measure, "text", RIGHT_LABEL), col("mean", t.value, "decimal", 16)],
    rows: [[t.meanR, result.means.recency], [t.meanF, result.means.frequency], [t.meanM, result.means.monetary]],
    kinds: [[null, "decimal"], [null, "ratio"], [null, "money"]],
  });
  layout.add({
    key: "segmentGrid",
    title: t.grid,
    left: RIGHT,
    columns: [col("r", "R \\ F", "text", RIGHT_LABEL), ...[1, 2, 3, 4, 5].map((f) => col(`f${f}`, `F${f}`, "text", 20))],
    rows: [5, 4, 3, 2, 1].map((r) => [`R${r}`, ...RF_GRID[r - 1].map((code) => RF_SEGMENTS[code][lang])]),
  });
  return layout.sheet;
}

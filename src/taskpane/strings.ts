/**
 * Every text the pane shows, in English and Simplified Chinese. The visible labels of the controls
 * are defined once (LABELS_*), and every message that names a control quotes it from there, so a
 * message can never name a button or field the pane does not have (test/taskpane/strings.test.ts
 * checks every “…” in every message against the labels).
 */
import { reasonZh } from "../engine/labels";
import type { Lang } from "../engine/types";

const LABELS_EN = {
  refresh: "Use current selection",
  changeColumns: "Change columns",
  field: { customer: "Customer", date: "Date", amount: "Amount", quantity: "Quantity", price: "Unit price", order: "Order id (optional)", status: "Order status (optional)", orderType: "Order type: sale / return (optional)" },
  asOf: "As-of date",
  bins: "Score levels",
  grade: "Grade customers",
  cancel: "Cancel",
  replace: "Replace",
  keepBoth: "Keep both",
  language: "Language",
  groups: { scoring: "Scoring", lifecycle: "Lifecycle windows", clv: "Lifetime value", clusters: "Clusters", compare: "Comparison date", formulas: "Formulas" },
  method: "Method",
  zero: "Zero-amount rows",
  dateOrder: "Dates like 03/05/2024",
  activeDays: "At risk after (days)",
  dormantDays: "Dormant after (days)",
  lostDays: "Lost after (days)",
  clv: "Compute lifetime value",
  holdout: "Holdout test from (optional)",
  clustersOn: "Add k-means clusters",
  clusterK: "Number of clusters",
  compareFrom: "Earlier as-of date",
  formulas: "Write scores as formulas",
  preview: "First rows",
  moreOptions: "More options",
};

const LABELS_ZH: typeof LABELS_EN = {
  refresh: "使用当前选区",
  changeColumns: "更改列",
  field: { customer: "客户", date: "日期", amount: "金额", quantity: "数量", price: "单价", order: "订单号（可选）", status: "订单状态（可选）", orderType: "单据类型：销售/退货（可选）" },
  asOf: "截止日期",
  bins: "评分等级数",
  grade: "开始分级",
  cancel: "取消",
  replace: "替换",
  keepBoth: "两者都保留",
  language: "语言",
  groups: { scoring: "评分", lifecycle: "生命周期窗口", clv: "客户终身价值", clusters: "聚类", compare: "比较日期", formulas: "公式" },
  method: "评分方法",
  zero: "金额为零的行",
  dateOrder: "03/05/2024 这类日期",
  activeDays: "风险期起（天）",
  dormantDays: "沉睡期起（天）",
  lostDays: "流失期起（天）",
  clv: "计算客户终身价值",
  holdout: "留出期起始日（可选）",
  clustersOn: "添加 k 均值聚类",
  clusterK: "聚类数",
  compareFrom: "更早的截止日期",
  formulas: "以公式写入评分",
  preview: "前几行",
  moreOptions: "更多选项",
};

/** A control's label as messages quote it. */
const q = (label: string) => `“${label}”`;
const listEn = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`);

function plural(locale: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  const form = forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;
  return form.replace("#", n.toLocaleString(locale));
}

const L = LABELS_EN;
const en = {
  ...LABELS_EN,
  title: "Grade customers from transactions",
  none: "— none —",
  quantityTimesPrice: "Quantity × Unit price",
  selection: (address: string, rows: number) => `${address} · ${plural("en-US", rows, { one: "# row", other: "# rows" })}`,
  expanded: (from: string) => `You selected one cell (${from}); the whole block around it will be graded.`,
  noHeader: "No header row was found: columns are named by their letters.",
  columns: "Columns",
  asOfHint: "YYYY-MM-DD. Blank: the day after the last purchase.",
  methods: { quantile: "Quantiles (PERCENTILE.INC)", ntile: "Equal-count groups" },
  zeros: { exclude: "Leave out", include: "Count as purchases" },
  dateOrders: { auto: "Detect from the column", dmy: "Day first (3 May)", mdy: "Month first (March 5)" },
  holdoutHint: "Fit before this date; the Summary charts actual against expected purchases after it.",
  clvHint: "BG/NBD + Gamma-Gamma: P(alive), expected purchases and 12-month value per customer.",
  clusterAuto: "Choose (2–8)",
  compareHint: "Also grade as of this earlier date and show who moved between segments.",
  formulasHint: "R, F, M, score and segment as PERCENTILE.INC / COUNTIF formulas that recompute without the add-in (quantile method).",
  windowHint: "Days since the last purchase.",
  // Field problems.
  need: {
    customer: "Choose the column that identifies the customer.",
    date: "Choose the column with the purchase dates.",
    amount: `Choose the amount column, or choose ${q(L.field.quantity)} and ${q(L.field.price)}.`,
    quantity: `Needed to compute the amount, with ${q(L.field.price)}.`,
    price: `Needed to compute the amount, with ${q(L.field.quantity)}.`,
  },
  notDate: "Not a date: type it as YYYY-MM-DD, e.g. 2024-03-31.",
  mustBeBefore: (label: string) => `Must be before the ${q(label)}.`,
  mustBe: (more: boolean, label: string, value: number) => `Must be ${more ? "more" : "less"} than ${q(label)} (${value}).`,
  wholeNumber: (min: number, max?: number) => (max === undefined ? `Type a whole number of at least ${min}.` : `Choose a whole number from ${min} to ${max}.`),
  blocked: (labels: string[]) => `Before grading, set ${listEn(labels.map(q))}.`,
  blockedNoSelection: `Before grading, select the transactions in the sheet and click ${q(L.refresh)}.`,
  noSelection: `Select the transactions in the sheet, then click ${q(L.refresh)}.`,
  hostIssues: {
    source_missing: (address: string) => `The sheet of ${address} is gone: select the transactions and click ${q(L.refresh)}.`,
    columns_changed: (address: string) => `The columns of ${address} changed since they were read: click ${q(L.refresh)} and check the columns.`,
  },
  // Progress.
  phases: { reading: "Reading the selection", grading: "Grading", writing: "Writing results" },
  progress: (done: number, total: number) => `${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`,
  progressRows: (done: number, total: number) => `${done.toLocaleString("en-US")} of ${plural("en-US", total, { one: "# row", other: "# rows" })}`,
  // Results.
  results: "Results",
  customers: (n: number) => plural("en-US", n, { one: "# customer", other: "# customers" }),
  summaryLine: (customers: string, included: number, read: number) => `${customers} graded from ${included.toLocaleString("en-US")} of ${plural("en-US", read, { one: "# row", other: "# rows" })}.`,
  asOfLine: (asOf: string, first?: string, last?: string) => `As of ${asOf}${first ? `; purchases from ${first} to ${last}` : ""}.`,
  revenueLine: (money: string) => `Revenue ${money}.`,
  share: (customers: string, revenue: string) => `${customers} of customers · ${revenue} of revenue`,
  excluded: (count: number, reason: string, column: string, rows: string) => `${plural("en-US", count, { one: "# row", other: "# rows" })} left out — ${reason}${column ? ` (column ${column}` : ""}${rows ? `, rows ${rows}` : ""}${column ? ")" : ""}.`,
  reasons: { return: "return, netted off monetary", title_row: "title row above the header", header_row: "repeated header row", total_row: "totals row", excluded_customer: "on the exclusion list", cancelled_order: "cancelled order", unpaid_order: "unpaid order", missing_customer: "no customer id", bad_date: "date not recognised", bad_amount: "amount not a number", non_positive_amount: "amount zero or negative", after_as_of: "after the as-of date" } as Record<string, string>,
  assumed: "What was assumed",
  asOfAssumed: (asOf: string) => `No as-of date given: the day after the last purchase (${asOf}).`,
  segment: "Segments",
  showRows: (segment: string) => `Show the rows of ${segment}`,
  sheets: "Sheets written",
  gradeColumns: "Grade columns",
  clvLine: (money: string, customers: string, pAlive: string) => `Lifetime value over 12 months: ${money} for ${customers}; mean P(alive) ${pAlive}.`,
  clustersLine: (list: string) => `Clusters: ${list}.`,
  trendsLine: (list: string) => `Spending trend: ${list}.`,
  trendNames: { growing: "growing", stable: "stable", declining: "declining", new: "new" } as Record<string, string>,
  migrationLine: (from: string) => `Segment migration since ${from} is on the Summary sheet.`,
  errorTitle: "Could not grade",
  cancelled: "Cancelled. Nothing was changed.",
  done: (customers: string) => `Graded ${customers}.`,
  rowCol: (row: number, column: string) => (row > 0 ? `Row ${row}${column ? `, column ${column}` : ""}: ` : column ? `Column ${column}: ` : ""),
};

const Z = LABELS_ZH;
const zh: typeof en = {
  ...LABELS_ZH,
  title: "按交易为客户分级",
  none: "— 无 —",
  quantityTimesPrice: "数量 × 单价",
  selection: (address: string, rows: number) => `${address} · ${rows.toLocaleString("zh-CN")} 行`,
  expanded: (from: string) => `您只选中了一个单元格（${from}），将对其周围的整块数据分级。`,
  noHeader: "未找到标题行：各列以列字母命名。",
  columns: "列",
  asOfHint: "格式 YYYY-MM-DD；留空 = 最后一次购买的次日。",
  methods: { quantile: "分位数（PERCENTILE.INC）", ntile: "等数量分组" },
  zeros: { exclude: "不计入", include: "计为购买" },
  dateOrders: { auto: "根据该列自动判断", dmy: "日在前（5月3日）", mdy: "月在前（3月5日）" },
  holdoutHint: "用此日之前的数据拟合，汇总表对比之后的实际与预期购买。",
  clvHint: "BG/NBD + Gamma-Gamma：每位客户的存活概率、预期购买次数与 12 个月价值。",
  clusterAuto: "自动选择（2–8）",
  compareHint: "同时按这个更早的日期分级，显示客户在分群之间的迁移。",
  formulasHint: "以 PERCENTILE.INC / COUNTIF 公式写入 R、F、M、评分与分群，无需加载项也能重新计算（分位数方法）。",
  windowHint: "距最后一次购买的天数。",
  need: {
    customer: "请选择标识客户的列。",
    date: "请选择购买日期所在的列。",
    amount: `请选择金额列，或选择${q(Z.field.quantity)}和${q(Z.field.price)}。`,
    quantity: `与${q(Z.field.price)}一起用于计算金额。`,
    price: `与${q(Z.field.quantity)}一起用于计算金额。`,
  },
  notDate: "不是有效日期：请按 YYYY-MM-DD 输入，例如 2024-03-31。",
  mustBeBefore: (label: string) => `须早于${q(label)}。`,
  mustBe: (more: boolean, label: string, value: number) => `须${more ? "大于" : "小于"}${q(label)}（${value}）。`,
  wholeNumber: (min: number, max?: number) => (max === undefined ? `请输入不小于 ${min} 的整数。` : `请选择 ${min} 到 ${max} 之间的整数。`),
  blocked: (labels: string[]) => `分级前请先设置${labels.map(q).join("、")}。`,
  blockedNoSelection: `分级前请在工作表中选中交易数据，然后点击${q(Z.refresh)}。`,
  noSelection: `请在工作表中选中交易数据，然后点击${q(Z.refresh)}。`,
  hostIssues: {
    source_missing: (address: string) => `${address} 所在的工作表已不存在：请选中交易数据并点击${q(Z.refresh)}。`,
    columns_changed: (address: string) => `${address} 的列在读取之后发生了变化：请点击${q(Z.refresh)}并检查列的选择。`,
  },
  phases: { reading: "正在读取选区", grading: "正在分级", writing: "正在写入结果" },
  progress: (done: number, total: number) => `${done.toLocaleString("zh-CN")} / ${total.toLocaleString("zh-CN")}`,
  progressRows: (done: number, total: number) => `${done.toLocaleString("zh-CN")} / ${total.toLocaleString("zh-CN")} 行`,
  results: "结果",
  customers: (n: number) => plural("zh-CN", n, { other: "# 位客户" }),
  summaryLine: (customers: string, included: number, read: number) => `已为 ${customers}分级，使用了 ${read.toLocaleString("zh-CN")} 行中的 ${included.toLocaleString("zh-CN")} 行。`,
  asOfLine: (asOf: string, first?: string, last?: string) => `截止日期 ${asOf}${first ? `；购买记录 ${first} 至 ${last}` : ""}。`,
  revenueLine: (money: string) => `收入 ${money}。`,
  share: (customers: string, revenue: string) => `占客户 ${customers} · 占收入 ${revenue}`,
  excluded: (count: number, reason: string, column: string, rows: string) => `${count.toLocaleString("zh-CN")} 行未计入——${reason}${column ? `（列 ${column}` : ""}${rows ? `，行 ${rows}` : ""}${column ? "）" : ""}。`,
  reasons: { return: reasonZh("return"), title_row: reasonZh("title_row"), header_row: reasonZh("header_row"), total_row: reasonZh("total_row"), excluded_customer: reasonZh("excluded_customer"), cancelled_order: reasonZh("cancelled_order"), unpaid_order: reasonZh("unpaid_order"), missing_customer: reasonZh("missing_customer"), bad_date: reasonZh("bad_date"), bad_amount: reasonZh("bad_amount"), non_positive_amount: reasonZh("non_positive_amount"), after_as_of: reasonZh("after_as_of") },
  assumed: "所作的假设",
  asOfAssumed: (asOf: string) => `未指定截止日期：取最后一次购买的次日（${asOf}）。`,
  segment: "客户分群",
  showRows: (segment: string) => `显示“${segment}”的行`,
  sheets: "已写入的工作表",
  gradeColumns: "分级列",
  clvLine: (money: string, customers: string, pAlive: string) => `12 个月客户终身价值合计 ${money}（${customers}），平均存活概率 ${pAlive}。`,
  clustersLine: (list: string) => `聚类：${list}。`,
  trendsLine: (list: string) => `消费趋势：${list}。`,
  trendNames: { growing: "上升", stable: "平稳", declining: "下降", new: "新" },
  migrationLine: (from: string) => `自 ${from} 起的分群迁移见汇总表。`,
  errorTitle: "无法分级",
  cancelled: "已取消，未做任何更改。",
  done: (customers: string) => `已为 ${customers}分级。`,
  rowCol: (row: number, column: string) => (row > 0 ? `第 ${row} 行${column ? `，${column} 列` : ""}：` : column ? `${column} 列：` : ""),
};

export const STRINGS: Record<Lang, typeof en> = { en, zh };
export const LABELS: Record<Lang, typeof LABELS_EN> = { en: LABELS_EN, zh: LABELS_ZH };

export type Strings = typeof en;

/** The pane's language from Office's display language ("zh-CN", "zh-TW", "en-US", …). */
export function langFromDisplayLanguage(displayLanguage: string | undefined): Lang {
  return displayLanguage?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

export const localeOf = (lang: Lang) => (lang === "zh" ? "zh-CN" : "en-US");

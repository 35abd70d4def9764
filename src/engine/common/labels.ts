/**
 * Every label a grade can take, in English and Chinese, kept as data. Grades are stored as small
 * codes (index into these lists); labels are looked up only when written out.
 */
import type { ExclusionReason, Lang } from "./types";

export interface Label {
  key: string;
  en: string;
  zh: string;
}

/** RF-grid segments (SPEC §5.1). */
export const RF_SEGMENTS: readonly Label[] = [
  { key: "champions", en: "Champions", zh: "冠军客户" },
  { key: "loyal_customers", en: "Loyal Customers", zh: "忠诚客户" },
  { key: "potential_loyalists", en: "Potential Loyalists", zh: "潜力客户" },
  { key: "new_customers", en: "New Customers", zh: "新客户" },
  { key: "promising", en: "Promising", zh: "有望客户" },
  { key: "need_attention", en: "Need Attention", zh: "需关注客户" },
  { key: "about_to_sleep", en: "About to Sleep", zh: "将休眠客户" },
  { key: "at_risk", en: "At Risk", zh: "风险客户" },
  { key: "cant_lose_them", en: "Can't Lose Them", zh: "不能流失客户" },
  { key: "hibernating", en: "Hibernating", zh: "休眠客户" },
];

/** The eight RFM classes (SPEC §5.2), indexed by (R high ? 4 : 0) + (F high ? 2 : 0) + (M high ? 1 : 0). */
export const RFM8_CLASSES: readonly Label[] = [
  { key: "general_win_back", en: "General Win-back", zh: "一般挽留客户" }, // L L L
  { key: "important_win_back", en: "Important Win-back", zh: "重要挽留客户" }, // L L H
  { key: "general_retention", en: "General Retention", zh: "一般保持客户" }, // L H L
  { key: "important_retention", en: "Important Retention", zh: "重要保持客户" }, // L H H
  { key: "general_development", en: "General Development", zh: "一般发展客户" }, // H L L
  { key: "important_development", en: "Important Development", zh: "重要发展客户" }, // H L H
  { key: "general_value", en: "General Value", zh: "一般价值客户" }, // H H L
  { key: "important_value", en: "Important Value", zh: "重要价值客户" }, // H H H
];

/** Pareto value tiers (SPEC §5.3). */
export const VALUE_TIERS: readonly Label[] = [
  { key: "A", en: "A", zh: "高价值" },
  { key: "B", en: "B", zh: "中价值" },
  { key: "C", en: "C", zh: "低价值" },
];

/** Frequency tiers, by frequency score 1–3 (SPEC §5.4). */
export const FREQUENCY_TIERS: readonly Label[] = [
  { key: "low", en: "Low", zh: "低频" },
  { key: "mid", en: "Mid", zh: "中频" },
  { key: "high", en: "High", zh: "高频" },
];

/** Amount tiers, by aov score 1–3 (SPEC §5.4). */
export const AMOUNT_TIERS: readonly Label[] = [
  { key: "small", en: "Small", zh: "小额" },
  { key: "medium", en: "Medium", zh: "中额" },
  { key: "large", en: "Large", zh: "大额" },
];

/** Lifecycle stages, in the order their rules are tried (SPEC §6). */
export const LIFECYCLE_STAGES: readonly Label[] = [
  { key: "prospect", en: "Prospect", zh: "潜在客户" },
  { key: "lost", en: "Lost", zh: "流失客户" },
  { key: "dormant", en: "Dormant", zh: "沉睡客户" },
  { key: "at_risk", en: "At Risk", zh: "风险客户" },
  { key: "new", en: "New", zh: "新客户" },
  { key: "reactivated", en: "Reactivated", zh: "回流客户" },
  { key: "loyal", en: "Loyal", zh: "忠诚客户" },
  { key: "active", en: "Active", zh: "活跃客户" },
];

/**
 * Row statuses, by ROW_* code: included, then the SPEC §1 exclusion reasons. English is the reason
 * key (as the Method sheet and CLI reports name it); Chinese is the one wording every caller uses.
 */
export const ROW_STATUSES: readonly Label[] = [
  { key: "included", en: "included", zh: "已计入" },
  { key: "title_row", en: "title_row", zh: "标题行（表头之上）" },
  { key: "header_row", en: "header_row", zh: "重复的表头行" },
  { key: "total_row", en: "total_row", zh: "合计行" },
  { key: "missing_customer", en: "missing_customer", zh: "缺少客户ID" },
  { key: "excluded_customer", en: "excluded_customer", zh: "排除名单中的客户" },
  { key: "cancelled_order", en: "cancelled_order", zh: "已取消或关闭的订单" },
  { key: "unpaid_order", en: "unpaid_order", zh: "未付款的订单" },
  { key: "bad_date", en: "bad_date", zh: "日期无法识别" },
  { key: "bad_amount", en: "bad_amount", zh: "金额无法识别" },
  { key: "non_positive_amount", en: "non_positive_amount", zh: "金额为零或负数" },
  { key: "after_as_of", en: "after_as_of", zh: "晚于截止日期" },
  { key: "return", en: "return", zh: "退货（冲减消费金额）" },
];

/**
 * Each row status (but included) in English words, for sentences: the pane's notes and the Method
 * sheet's rule for rows (the status column and reports give the key itself; Chinese is ROW_STATUSES').
 */
export const ROW_STATUS_WORDS: Readonly<Record<ExclusionReason | "return", string>> = {
  return: "return, netted off monetary",
  title_row: "title row above the header",
  header_row: "repeated header row",
  total_row: "totals row",
  excluded_customer: "on the exclusion list",
  cancelled_order: "cancelled order",
  unpaid_order: "unpaid order",
  missing_customer: "no customer id",
  bad_date: "date not recognised",
  bad_amount: "amount not a number",
  non_positive_amount: "amount zero or negative",
  after_as_of: "after the as-of date",
};

/** The Chinese wording of an exclusion reason key. */
export function reasonZh(reason: string): string {
  return ROW_STATUSES.find((s) => s.key === reason)?.zh ?? reason;
}

/** Code stored for "no grade" (prospects have no segment or tier). */
export const NO_GRADE = 255;

export function labelText(list: readonly Label[], code: number, lang: Lang): string {
  if (code === NO_GRADE) return "";
  return list[code][lang];
}

/** Finds a label's code from its key, English or Chinese text (any case); −1 when unknown. */
export function findLabel(list: readonly Label[], text: string): number {
  const t = text.trim().toLowerCase();
  return list.findIndex((l) => l.key.toLowerCase() === t || l.en.toLowerCase() === t || l.zh === text.trim());
}

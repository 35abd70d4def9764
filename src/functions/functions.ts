/**
 * TIERS.* custom functions (shared runtime with the pane). Each is a thin wrapper over src/functions/
 * core.ts, which calls the engine. The JSDoc below is what Excel shows; custom-functions-metadata-
 * plugin turns it into functions.json at build (it accepts only number, string, boolean and any as
 * types, hence `any` for cells). Errors become #VALUE! or #N/A with a message — never a
 * JavaScript exception, never NaN.
 */
import type { Lang } from "../engine/common/types";
import * as core from "./core";

function displayLang(): Lang {
  try {
    return typeof Office !== "undefined" && Office.context?.displayLanguage?.toLowerCase().startsWith("zh") ? "zh" : "en";
  } catch {
    return "en";
  }
}

/** Runs `f`, turning FunctionError (and anything unexpected) into a CustomFunctions.Error. */
export function guarded<T>(f: () => T): T {
  try {
    const value = f();
    if (typeof value === "number" && !Number.isFinite(value)) throw new core.FunctionError("na", "No finite value.", "没有有限的数值。");
    return value;
  } catch (error) {
    // The message in Excel's display language (the function's lang argument is for the grades it returns).
    if (error instanceof core.FunctionError)
      throw new CustomFunctions.Error(error.kind === "na" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue, displayLang() === "zh" ? error.zh : error.message);
    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, String((error as Error)?.message ?? error));
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * R, F and M scores ("545") for each customer row, scored against the rows given. 每行客户的 RFM 评分。
 * @customfunction RFMSCORE
 * @param recency_days Days since each customer's last purchase (one column). 最近一次购买距今天数
 * @param frequency Purchases per customer. 购买次数
 * @param monetary Revenue per customer. 消费金额
 * @param [bins] Score levels, 2–10 (default 5). 评分等级数
 * @param [method] "quantile" (default), "ntile", "fixed" (your own breaks) or "rfm" (as R's rfm package). 评分方法
 * @param [breaks] With "fixed": "r=30,90,180,365;f=1,2,5,10;m=250,500,1000,5000". 自定义分界点
 * @returns One score per row, spilled. 每行一个评分
 */
export function rfmScore(recency_days: any[][], frequency: any[][], monetary: any[][], bins?: number, method?: string, breaks?: string): string[][] {
  return guarded(() => core.rfmScores(recency_days, frequency, monetary, bins, method, breaks));
}

/**
 * The member level (普通 / 银卡 / 金卡 …) of a value: the last name whose threshold is at most the value. 会员等级。
 * @customfunction LEVEL
 * @param value The customer's monetary, frequency or recent spend. 消费金额等
 * @param thresholds Ascending thresholds, one per level (the first is usually 0). 各等级门槛（递增）
 * @param names The level names, as many as thresholds. 等级名称
 * @returns The level's name. 等级名称
 */
export function level(value: number, thresholds: any[][], names: any[][]): string {
  return guarded(() => core.level(value, thresholds, names));
}

/**
 * One customer's RFM score, graded from the raw transactions. 根据交易记录计算单个客户的 RFM 评分。
 * @customfunction CUSTOMERRFM
 * @param customer_id The customer. 客户ID
 * @param ids Customer id of each transaction. 每笔交易的客户ID
 * @param dates Date of each transaction. 交易日期
 * @param amounts Amount of each transaction. 交易金额
 * @param [as_of] First day after the period (default: the day after the last purchase). 截止日期
 * @param [bins] Score levels, 2–10 (default 5). 评分等级数
 * @returns The "545"-style score. RFM 评分
 */
export function customerRfm(customer_id: any, ids: any[][], dates: any[][], amounts: any[][], as_of?: number | string, bins?: number): string {
  return guarded(() => core.customerScore(customer_id, core.gradeTransactions(ids, dates, amounts, null, as_of, bins)));
}

/**
 * The per-customer table (dates, recency, frequency, monetary, scores, segments, tiers, stage) with a header. 客户分级明细表。
 * @customfunction RFMTABLE
 * @param ids Customer id of each transaction. 每笔交易的客户ID
 * @param dates Date of each transaction. 交易日期
 * @param amounts Amount of each transaction. 交易金额
 * @param [orders] Order id of each transaction (frequency counts orders). 订单号
 * @param [as_of] First day after the period. 截止日期
 * @param [bins] Score levels, 2–10 (default 5). 评分等级数
 * @param [lang] "en" or "zh" (default: Excel's language). 语言
 * @returns A table, spilled. 明细表
 */
export function rfmTable(ids: any[][], dates: any[][], amounts: any[][], orders?: any[][], as_of?: number | string, bins?: number, lang?: string): any[][] {
  return guarded(() => core.rfmTable(core.gradeTransactions(ids, dates, amounts, orders, as_of, bins), core.langArg(lang, displayLang())));
}

/**
 * The RF segment (Champions, At Risk, …) of an R and an F score. 根据 R、F 评分得到客户分群。
 * @customfunction SEGMENT
 * @param r_score R score. R评分
 * @param f_score F score. F评分
 * @param [bins] Score levels the scores are on (default 5). 评分等级数
 * @param [lang] "en" or "zh". 语言
 * @returns The segment name. 分群名称
 */
export function segment(r_score: number, f_score: number, bins?: number, lang?: string): string {
  return guarded(() => core.segment(r_score, f_score, bins, core.langArg(lang, displayLang())));
}

/**
 * The RFM class (重要价值客户 …) of a customer against the customers' means. RFM 八类客户。
 * @customfunction RFM8
 * @param recency Days since the last purchase. 最近购买距今天数
 * @param frequency Purchases. 购买次数
 * @param monetary Revenue. 消费金额
 * @param recency_range Every customer's recency. 所有客户的最近购买天数
 * @param frequency_range Every customer's frequency. 所有客户的购买次数
 * @param monetary_range Every customer's revenue. 所有客户的消费金额
 * @param [lang] "en" or "zh". 语言
 * @returns The class name. 类别名称
 */
export function rfm8(recency: number, frequency: number, monetary: number, recency_range: any[][], frequency_range: any[][], monetary_range: any[][], lang?: string): string {
  return guarded(() => core.rfm8(recency, frequency, monetary, recency_range, frequency_range, monetary_range, core.langArg(lang, displayLang())));
}

/**
 * Pareto value tier (A/B/C) of a customer's revenue within all customers' revenue. 帕累托价值等级。
 * @customfunction VALUETIER
 * @param monetary The customer's revenue. 该客户消费金额
 * @param monetary_range Every customer's revenue, in customer-id order. 所有客户的消费金额
 * @param [lang] "en" or "zh". 语言
 * @returns A, B or C. 价值等级
 */
export function valueTier(monetary: number, monetary_range: any[][], lang?: string): string {
  return guarded(() => core.valueTier(monetary, monetary_range, core.langArg(lang, displayLang())));
}

/**
 * A customer's lifecycle stage (新/活跃/忠诚/风险/沉睡/流失/回流). 客户生命周期阶段。
 * @customfunction LIFECYCLE
 * @param customer_id The customer. 客户ID
 * @param ids Customer id of each transaction. 每笔交易的客户ID
 * @param dates Date of each transaction. 交易日期
 * @param amounts Amount of each transaction. 交易金额
 * @param [as_of] First day after the period. 截止日期
 * @param [lang] "en" or "zh". 语言
 * @returns The stage. 生命周期阶段
 */
export function lifecycle(customer_id: any, ids: any[][], dates: any[][], amounts: any[][], as_of?: number | string, lang?: string): string {
  return guarded(() => core.customerLifecycle(customer_id, core.gradeTransactions(ids, dates, amounts, null, as_of, null), core.langArg(lang, displayLang())));
}

/**
 * The recommended action for a segment or lifecycle stage. 分群或阶段的建议行动。
 * @customfunction ACTION
 * @param segment Segment or stage name (English or Chinese). 分群或阶段名称
 * @param [lang] "en" or "zh". 语言
 * @returns What to do. 建议行动
 */
export function action(segment: string, lang?: string): string {
  return guarded(() => core.action(segment, core.langArg(lang, displayLang())));
}

/**
 * Probability the customer is still active (BG/NBD). 客户仍活跃的概率。
 * @customfunction PALIVE
 * @param customer_id The customer. 客户ID
 * @param ids Customer id of each transaction. 每笔交易的客户ID
 * @param dates Date of each transaction. 交易日期
 * @param amounts Amount of each transaction. 交易金额
 * @param [as_of] First day after the period. 截止日期
 * @returns A probability. 概率
 */
export function pAlive(customer_id: any, ids: any[][], dates: any[][], amounts: any[][], as_of?: number | string): number {
  return guarded(() => core.customerClv(customer_id, core.gradeTransactions(ids, dates, amounts, null, as_of, null), "p_alive"));
}

/**
 * Expected purchases in the next 90 days (BG/NBD). 未来90天预期购买次数。
 * @customfunction EXPECTEDPURCHASES
 * @param customer_id The customer. 客户ID
 * @param ids Customer id of each transaction. 每笔交易的客户ID
 * @param dates Date of each transaction. 交易日期
 * @param amounts Amount of each transaction. 交易金额
 * @param [as_of] First day after the period. 截止日期
 * @returns Expected purchases. 预期购买次数
 */
export function expectedPurchases(customer_id: any, ids: any[][], dates: any[][], amounts: any[][], as_of?: number | string): number {
  return guarded(() => core.customerClv(customer_id, core.gradeTransactions(ids, dates, amounts, null, as_of, null), "expected_purchases_90d"));
}

/**
 * 12-month customer lifetime value, discounted 1% a month (BG/NBD + Gamma-Gamma). 12个月客户终身价值。
 * @customfunction CLV
 * @param customer_id The customer. 客户ID
 * @param ids Customer id of each transaction. 每笔交易的客户ID
 * @param dates Date of each transaction. 交易日期
 * @param amounts Amount of each transaction. 交易金额
 * @param [as_of] First day after the period. 截止日期
 * @returns Lifetime value. 客户终身价值
 */
export function clv(customer_id: any, ids: any[][], dates: any[][], amounts: any[][], as_of?: number | string): number {
  return guarded(() => core.customerClv(customer_id, core.gradeTransactions(ids, dates, amounts, null, as_of, null), "clv_12m"));
}

// custom-functions-metadata-plugin appends the CustomFunctions.associate calls for every @customfunction.

import { INVALID_DAY } from "../common/missing";
import { isoDay } from "../read/days";
import type { DateOrder, DateSystem, Lang, ScoreMethod } from "../common/types";

/** Every grading option. Defaults are those of SPEC.md; tests and benchmarks use them. */
export interface GradeOptions {
  /** First day after the period analysed, `YYYY-MM-DD`; default: the day after the latest valid purchase. */
  asOf?: string;
  /** Score levels per measure, 2–10. */
  bins: number;
  method: ScoreMethod;
  /** With method "fixed": bins − 1 ascending breakpoints per measure. */
  fixedBreaks?: { recency: number[]; frequency: number[]; monetary: number[] };
  /** Count zero-value rows (free items, promotions) as purchases. */
  zeroAmounts: "exclude" | "include";
  /** Returns (negative amounts, or rows an order-type column marks as returns): excluded, or netted off monetary. */
  returns: "exclude" | "net";
  /** An order total repeated on every line item: counted once per order, per line, or detected. */
  amountPer: "auto" | "order" | "line";
  /** Customer ids whose rows are excluded (`excluded_customer`): internal and test accounts, a 黑名单. */
  excludeIds?: string[];
  /** Order-status values to take as sales, and to exclude, beyond (or against) the built-in table. */
  saleStatus?: string[];
  excludeStatus?: string[];
  dateSystem: DateSystem;
  /** How to read `03/05/2024`: detected from the column when "auto". */
  dateOrder: DateOrder;
  /** The decimal mark of text amounts, quantities and prices (`12,50` vs `12.50`): detected per column when "auto". */
  decimalMark: "auto" | "." | ",";
  /** Value tier thresholds on the share of revenue held by larger customers (SPEC §5.3). */
  valueTiers: { a: number; b: number };
  /** Lifecycle windows in days and the loyal order count (SPEC §6). */
  lifecycle: { activeDays: number; dormantDays: number; lostDays: number; loyalOrders: number; newDays: number; reactivationGapDays: number };
  lang: Lang;
}

export const DEFAULT_OPTIONS: GradeOptions = {
  bins: 5,
  method: "quantile",
  zeroAmounts: "exclude",
  returns: "exclude",
  amountPer: "auto",
  dateSystem: 1900,
  dateOrder: "auto",
  decimalMark: "auto",
  valueTiers: { a: 0.8, b: 0.95 },
  lifecycle: { activeDays: 90, dormantDays: 180, lostDays: 365, loyalOrders: 5, newDays: 90, reactivationGapDays: 180 },
  lang: "en",
};

export type PartialOptions = Partial<Omit<GradeOptions, "valueTiers" | "lifecycle">> & {
  valueTiers?: Partial<GradeOptions["valueTiers"]>;
  lifecycle?: Partial<GradeOptions["lifecycle"]>;
};

/** An option the engine refuses, keyed by the option so that a form can show it on its field. */
export interface OptionProblem {
  /** Which option: a top-level key, or a lifecycle window (activeDays, dormantDays, lostDays, …). */
  option: keyof GradeOptions | keyof GradeOptions["lifecycle"];
  /**
   * What is wrong: "range" (outside min–max), "order" (must be more or less than `than`), "date"
   * (not a real YYYY-MM-DD day), "choice" (not one of the allowed words), "breaks" (fixed breakpoints).
   */
  kind: "range" | "order" | "date" | "choice" | "breaks";
  message: string;
  zh: string;
  /** With kind "order": this option must be more (or less) than the option `than`. */
  mustBe?: "more" | "less";
  than?: keyof GradeOptions["lifecycle"];
  min?: number;
  max?: number;
}

/** "2024-02-30" and "2024-2-3" are not dates; "2024-02-29" is. */
export function isRealDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isoDay(text) !== INVALID_DAY;
}

const WINDOW_ORDER = ["activeDays", "dormantDays", "lostDays"] as const;

/**
 * Fills in defaults and checks ranges. `problems` are plain English lines (CLI, engine issues);
 * `issues` carry the option and kind so that the task pane can put each one on its field.
 */
export function resolveOptions(partial: PartialOptions = {}): { options: GradeOptions; problems: string[]; issues: OptionProblem[] } {
  const options: GradeOptions = {
    ...DEFAULT_OPTIONS,
    ...stripUndefined(partial),
    valueTiers: { ...DEFAULT_OPTIONS.valueTiers, ...stripUndefined(partial.valueTiers ?? {}) },
    lifecycle: { ...DEFAULT_OPTIONS.lifecycle, ...stripUndefined(partial.lifecycle ?? {}) },
  };
  const issues: OptionProblem[] = [];
  const add = (option: OptionProblem["option"], kind: OptionProblem["kind"], message: string, zh: string, extra: Partial<OptionProblem> = {}) => issues.push({ option, kind, message, zh, ...extra });
  if (!Number.isInteger(options.bins) || options.bins < 2 || options.bins > 10) add("bins", "range", `bins must be a whole number from 2 to 10 (got ${options.bins})`, `评分等级数须为 2 到 10 的整数（当前为 ${options.bins}）`, { min: 2, max: 10 });
  if (!["quantile", "ntile", "fixed", "rfm"].includes(options.method)) add("method", "choice", `method must be quantile, ntile, fixed or rfm (got ${options.method})`, `评分方法须为 quantile、ntile、fixed 或 rfm（当前为 ${options.method}）`);
  if (options.method === "fixed") {
    const fb = options.fixedBreaks;
    if (!fb) add("fixedBreaks", "breaks", "method fixed needs breakpoints for recency, frequency and monetary", "fixed 方法需要给出 R、F、M 的分界点");
    else
      for (const key of ["recency", "frequency", "monetary"] as const) {
        const b = fb[key];
        if (!Array.isArray(b) || b.length !== options.bins - 1 || b.some((v, i) => !Number.isFinite(v) || (i > 0 && v < b[i - 1])))
          add("fixedBreaks", "breaks", `fixed ${key} breakpoints must be ${options.bins - 1} ascending numbers`, `${key} 的分界点须为 ${options.bins - 1} 个递增的数`);
      }
  }
  if (!["exclude", "include"].includes(options.zeroAmounts)) add("zeroAmounts", "choice", `zero amounts must be exclude or include (got ${options.zeroAmounts})`, `零金额处理须为 exclude 或 include（当前为 ${options.zeroAmounts}）`);
  if (options.dateSystem !== 1900 && options.dateSystem !== 1904) add("dateSystem", "choice", `date system must be 1900 or 1904`, `日期系统须为 1900 或 1904`);
  if (!["auto", "dmy", "mdy"].includes(options.dateOrder)) add("dateOrder", "choice", `date order must be auto, dmy or mdy (got ${options.dateOrder})`, `日期顺序须为 auto、dmy 或 mdy（当前为 ${options.dateOrder}）`);
  if (options.asOf !== undefined && !isRealDate(options.asOf)) add("asOf", "date", `as-of date must be a real date YYYY-MM-DD (got ${options.asOf})`, `截止日期须为有效的 YYYY-MM-DD 日期（当前为 ${options.asOf}）`);
  if (!["exclude", "net"].includes(options.returns)) add("returns", "choice", `returns must be exclude or net (got ${options.returns})`, `退货处理须为 exclude 或 net（当前为 ${options.returns}）`);
  if (!["auto", ".", ","].includes(options.decimalMark)) add("decimalMark", "choice", `decimal mark must be auto, "," or "." (got ${options.decimalMark})`, `小数点符号须为 auto、“,”或“.”（当前为 ${options.decimalMark}）`);
  if (!["auto", "order", "line"].includes(options.amountPer)) add("amountPer", "choice", `amount per must be auto, order or line (got ${options.amountPer})`, `金额计法须为 auto、order 或 line（当前为 ${options.amountPer}）`);
  for (const key of ["excludeIds", "saleStatus", "excludeStatus"] as const) {
    const list = options[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((v) => typeof v !== "string"))) add(key, "choice", `${key} must be a list of texts`, `${key} 须为文本列表`);
  }
  const { a, b } = options.valueTiers;
  if (!(a > 0 && a < b && b <= 1)) add("valueTiers", "range", `value tier thresholds must satisfy 0 < A < B ≤ 1 (got ${a}, ${b})`, `价值分层阈值须满足 0 < A < B ≤ 1（当前为 ${a}、${b}）`);
  const windows = options.lifecycle;
  for (const [key, value] of Object.entries(windows) as [keyof GradeOptions["lifecycle"], number][])
    if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) add(key, "range", `lifecycle ${key} must be a whole number ≥ 0 (got ${value})`, `生命周期 ${key} 须为 ≥ 0 的整数（当前为 ${value}）`, { min: 0 });
  // Active < dormant < lost (SPEC §6): otherwise a stage could never be reached. The problem goes on
  // the window the caller set (the later one when both were set), so a form marks what was typed.
  const given = partial.lifecycle ?? {};
  for (let i = 1; i < WINDOW_ORDER.length; ++i) {
    const before = WINDOW_ORDER[i - 1], after = WINDOW_ORDER[i];
    if (!(windows[before] < windows[after])) {
      const on = given[after] !== undefined || given[before] === undefined ? after : before;
      const message = `lifecycle windows must grow: ${before} ${windows[before]} < ${after} ${windows[after]} (active < dormant < lost)`;
      const zh = `生命周期窗口须递增：${before} ${windows[before]} < ${after} ${windows[after]}（活跃 < 沉睡 < 流失）`;
      add(on, "order", message, zh, on === after ? { mustBe: "more", than: before } : { mustBe: "less", than: after });
    }
  }
  if (options.lang !== "en" && options.lang !== "zh") add("lang", "choice", `language must be en or zh (got ${options.lang})`, `语言须为 en 或 zh（当前为 ${options.lang}）`);
  return { options, problems: issues.map((p) => p.message), issues };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * What the TIERS.* custom functions compute, as plain functions over the values Excel passes (2D
 * arrays). No grading rule lives here: everything is the engine's. Bad arguments throw FunctionError,
 * which functions.ts turns into #VALUE! / #N/A with the message.
 */
import { parseBreaks, type FixedBreaks } from "../engine/grade/breaksSpec";
import { checkLadder, levelIndex } from "../engine/grade/memberLevels";
import { rfmBreaksOfSorted, scoreByRfmBins } from "../engine/grade/rfmCompatible";
import { actionFor } from "../engine/grade/actions";
import { KIND_CUSTOMER } from "../engine/grade/aggregate";
import { clvForResult } from "../engine/clv";
import { CUSTOMER_COLUMN_TITLES, CUSTOMER_COLUMNS, customerRow } from "../engine/report/customerTable";
import { dayToSerial, formatDay, serialToDay } from "../engine/read/days";
import { INVALID_DAY } from "../engine/common/missing";
import { gradeTable, type GradeResult } from "../engine/grade/pipeline";
import { labelText, LIFECYCLE_STAGES, RF_SEGMENTS, RFM8_CLASSES, VALUE_TIERS } from "../engine/common/labels";
import { customerIdOf } from "../engine/read/customerId";
import { quantileBreaks, scoreByBreaks, scoreByNtile } from "../engine/grade/quantile";
import { rfm8Class, rfSegment } from "../engine/grade/segments";
import { paretoTiers } from "../engine/grade/valueTier";
import { issueMessage, type Cell, type Lang } from "../engine/common/types";

export type Matrix = Cell[][];

/** A bad argument or a missing answer, said in English (`message`) and Chinese (`zh`); functions.ts shows the one of Excel's display language. */
export class FunctionError extends Error {
  constructor(readonly kind: "value" | "na", message: string, readonly zh: string) {
    super(message);
  }
}

const bad = (message: string, zh: string) => new FunctionError("value", message, zh);
const missing = (message: string, zh: string) => new FunctionError("na", message, zh);
/** An engine issue or refusal as a FunctionError (the engine gives every message in both languages). */
const badFrom = (problem: { message: string; zh?: string }) => bad(problem.message, problem.zh ?? problem.message);

/** The cells of a one-column (or one-row) range, in order. */
export function column(range: Matrix, name: string): Cell[] {
  if (!Array.isArray(range) || range.length === 0) throw bad(`${name} is empty.`, `${name} 为空。`);
  if (range[0].length === 1) return range.map((r) => r[0]);
  if (range.length === 1) return range[0];
  throw bad(`${name} must be one column or one row (got ${range.length}×${range[0].length}).`, `${name} 须为一列或一行（现为 ${range.length}×${range[0].length}）。`);
}

function numbers(range: Matrix, name: string): Float64Array {
  const cells = column(range, name);
  const out = new Float64Array(cells.length);
  cells.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw bad(`${name}: item ${i + 1} is not a number (${JSON.stringify(v)}).`, `${name}：第 ${i + 1} 项不是数字（${JSON.stringify(v)}）。`);
    out[i] = v;
  });
  return out;
}

function binsArg(bins: number | null | undefined): number {
  const b = bins ?? 5;
  if (!Number.isInteger(b) || b < 2 || b > 10) throw bad(`bins must be a whole number from 2 to 10 (got ${b}).`, `bins 须为 2 到 10 的整数（现为 ${b}）。`);
  return b;
}

export function langArg(lang: string | null | undefined, fallback: Lang): Lang {
  if (lang === null || lang === undefined || lang === "") return fallback;
  const l = lang.trim().toLowerCase();
  if (l === "en" || l.startsWith("en-")) return "en";
  if (l === "zh" || l.startsWith("zh")) return "zh";
  throw bad(`lang must be "en" or "zh" (got "${lang}").`, `lang 须为 "en" 或 "zh"（现为 "${lang}"）。`);
}

const rowOrder = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

/**
 * R, F and M scores ("545") for each row of three per-customer columns, scored against those rows
 * (SPEC §4). Ties in ntile go by row order, which is customer-id order on the Customers sheet.
 */
export function rfmScores(recency: Matrix, frequency: Matrix, monetary: Matrix, bins?: number | null, method?: string | null, breaks?: string | null): string[][] {
  const how = (method ?? (breaks ? "fixed" : "quantile")).toLowerCase();
  let fixed: FixedBreaks | null = null;
  if (how === "fixed") {
    if (!breaks) throw bad(`method "fixed" needs breaks, e.g. "r=30,90,180,365;f=1,2,5,10;m=250,500,1000,5000".`, `method "fixed" 需要 breaks（分界点），例如 "r=30,90,180,365;f=1,2,5,10;m=250,500,1000,5000"。`);
    const parsed = parseBreaks(String(breaks), bins ?? undefined);
    if (!parsed.ok) throw badFrom(parsed);
    fixed = parsed.breaks;
    bins = parsed.bins;
  } else if (breaks) throw bad(`breaks go with method "fixed" (got method "${method}").`, `breaks（分界点）只用于 method "fixed"（现为 method "${method}"）。`);
  const b = binsArg(bins);
  const r = numbers(recency, "recency_days"), f = numbers(frequency, "frequency"), m = numbers(monetary, "monetary");
  if (r.length !== f.length || r.length !== m.length) throw bad(`The three ranges must have the same length (got ${r.length}, ${f.length}, ${m.length}).`, `三个区域的长度须相同（现为 ${r.length}、${f.length}、${m.length}）。`);
  let rs: Uint8Array, fs: Uint8Array, ms: Uint8Array;
  if (how === "ntile") {
    const order = rowOrder(r.length);
    rs = scoreByNtile(r, order, b, true);
    fs = scoreByNtile(f, order, b, false);
    ms = scoreByNtile(m, order, b, false);
  } else if (how === "quantile") {
    rs = scoreByBreaks(r, quantileBreaks(r, b), true);
    fs = scoreByBreaks(f, quantileBreaks(f, b), false);
    ms = scoreByBreaks(m, quantileBreaks(m, b), false);
  } else if (fixed) {
    rs = scoreByBreaks(r, fixed.recency, true);
    fs = scoreByBreaks(f, fixed.frequency, false);
    ms = scoreByBreaks(m, fixed.monetary, false);
  } else if (how === "rfm") {
    // R rfm's scores on per-customer values (its frequency is the number of transaction rows: pass that).
    const sorted = (v: Float64Array) => Float64Array.from(v).sort();
    rs = scoreByRfmBins(r, rfmBreaksOfSorted(sorted(r), b), true);
    fs = scoreByRfmBins(f, rfmBreaksOfSorted(sorted(f), b), false);
    ms = scoreByRfmBins(m, rfmBreaksOfSorted(sorted(m), b), false);
  } else throw bad(`method must be "quantile", "ntile", "fixed" or "rfm" (got "${method}").`, `method 须为 "quantile"、"ntile"、"fixed" 或 "rfm"（现为 "${method}"）。`);
  return Array.from(r, (_, i) => [`${rs[i]}${fs[i]}${ms[i]}`]);
}

/** The member level (会员等级) of a value on a ladder: the last name whose threshold ≤ the value. */
export function level(value: number, thresholds: Matrix, names: Matrix): string {
  if (typeof value !== "number" || !Number.isFinite(value)) throw bad(`value must be a number (got ${JSON.stringify(value)}).`, `value 须为数字（现为 ${JSON.stringify(value)}）。`);
  const t = Array.from(numbers(thresholds, "thresholds"));
  const n = names.flat().map((c) => String(c ?? "").trim());
  const checked = checkLadder(n, t);
  if (!checked.ok) throw badFrom(checked);
  const k = levelIndex(value, t);
  if (k < 0) throw missing(`${value} is below the first threshold (${t[0]}).`, `${value} 低于第一级门槛（${t[0]}）。`);
  return n[k];
}

export function segment(rScore: number, fScore: number, bins: number | null | undefined, lang: Lang): string {
  const b = binsArg(bins);
  const code = rfSegment(rScore, fScore, b);
  if (code === 255 || !Number.isInteger(rScore) || !Number.isInteger(fScore)) throw bad(`R and F scores must be whole numbers from 1 to ${b} (got ${rScore}, ${fScore}).`, `R、F 评分须为 1 到 ${b} 的整数（现为 ${rScore}、${fScore}）。`);
  return labelText(RF_SEGMENTS, code, lang);
}

const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;

export function rfm8(recency: number, frequency: number, monetary: number, recencyRange: Matrix, frequencyRange: Matrix, monetaryRange: Matrix, lang: Lang): string {
  for (const [v, name] of [[recency, "recency"], [frequency, "frequency"], [monetary, "monetary"]] as const)
    if (typeof v !== "number" || !Number.isFinite(v)) throw bad(`${name} must be a number.`, `${name} 须为数字。`);
  const means = { recency: mean(numbers(recencyRange, "recency_range")), frequency: mean(numbers(frequencyRange, "frequency_range")), monetary: mean(numbers(monetaryRange, "monetary_range")) };
  return labelText(RFM8_CLASSES, rfm8Class(recency, frequency, monetary, means), lang);
}

/** The value tier of the first row of `monetaryRange` equal to `monetary` (rows in id order break ties, as SPEC §5.3). */
export function valueTier(monetary: number, monetaryRange: Matrix, lang: Lang, a = 0.8, b = 0.95): string {
  const values = numbers(monetaryRange, "monetary_range");
  const index = values.indexOf(monetary);
  if (index < 0) throw missing(`${monetary} is not in monetary_range.`, `monetary_range 中没有 ${monetary}。`);
  const tiers = paretoTiers(values, rowOrder(values.length), a, b);
  return labelText(VALUE_TIERS, tiers[index], lang);
}

export function action(segmentName: string, lang: Lang): string {
  const text = actionFor(String(segmentName ?? ""), lang);
  if (text === undefined) throw bad(`"${segmentName}" is not a segment or lifecycle stage name.`, `"${segmentName}" 不是客户分群或生命周期阶段的名称。`);
  return text;
}

// ---- Functions over raw transactions: grade once per distinct input, then look customers up. ----

interface CacheEntry {
  key: Cell[][];
  result: GradeResult;
  byId: Map<string, number>;
  clv?: ReturnType<typeof clvForResult>;
}

/** The last few graded inputs; a column of single-customer calls over the same ranges grades once. */
const cache: CacheEntry[] = [];
const CACHE_SIZE = 4;
let grades = 0;

/** How many times transactions were graded (for tests of the cache). */
export function gradeCount(): number {
  return grades;
}

function sameCells(a: Cell[], b: Cell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) if (a[i] !== b[i]) return false;
  return true;
}

export function gradeTransactions(ids: Matrix, dates: Matrix, amounts: Matrix, orders: Matrix | null | undefined, asOf: number | string | null | undefined, bins: number | null | undefined): CacheEntry {
  const cols = [column(ids, "ids"), column(dates, "dates"), column(amounts, "amounts")];
  if (orders && !(orders.length === 1 && orders[0].length === 1 && (orders[0][0] === "" || orders[0][0] === null))) cols.push(column(orders, "orders"));
  const n = cols[0].length;
  if (cols.some((c) => c.length !== n)) throw bad(`ids, dates, amounts${cols.length > 3 ? " and orders" : ""} must have the same length (got ${cols.map((c) => c.length).join(", ")}).`, `ids、dates、amounts${cols.length > 3 ? " 和 orders" : ""} 的长度须相同（现为 ${cols.map((c) => c.length).join("、")}）。`);
  const b = binsArg(bins);
  const asOfText = asOfArg(asOf);
  const key: Cell[][] = [...cols, [asOfText ?? "", b]];
  const hit = cache.find((e) => e.key.length === key.length && e.key.every((c, k) => sameCells(c, key[k])));
  if (hit) return hit;
  const cells: Cell[][] = new Array(n + 1);
  cells[0] = cols.length > 3 ? ["customer", "date", "amount", "order"] : ["customer", "date", "amount"];
  for (let i = 0; i < n; ++i) cells[i + 1] = cols.map((c) => c[i]);
  const outcome = gradeTable({ cells, hasHeader: true, mapping: { customer: 0, date: 1, amount: 2, ...(cols.length > 3 ? { order: 3 } : {}) } }, { bins: b, asOf: asOfText });
  ++grades;
  if (!outcome.ok) throw badFrom({ message: issueMessage(outcome.issues[0], "en"), zh: issueMessage(outcome.issues[0], "zh") });
  if (outcome.result.summary.customers === 0) throw missing("No valid purchases in these ranges.", "这些区域中没有有效购买。");
  const byId = new Map<string, number>();
  outcome.result.measures.ids.forEach((id, c) => byId.set(id, c));
  const entry: CacheEntry = { key, result: outcome.result, byId };
  cache.unshift(entry);
  if (cache.length > CACHE_SIZE) cache.pop();
  return entry;
}

function asOfArg(asOf: number | string | null | undefined): string | undefined {
  if (asOf === null || asOf === undefined || asOf === "") return undefined;
  if (typeof asOf === "number") {
    // An Excel date serial (1900 system), read by the engine's rule.
    const day = serialToDay(asOf);
    if (day === INVALID_DAY) throw bad(`as_of is not a date (${asOf}).`, `as_of 不是日期（${asOf}）。`);
    return formatDay(day);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf.trim())) throw bad(`as_of must be a date or YYYY-MM-DD text (got "${asOf}").`, `as_of 须为日期或 YYYY-MM-DD 格式的文本（现为 "${asOf}"）。`);
  return asOf.trim();
}

const noPurchase = (customerId: Cell) => missing(`Customer ${String(customerId)} has no valid purchase.`, `客户 ${String(customerId)} 没有有效购买。`);

function customerIndex(entry: CacheEntry, customerId: Cell): number {
  const id = customerIdOf(customerId);
  const c = id === "" ? undefined : entry.byId.get(id);
  if (c === undefined) throw missing(`Customer ${String(customerId)} is not in ids.`, `ids 中没有客户 ${String(customerId)}。`);
  return c;
}

export function customerScore(customerId: Cell, entry: CacheEntry): string {
  const c = customerIndex(entry, customerId);
  const g = entry.result.grades;
  if (entry.result.measures.kind[c] !== KIND_CUSTOMER) throw noPurchase(customerId);
  return `${g.rScore[c]}${g.fScore[c]}${g.mScore[c]}`;
}

export function customerLifecycle(customerId: Cell, entry: CacheEntry, lang: Lang): string {
  const c = customerIndex(entry, customerId);
  return labelText(LIFECYCLE_STAGES, entry.result.grades.lifecycle[c], lang);
}

/** The per-customer table (SPEC §9 columns) with a header row; dates as Excel serials. */
export function rfmTable(entry: CacheEntry, lang: Lang): (string | number)[][] {
  const { result } = entry;
  const header = CUSTOMER_COLUMNS.map((k) => CUSTOMER_COLUMN_TITLES[k][lang]);
  const rows: (string | number)[][] = [header];
  for (const c of result.outputOrder) {
    const row = customerRow(result, c, lang).map((v) => (v === null ? "" : v));
    if (result.measures.kind[c] === KIND_CUSTOMER) {
      row[1] = dayToSerial(result.measures.firstDay[c]);
      row[2] = dayToSerial(result.measures.lastDay[c]);
    }
    rows.push(row);
  }
  return rows;
}

export type ClvMeasure = "p_alive" | "expected_purchases_90d" | "clv_12m";

export function customerClv(customerId: Cell, entry: CacheEntry, measure: ClvMeasure): number {
  const c = customerIndex(entry, customerId);
  entry.clv ??= clvForResult(entry.result, { unit: "day" });
  const clv = entry.clv;
  if (!clv.ok) throw missing(clv.message, clv.zh);
  const array = measure === "p_alive" ? clv.columns.pAlive : measure === "expected_purchases_90d" ? clv.columns.expectedPurchases90d : clv.columns.clv;
  const v = array[c];
  if (!Number.isFinite(v)) throw noPurchase(customerId);
  return v;
}

/**
 * The grading pipeline: cells → columns → transactions → customers → scores → segments, tiers and
 * stages (SPEC §1–6). Bad data never throws: it comes back as issues naming row and column.
 */
import { aggregateCustomers, KIND_CUSTOMER, KIND_PROSPECT, type CustomerMeasures } from "./aggregate";
import { formatDay, isoDay } from "../read/days";
import { NO_GRADE, reasonZh } from "../common/labels";
import { slots } from "../common/optionRefs";
import { lifecycleStage, STAGE_PROSPECT } from "./lifecycle";
import { resolveColumns, type MappingOverride, type ResolvedColumns } from "../read/mapping";
import { INVALID_DAY } from "../common/missing";
import { resolveOptions, type GradeOptions, type PartialOptions } from "./options";
import { breaksOfSorted, quantileBreaks, scoreByBreaks, scoreByNtile, sortedCopy } from "./quantile";
import { buildRowReport, type RowReport } from "../read/rowReport";
import { rfm8Class, rfSegment, type RfmMeans } from "./segments";
import { scratchFloat64, scratchInt32 } from "./scratch";
import { codePointOrder, ranksOf } from "./sortOrder";
import { summarise, type GradeSummary } from "./summary";
import { applyAsOf, latestIncludedDay, latestReturnDay, readTransactions, settleDateOrder, settleDecimalMarks, ROW_TOTAL, type ReadOptions, type Transactions } from "../read/transactions";
import { decideMarks, type MarkDecision } from "../read/decimalMark";
import { checkTotalRows } from "../read/rowRules";
import { applyOrderTotals, type OrderTotalsCheck } from "../read/orderTotals";
import { readNotes } from "./notes";
import type { Cell, InputIssue, ReadNote } from "../common/types";
import type { CustomerGrades } from "./customerGrades";

export type { CustomerGrades } from "./customerGrades";
import { paretoTiers } from "./valueTier";
import { rfmBreaksOfSorted, scoreByRfmBins, useRowFrequency } from "./rfmCompatible";

export interface TableInput {
  /** The rows, header first when there is one (as `range.values` gives them). */
  cells: readonly (readonly Cell[])[];
  /** Whether cells[0] is a header; detected when omitted. */
  hasHeader?: boolean;
  /** The user's column choices; the rest is detected from the header. */
  mapping?: MappingOverride;
  /** The row number the user sees for cells[0] (a sheet row, or a CSV line); default 1. */
  firstRowNumber?: number;
  /** Title rows above cells[0] that the caller has cut off (counted as `title_row`, never graded). */
  titleRows?: number;
}


/** The breaks used for each score, null with the ntile method. */
export interface ScoreBreaks {
  recency: Float64Array | null;
  frequency: Float64Array | null;
  monetary: Float64Array | null;
  frequencyTier: Float64Array;
  amountTier: Float64Array;
}

export interface GradeResult {
  options: GradeOptions;
  columns: ResolvedColumns;
  asOfDay: number;
  transactions: Transactions;
  report: RowReport;
  measures: CustomerMeasures;
  grades: CustomerGrades;
  breaks: ScoreBreaks;
  means: RfmMeans;
  /** Graded customers by id (code-point order), then prospects by id. */
  outputOrder: Uint32Array;
  summary: GradeSummary;
  /** What was assumed or decided while reading (header row, order totals, statuses, returns …), for the CLI summary and the pane. */
  notes: ReadNote[];
  /** The amount-per-order check, when an order and an amount column are mapped. */
  orderTotals?: OrderTotalsCheck;
}

export type GradeOutcome = { ok: true; result: GradeResult } | { ok: false; issues: InputIssue[] };

/** Grades a table of cells. */
export function gradeTable(input: TableInput, partialOptions: PartialOptions = {}): GradeOutcome {
  const { options, issues: optionIssues } = resolveOptions(partialOptions);
  if (optionIssues.length) return tableRefusals.badOptions(optionIssues);
  const { cells } = input;
  if (cells.length === 0) return tableRefusals.empty();
  const { columns, issues } = resolveColumns(cells, input.mapping, input.hasHeader);
  if (!columns) return { ok: false, issues };
  const { mapping, dataStart } = columns;
  if (cells.length <= dataStart) return tableRefusals.noRows();
  const firstRowNumber = (input.firstRowNumber ?? 1) + dataStart;
  if (input.titleRows) columns.titleRows += input.titleRows;

  const transactions = readTransactions(cells, mapping, dataStart, readOptionsOf(options, columns.headerRow >= 0 ? cells[columns.headerRow] : undefined));
  return gradeRead(transactions, columns, options, firstRowNumber);
}

/** gradeTable's refusals before any row is read; TableStream gives the same ones. */
export const tableRefusals = {
  badOptions: (issues: readonly { message: string; zh: string }[]): GradeOutcome => ({ ok: false, issues: issues.map((p) => ({ row: 0, column: "", code: "bad_option", message: p.message, zh: `选项无效：${p.zh}` })) }),
  empty: (): GradeOutcome => fail("empty", "The range is empty: select the transactions with their header row.", "", "选区为空：请选中交易数据及其标题行。"),
  noRows: (): GradeOutcome => fail("no_rows", "There is a header but no transaction rows under it.", "", "只有标题行，下面没有交易数据。"),
};

/**
 * The read options of grading options: what every read (readTransactions, or a TransactionBuilder
 * fed batch by batch) must be given, so that the row rules (repeated header rows by the header's
 * cells, the exclusion list, order statuses, returns) apply on every path.
 */
export function readOptionsOf(options: GradeOptions, header?: readonly Cell[]): ReadOptions {
  return {
    dateOrder: options.dateOrder,
    dateSystem: options.dateSystem,
    zeroAmounts: options.zeroAmounts,
    returns: options.returns,
    decimalMark: options.decimalMark,
    rules: { header, excludeIds: options.excludeIds, status: { saleStatus: options.saleStatus, excludeStatus: options.excludeStatus } },
  };
}

/**
 * Grades what a read gave (readTransactions, or a TransactionBuilder fed batch by batch): settles
 * the day/month order of text dates first when it was left to detection.
 */
export function gradeRead(transactions: Transactions, columns: ResolvedColumns, options: GradeOptions, firstRowNumber: number): GradeOutcome {
  const { mapping, names } = columns;
  const marks = transactions.decimalEvidence;
  if (marks) {
    const decided = decideMarks(marks, names, firstRowNumber);
    if ("issue" in decided) return { ok: false, issues: [decided.issue] };
    settleDecimalMarks(transactions, marks.map((e) => decided.decisions.find((d) => d.column === e.column)?.mark ?? "."), options);
    transactions.decimalMarks = decided.decisions;
  } else if (options.decimalMark !== "auto") transactions.decimalMarks = markOptionDecisions(mapping, options.decimalMark);
  let dateOrder = options.dateOrder;
  const evidence = transactions.dateEvidence;
  if (evidence) {
    if (evidence.dayFirst && evidence.monthFirst)
      return fail("mixed_date_order", `The ${names[mapping.date!]} column mixes day-first and month-first dates; choose the date order.`, names[mapping.date!], `${names[mapping.date!]} 列中既有日在前的日期，也有月在前的日期，请选择日期顺序。`);
    if (evidence.dayFirst) dateOrder = "dmy";
    else if (evidence.monthFirst) dateOrder = "mdy";
    else if (evidence.ambiguous) return ambiguousDateOrder(names[mapping.date!], String(evidence.firstAmbiguousText).trim(), firstRowNumber + evidence.firstAmbiguousRow);
    settleDateOrder(transactions, dateOrder === "mdy" ? "mdy" : "dmy", options);
  }
  return gradeTransactions(transactions, columns, { ...options, dateOrder }, firstRowNumber);
}

/** The columns a decimalMark option applied to (amount, or quantity and price). */
function markOptionDecisions(mapping: ResolvedColumns["mapping"], mark: "." | ","): MarkDecision[] {
  const cols = mapping.amount !== undefined ? [mapping.amount] : [mapping.quantity!, mapping.price!];
  return cols.map((column) => ({ column, mark, how: "option" as const }));
}

function ambiguousDateOrder(column: string, text: string, row: number): GradeOutcome {
  const s = slots();
  const message = s.done(
    `Dates like "${text}" in ${column} can be day-first or month-first; choose the date order (${s("dateOrder", "dmy", "mdy")}).`,
    `${column} 列中的“${text}”这类日期既可理解为日在前也可理解为月在前，请选择日期顺序（${s("dateOrder", "dmy", "mdy")}）。`,
  );
  return { ok: false, issues: [{ row, column, code: "ambiguous_date_order", ...message }] };
}

function orderColumnNeeded(): GradeOutcome {
  const s = slots();
  const text = s.done(
    `Amount per order needs an order column (${s("order")}): without one, the lines of an order cannot be told apart.`,
    `按订单计金额需要订单号列（${s("order")}）：没有订单号，无法分辨同一订单的各行。`,
  );
  return { ok: false, issues: [{ row: 0, column: "", code: "bad_option", ...text }] };
}

function fail(code: string, message: string, column: string, zh: string): GradeOutcome {
  return { ok: false, issues: [{ row: 0, column, code, message, zh }] };
}

/** Grades transactions already read (the CLI's CSV reader and the add-in's chunked reader end here). */
export function gradeTransactions(transactions: Transactions, columns: ResolvedColumns, options: GradeOptions, firstRowNumber: number): GradeOutcome {
  const { mapping, names } = columns;
  // Before amounts per order are zeroed, and after the date order and decimal marks are settled.
  if (transactions.status.includes(ROW_TOTAL)) transactions.totalsCheck = checkTotalRows(transactions.status, transactions.amount, transactions.rowCount);
  let orderTotals: OrderTotalsCheck | undefined;
  if (options.amountPer === "order" && (mapping.order === undefined || mapping.amount === undefined))
    return mapping.order === undefined
      ? orderColumnNeeded()
      : fail("bad_option", `Amount per order needs an amount column: quantity × price (${names[mapping.quantity!]} × ${names[mapping.price!]}) is a line amount and is always summed per line.`, "", `按订单计金额需要金额列：数量 × 单价（${names[mapping.quantity!]} × ${names[mapping.price!]}）是每行的金额，始终逐行相加。`);
  if (mapping.order !== undefined && mapping.amount !== undefined && options.amountPer !== "line") orderTotals = applyOrderTotals(transactions, options.amountPer);
  const latest = latestIncludedDay(transactions);
  let asOfDay: number;
  if (options.asOf !== undefined) {
    asOfDay = isoDay(options.asOf);
    if (asOfDay === INVALID_DAY) return fail("bad_option", `as-of date ${options.asOf} is not a real date`, "", `截止日期 ${options.asOf} 不是有效日期`);
  } else {
    if (latest === INVALID_DAY) {
      const report = buildRowReport(transactions, columns.mapping, columns.names, firstRowNumber, columns.titleRows);
      return { ok: false, issues: [noPurchaseIssue(report)] };
    }
    asOfDay = latest + 1;
  }
  // Else no included row (or return) is on or after it.
  if (asOfDay <= latest || (options.returns === "net" && asOfDay <= latestReturnDay(transactions))) applyAsOf(transactions, asOfDay);
  const report = buildRowReport(transactions, columns.mapping, columns.names, firstRowNumber, columns.titleRows);
  if (report.included === 0) return { ok: false, issues: [noPurchaseIssue(report, options.asOf)] };

  const measures = aggregateCustomers(transactions, asOfDay);
  if (options.method === "rfm") useRowFrequency(transactions, measures);
  const { grades, breaks, means, idRank } = scoreCustomers(measures, options);
  const outputOrder = orderForOutput(measures, idRank);
  const summary = summarise(measures, grades, options);
  const notes = readNotes({ transactions, columns, options, report, summary, orderTotals, firstRowNumber });
  return { ok: true, result: { options, columns, asOfDay, transactions, report, measures, grades, breaks, means, outputOrder, summary, notes, orderTotals } };
}

function noPurchaseIssue(report: RowReport, asOf?: string): InputIssue {
  const reasons = Object.entries(report.excluded)
    .filter(([, r]) => r.count > 0)
    .map(([reason, r]) => `${r.count} ${reason.replace(/_/g, " ")} (${r.column}, first at row ${r.rows[0]})`);
  const reasonsZh = Object.entries(report.excluded)
    .filter(([, r]) => r.count > 0)
    .map(([reason, r]) => `${r.count} 行${reasonZh(reason)}（${r.column} 列，首次出现在第 ${r.rows[0]} 行）`);
  return {
    row: 0,
    column: "",
    code: "no_valid_purchases",
    message: `No valid purchases among ${report.rowsRead} rows${asOf ? ` before ${asOf}` : ""}: ${reasons.join("; ")}.`,
    zh: `${report.rowsRead} 行中${asOf ? `（${asOf} 之前）` : ""}没有有效购买：${reasonsZh.join("；")}。`,
  };
}

/** Rank of each dictionary id in code-point order (0 = first). */
export function idRanks(ids: readonly string[]): Uint32Array {
  return ranksOf(codePointOrder(ids));
}

/** Scores, segments, tiers and stages for every graded customer (SPEC §4–6). */
export function scoreCustomers(measures: CustomerMeasures, options: GradeOptions) {
  const { size, customerIndexes } = measures;
  const n = customerIndexes.length;
  const recency = scratchFloat64("score.recency", n);
  const frequency = scratchFloat64("score.frequency", n);
  const monetary = scratchFloat64("score.monetary", n);
  const aov = scratchFloat64("score.aov", n);
  let sumR = 0, sumF = 0, sumM = 0;
  for (let k = 0; k < n; ++k) {
    const c = customerIndexes[k];
    sumR += recency[k] = measures.recencyDays[c];
    sumF += frequency[k] = measures.frequency[c];
    sumM += monetary[k] = measures.monetary[c];
    aov[k] = measures.aov[c];
  }
  const means: RfmMeans = { recency: sumR / n, frequency: sumF / n, monetary: sumM / n };
  const idRank = idRanks(measures.ids);
  const compactRank = new Uint32Array(n);
  for (let k = 0; k < n; ++k) compactRank[k] = idRank[customerIndexes[k]];

  const { bins, method } = options;
  let r: Uint8Array, f: Uint8Array, m: Uint8Array;
  const sortedFrequency = sortedCopy(frequency, scratchFloat64("score.sortedFrequency", n));
  const breaks: ScoreBreaks = {
    recency: null,
    frequency: null,
    monetary: null,
    frequencyTier: breaksOfSorted(sortedFrequency, 3),
    amountTier: quantileBreaks(aov, 3),
  };
  if (method === "ntile") {
    r = scoreByNtile(recency, compactRank, bins, true);
    f = scoreByNtile(frequency, compactRank, bins, false);
    m = scoreByNtile(monetary, compactRank, bins, false);
  } else if (method === "rfm") {
    breaks.recency = rfmBreaksOfSorted(sortedCopy(recency, scratchFloat64("score.sortedRecency", n)), bins);
    breaks.frequency = rfmBreaksOfSorted(sortedFrequency, bins);
    breaks.monetary = rfmBreaksOfSorted(sortedCopy(monetary, scratchFloat64("score.sortedMonetary", n)), bins);
    r = scoreByRfmBins(recency, breaks.recency, true);
    f = scoreByRfmBins(frequency, breaks.frequency, false);
    m = scoreByRfmBins(monetary, breaks.monetary, false);
  } else {
    breaks.recency = method === "fixed" ? Float64Array.from(options.fixedBreaks!.recency) : quantileBreaks(recency, bins);
    breaks.frequency = method === "fixed" ? Float64Array.from(options.fixedBreaks!.frequency) : breaksOfSorted(sortedFrequency, bins);
    breaks.monetary = method === "fixed" ? Float64Array.from(options.fixedBreaks!.monetary) : quantileBreaks(monetary, bins);
    r = scoreByBreaks(recency, breaks.recency, true);
    f = scoreByBreaks(frequency, breaks.frequency, false);
    m = scoreByBreaks(monetary, breaks.monetary, false);
  }
  const frequencyTier = scoreByBreaks(frequency, breaks.frequencyTier, false);
  const amountTier = scoreByBreaks(aov, breaks.amountTier, false);
  const tiers = paretoTiers(monetary, compactRank, options.valueTiers.a, options.valueTiers.b);

  const grades: CustomerGrades = {
    rScore: new Uint8Array(size),
    fScore: new Uint8Array(size),
    mScore: new Uint8Array(size),
    rfSegment: new Uint8Array(size).fill(NO_GRADE),
    rfm8: new Uint8Array(size).fill(NO_GRADE),
    valueTier: new Uint8Array(size).fill(NO_GRADE),
    frequencyTier: new Uint8Array(size).fill(NO_GRADE),
    amountTier: new Uint8Array(size).fill(NO_GRADE),
    lifecycle: new Uint8Array(size).fill(NO_GRADE),
  };
  const windows = options.lifecycle;
  for (let k = 0; k < n; ++k) {
    const c = customerIndexes[k];
    grades.rScore[c] = r[k];
    grades.fScore[c] = f[k];
    grades.mScore[c] = m[k];
    grades.rfSegment[c] = rfSegment(r[k], f[k], bins);
    grades.rfm8[c] = rfm8Class(recency[k], frequency[k], monetary[k], means);
    grades.valueTier[c] = tiers[k];
    grades.frequencyTier[c] = frequencyTier[k] - 1;
    grades.amountTier[c] = amountTier[k] - 1;
    grades.lifecycle[c] = lifecycleStage(recency[k], measures.tenureDays[c], measures.purchaseDays[c], measures.lastGapDays[c], frequency[k], windows);
  }
  for (let c = 0; c < size; ++c) if (measures.kind[c] === KIND_PROSPECT) grades.lifecycle[c] = STAGE_PROSPECT;
  return { grades, breaks, means, idRank };
}

/** Graded customers by id, then prospects by id. */
function orderForOutput(measures: CustomerMeasures, idRank: Uint32Array): Uint32Array {
  const { size, kind } = measures;
  const byRank = scratchInt32("output.byRank", size).fill(-1);
  for (let c = 0; c < size; ++c) byRank[idRank[c]] = c;
  let count = 0;
  for (let c = 0; c < size; ++c) if (kind[c] === KIND_CUSTOMER || kind[c] === KIND_PROSPECT) ++count;
  const order = new Uint32Array(count);
  let k = 0;
  for (const wanted of [KIND_CUSTOMER, KIND_PROSPECT])
    for (let r = 0; r < size; ++r) {
      const c = byRank[r];
      if (kind[c] === wanted) order[k++] = c;
    }
  return order;
}

/** The as-of date of a result as `YYYY-MM-DD`. */
export function asOfText(result: GradeResult): string {
  return formatDay(result.asOfDay);
}

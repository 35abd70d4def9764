/** `tiers grade`: read a transaction file, grade it, print a summary or write CSV / JSON / XLSX. */
import * as path from "path";
import * as fs from "fs";
import { CUSTOMER_COLUMNS, customerRows, type OutCell } from "../engine/report/customerTable";
import { asOfText, gradeTable, type GradeResult } from "../engine/grade/pipeline";
import type { Cell, InputIssue, Lang } from "../engine/common/types";
import { cliNotes, cliText } from "./optionFlags";
import { parseCommonArgs, UsageError, type CommonArgs } from "./args";
import { InputError, readInput, rereadInput, streamInput, type InputInfo } from "./input";
import { SourceEvidence, type SourceRows } from "../engine/report/dataPlan";
import { TableStream } from "../engine/grade/tableStream";
import { severalSheets } from "./readXlsx";
import { summaryTables } from "../engine/report/reportTables";
import { summaryText } from "./summaryText";
import { readIdList } from "./idList";
import { csvText } from "./writeCsv";
import { writePlanXlsx, type WriteProgress } from "./writeXlsx";
import { addChartsToZip } from "./xlsxCharts";
import { buildWorkbookPlan } from "../engine/report/buildWorkbookPlan";
import { SHEET_ROWS, type WorkbookPlan } from "../engine/report/workbookPlan";
import { DATA_SHEET } from "../engine/report/dataPlan";
import { CUSTOMERS_SHEET } from "../engine/report/customersPlan";
import { SUMMARY_SHEET } from "../engine/report/summaryPlan";
import { METHOD_SHEET } from "../engine/report/methodPlan";
import type { PlanExtras } from "../engine/report/planExtras";
import { formatLine } from "./csv";
import { commandHelp, commandUsage } from "./usage";
import { clvForResult, clvTiers, type PurchaseModel } from "../engine/clv";
import { clusterCustomers } from "../engine/cluster";
import { memberLevels, parseLevels } from "../engine/grade/memberLevels";
import { customerDimensions } from "../engine/grade/breakdown";
import { labelText, NO_GRADE } from "../engine/common/labels";
import { activityValue, customerTrends, TRENDS } from "../engine/report/trend";
import type { PeriodUnit } from "../engine/clv/summary";

/** Extra per-customer columns that options add after the SPEC columns (CLV, clusters, …). */
export interface ExtraColumns {
  header: string[];
  values: (customer: number) => OutCell[];
}

/** One line naming the file, row and column of the first issue. */
export function issueLine(label: string, issue: InputIssue, lang: Lang = "en"): string {
  const where = lang === "zh"
    ? [issue.row > 0 ? `第 ${issue.row} 行` : "", issue.column ? `${issue.column} 列` : ""].filter(Boolean).join("，")
    : [issue.row > 0 ? `row ${issue.row}` : "", issue.column ? `column ${issue.column}` : ""].filter(Boolean).join(", ");
  return `tiers: ${label}${where ? `: ${where}` : ""}: ${cliText(issue, lang)}`;
}

/** Whether progress lines go to stderr: only to a terminal, and not with --quiet. */
export function showProgress(args?: { values: Record<string, unknown> }): boolean {
  return Boolean(process.stderr.isTTY) && !args?.values.quiet;
}

/** Shows progress on stderr for big files when stderr is a terminal. */
export function progressReporter(label: string, args?: { values: Record<string, unknown> }): ((rows: number) => void) | undefined {
  if (!showProgress(args)) return undefined;
  return (rows) => {
    if (rows >= 100000) process.stderr.write(`\rreading ${label}: ${rows.toLocaleString("en-US")} rows`);
  };
}

/** "writing Transactions: 250,000 of 541,909 rows", rewritten in place; a newline when a sheet is done. */
function writeReporter(args: CommonArgs): WriteProgress | undefined {
  if (!showProgress(args)) return undefined;
  return (sheet, done, total) => {
    if (total < 50_000) return;
    process.stderr.write(`\rwriting ${sheet}: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows${done === total ? "\n" : ""}`);
  };
}

/** What gradeFile read besides the grade: the source rows for the workbook's data sheet, kept or to be read again. */
export type GradedInput = InputInfo & { cells?: Cell[][]; source?: SourceRows };

/**
 * Reads and grades a file as the arguments say; throws InputError/UsageError with one-line messages.
 * The rows stream into the engine's transaction arrays (no array of every cell). `keep`: true keeps
 * every cell in `input.cells` and grades them with gradeTable (several sheets as one log always
 * are); "reread" (the .xlsx output, which copies the source rows beside the grades) decodes every
 * column while streaming, gathers the evidence of each column's type, and gives `input.source`,
 * which reads the file again row by row for the data sheet. All give the same grade.
 */
export async function gradeFile(args: CommonArgs, keep: boolean | "reread" = false): Promise<{ input: GradedInput; result: GradeResult }> {
  const options = { ...args.options };
  if (typeof args.values.exclude === "string") options.excludeIds = await readIdList(args.values.exclude);
  const readOptions = { sheet: args.sheet, mapping: args.mapping, keepAllColumns: Boolean(keep), onProgress: progressReporter(args.file, args), encoding: args.values.encoding as string | undefined };
  // Several sheets as one log carry title rows cut off above later headers: graded whole.
  if (keep === true || severalSheets(args.sheet)) {
    const input = await readInput(args.file, readOptions);
    endProgress(args, input.cells.length);
    if (options.dateSystem === undefined) options.dateSystem = input.dateSystem;
    const outcome = gradeTable({ cells: input.cells, mapping: args.mapping, firstRowNumber: input.firstRowNumber, titleRows: input.titleRows }, options);
    if (!outcome.ok) throw new InputError(issueLine(input.label, traced(input, outcome.issues[0]), args.lang).replace(/^tiers: /, ""));
    return { input, result: withInputNotes(input, outcome.result) };
  }
  let table: TableStream | undefined;
  const evidence = keep === "reread" ? new SourceEvidence() : undefined;
  const input: GradedInput = await streamInput(args.file, (dateSystem) => {
    table = new TableStream({ ...options, dateSystem: options.dateSystem ?? dateSystem }, args.mapping);
    if (!evidence) return { rows: (rows) => table!.push(rows), restart: () => table!.restart(), expect: (rows) => table!.expect(rows) };
    return {
      rows: (rows) => {
        table!.push(rows);
        evidence.push(rows, table!.resolvedColumns);
      },
      restart: () => {
        table!.restart();
        evidence.restart();
      },
      expect: (rows) => table!.expect(rows),
    };
  }, readOptions);
  if (!table) throw new Error("the read handed over no rows");
  endProgress(args, table.rowCount);
  const rowsRead = table.rowCount;
  const outcome = table.finish(input.firstRowNumber);
  if (!outcome.ok) throw new InputError(issueLine(input.label, outcome.issues[0], args.lang).replace(/^tiers: /, ""));
  if (evidence) {
    evidence.finish(outcome.result.columns);
    input.source = {
      evidence,
      reread: async (onRows) => {
        const again = await rereadInput(args.file, input, onRows, readOptions);
        if (again !== rowsRead) throw new InputError(`${input.label}: the file changed while it was read (${rowsRead} rows graded, ${again} read again for the workbook's data sheet); nothing was written over`, `${input.label}：文件在读取期间被改动（分级时 ${rowsRead} 行，为工作簿的数据表再次读取时 ${again} 行）`);
      },
    };
  }
  return { input, result: withInputNotes(input, outcome.result) };
}

/** What the reader assumed (the sheet chosen, other sheets, merged cells), said with the engine's notes. */
function withInputNotes(input: InputInfo, result: GradeResult): GradeResult {
  // In a log of several sheets the engine's "Header found on row N" counts every sheet's title rows
  // above the first header; the reader's own note says where they are instead.
  if (input.origin) result.notes = result.notes.filter((n) => n.code !== "header_row_found");
  if (input.notes?.length) result.notes.unshift(...input.notes.map((n) => ({ code: "input", ...n })));
  return result;
}

/** Several sheets as one log: the issue's row named as the sheet's own row. */
function traced(input: InputInfo, issue: InputIssue): InputIssue {
  const at = input.origin && issue.row > 0 ? input.origin(issue.row) : undefined;
  if (!at) return issue;
  return { row: at.row, column: issue.column, code: issue.code, message: `sheet "${at.sheet}": ${cliText(issue, "en")}`, zh: issue.zh ? `工作表“${at.sheet}”：${cliText(issue, "zh")}` : undefined };
}

function endProgress(args: CommonArgs, rows: number): void {
  if (showProgress(args) && rows > 100000) process.stderr.write("\n");
}

export async function run(argv: string[]): Promise<number> {
  let args: CommonArgs;
  try {
    args = parseCommonArgs(argv);
  } catch (err) {
    process.stderr.write(`tiers grade: ${(err as Error).message}\n${commandUsage("grade")}`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(commandHelp("grade"));
    return 0;
  }
  const out = args.out;
  const format = out ? outputFormat(out) : undefined;
  if (out && !format) {
    process.stderr.write(`tiers grade: --out must end in .csv, .json or .xlsx (got ${out})\n`);
    return 2;
  }
  if (args.values.formulas && format !== "xlsx") {
    process.stderr.write(`tiers grade: --formulas needs --out FILE.xlsx\n`);
    return 2;
  }
  if (args.values.formulas && (args.options.method === "ntile" || args.options.method === "rfm")) {
    process.stderr.write(`tiers grade: --formulas works with --method quantile (PERCENTILE.INC + COUNTIF), not ${args.options.method}\n`);
    return 2;
  }
  if (out && path.resolve(out) === path.resolve(args.file)) {
    process.stderr.write(`tiers grade: --out ${out} is the input file; choose another name (the input is never overwritten)\n`);
    return 2;
  }
  try {
    const { input, result } = await gradeFile(args, format === "xlsx" ? "reread" : false);
    const extra = await extraColumns(args, result);
    if (!extra.ok) {
      process.stderr.write(`tiers: ${input.label}: ${extra.message}\n`);
      return 2;
    }
    if (extra.note) process.stderr.write(`tiers: ${input.label}: ${extra.note}\n`);
    const lang = args.lang;
    const readLine = input.csvFormat ? formatLine(input.csvFormat, lang) + "\n" : "";
    if (!out) {
      process.stderr.write(readLine + summaryText(result, lang));
      return 0;
    }
    if (format === "xlsx") {
      const refusal = sheetRowsRefusal(result, args.lang);
      if (refusal) {
        process.stderr.write(`tiers: ${input.label}: ${refusal}\n`);
        return 2;
      }
      await writeWorkbook(out, input, result, args, extra.extras);
    }
    else {
      const header = [...CUSTOMER_COLUMNS, ...extra.columns.header];
      const rows = customerRows(result, lang);
      if (extra.columns.header.length) result.outputOrder.forEach((c, k) => rows[k].push(...extra.columns.values(c)));
      if (format === "csv") await fs.promises.writeFile(out, csvText(header, rows, Boolean(args.values["csv-raw"])), "utf8");
      else await fs.promises.writeFile(out, JSON.stringify({ ...jsonOutput(result, header, rows, lang), input: inputJson(input) }, null, 1) + "\n", "utf8");
    }
    if (args.values.quiet) return 0;
    process.stderr.write(`${readLine}graded ${result.summary.customers} customers (${result.report.included} of ${result.report.rowsRead} rows) → ${path.resolve(out)}\n`);
    for (const note of result.notes) process.stderr.write(`note: ${cliText(note, lang)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      process.stderr.write(`tiers: ${(args.lang === "zh" && err instanceof InputError && err.zh) || err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function outputFormat(file: string): "csv" | "json" | "xlsx" | undefined {
  const ext = path.extname(file).toLowerCase();
  return ext === ".csv" ? "csv" : ext === ".json" ? "json" : ext === ".xlsx" ? "xlsx" : undefined;
}

/**
 * Columns that options add after the SPEC ones. Each feature (CLV, clusters, trend) plugs in here.
 */
async function extraColumns(args: CommonArgs, result: GradeResult): Promise<{ ok: true; columns: ExtraColumns; extras: PlanExtras; note?: string } | { ok: false; message: string }> {
  const parts: ExtraColumns[] = [];
  const extras: PlanExtras = {};
  let note: string | undefined;
  if (args.values.clv) {
    const clv = clvForResult(result, { unit: (args.values.period as PeriodUnit | undefined) ?? "day", model: args.values.model as PurchaseModel | undefined });
    if (!clv.ok) {
      // The pane adds a note and writes the rest; so does the CLI, unless --strict.
      if (args.values.strict) return { ok: false, message: `no CLV: ${clv.message}` };
      note = args.lang === "zh" ? `未计算客户终身价值（输出中没有 CLV 列）：${clv.zh}（加 --strict 则以退出码 2 结束）` : `no CLV columns: ${clv.message} (the output is written without them; --strict makes this an error)`;
    } else {
      const { pAlive, expectedPurchases90d, expectedSpend, clv: value } = clv.columns;
      const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
      parts.push({
        header: ["p_alive", "expected_purchases_90d", "expected_spend", "clv_12m"],
        values: (c) => (Number.isFinite(pAlive[c]) ? [r6(pAlive[c]), r6(expectedPurchases90d[c]), r6(expectedSpend[c]), r6(value[c])] : [null, null, null, null]),
      });
      extras.clv = { columns: clv.columns, tiers: clvTiers(result, value) };
      if (clv.columns.notes.length) note = clv.columns.notes.map((n) => (args.lang === "zh" ? n.zh : n.message)).join(" ");
    }
  }
  if (typeof args.values.levels === "string" || typeof args.values["levels-on"] === "string") {
    if (typeof args.values.levels !== "string") return { ok: false, message: "--levels-on goes with --levels NAME:THRESHOLD,…" };
    const parsed = parseLevels(args.values.levels, typeof args.values["levels-on"] === "string" ? args.values["levels-on"] : undefined);
    if (!parsed.ok) return { ok: false, message: `--${parsed.message}` };
    const levels = memberLevels(result, parsed.ladder);
    const { level, ladder } = levels;
    extras.levels = levels;
    parts.push({ header: ["member_level"], values: (c) => [level[c] === NO_GRADE ? null : ladder.names[level[c]]] });
  }
  if (typeof args.values.by === "string") {
    const breakdown = customerDimensions(result);
    if (breakdown) {
      const { value, values } = breakdown;
      extras.breakdown = breakdown;
      parts.push({ header: ["dimension"], values: (c) => [value[c] < 0 ? null : values[value[c]]] });
    }
  }
  if (typeof args.values.clusters === "string") {
    const k = args.values.clusters === "auto" ? undefined : Number(args.values.clusters);
    if (k !== undefined && !(Number.isInteger(k) && k >= 1 && k <= 20)) return { ok: false, message: `--clusters takes a whole number from 1 to 20 (got ${args.values.clusters})` };
    const clustering = clusterCustomers(result, { k });
    if (!clustering) return { ok: false, message: "no clusters: fewer than 3 customers" };
    parts.push({ header: ["cluster"], values: (c) => [clustering.cluster[c] === NO_GRADE ? null : clustering.profiles[clustering.cluster[c]].name[args.lang]] });
    extras.clustering = clustering;
  }
  if (args.values.trend) {
    const trends = customerTrends(result);
    parts.push({ header: ["trend", "activity_index"], values: (c) => (trends.trend[c] === NO_GRADE ? [null, null] : [labelText(TRENDS, trends.trend[c], args.lang), activityValue(trends.activity[c])]) });
    extras.trends = trends;
  }
  return {
    ok: true,
    columns: { header: parts.flatMap((p) => p.header), values: (c) => parts.flatMap((p) => p.values(c)) },
    extras,
    note,
  };
}

/** The version in package.json (two folders up from both src/cli/ and the compiled lib/cli/). */
function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version;
}

/** The workbook: the plan the add-in writes, walked by the .xlsx writer, with its native charts. */
async function writeWorkbook(out: string, input: GradedInput, result: GradeResult, args: CommonArgs, extras: PlanExtras): Promise<void> {
  const left = dataSheetLeftOut(result, args.lang, input.sheetName);
  if (left) result.notes.push({ code: "data_sheet_left_out", ...left.note });
  await writePlanXlsx(out, workbookPlan(input, result, args, extras, left?.method), { onProgress: writeReporter(args), addCharts: addChartsToZip });
}

/**
 * A log of more data rows than a sheet holds: the data sheet is left out (not continued on
 * "Transactions (2)", …). Each row's grades are its customer's, which the Customers sheet has for
 * every row; a sheet per million rows would make a workbook of gigabytes of sheet XML that Excel
 * opens in minutes, if at all, and that no filter, sort or pivot table spans. Said on stderr and on
 * the Method sheet.
 */
function dataSheetLeftOut(result: GradeResult, lang: Lang, sheetName: string | undefined): { note: { message: string; zh: string }; method: [string, string] } | undefined {
  const rows = result.transactions.rowCount;
  const room = SHEET_ROWS - (result.columns.hasHeader ? 1 : 0);
  if (rows <= room) return undefined;
  const n = (v: number) => v.toLocaleString("en-US");
  const data = { en: sheetName ?? DATA_SHEET.en, zh: sheetName ?? DATA_SHEET.zh };
  const message = `the "${data.en}" sheet is left out: ${n(rows)} data rows do not fit one Excel sheet (${n(room)} at most${result.columns.hasHeader ? " under the header" : ""}). "${CUSTOMERS_SHEET.en}", "${SUMMARY_SHEET.en}" and "${METHOD_SHEET.en}" cover every row; a row's grades are its customer's (look them up in "${CUSTOMERS_SHEET.en}" by customer id)`;
  const zh = `未写入“${data.zh}”工作表：${n(rows)} 行数据超出 Excel 单个工作表的容量（${result.columns.hasHeader ? "标题行下" : ""}最多 ${n(room)} 行）。“${CUSTOMERS_SHEET.zh}”“${SUMMARY_SHEET.zh}”“${METHOD_SHEET.zh}”工作表涵盖全部行；每行的等级就是其客户的等级（可按客户ID在“${CUSTOMERS_SHEET.zh}”表中查找）`;
  return { note: { message, zh }, method: lang === "zh" ? [`“${data.zh}”工作表`, zh] : [`The "${data.en}" sheet`, message.charAt(0).toUpperCase() + message.slice(1) + "."] };
}

/** More customers than the Customers sheet holds: refused before anything is written (rare: a million customers). */
function sheetRowsRefusal(result: GradeResult, lang: Lang): string | undefined {
  const customers = result.outputOrder.length;
  if (customers < SHEET_ROWS) return undefined;
  const n = (v: number) => v.toLocaleString("en-US");
  return lang === "zh"
    ? `${n(customers)} 个客户超出 Excel 单个工作表的容量（标题行下最多 ${n(SHEET_ROWS - 1)} 行），未写入工作簿；--out 文件.csv 可写出全部客户`
    : `${n(customers)} customers do not fit the ${CUSTOMERS_SHEET.en} sheet (an Excel sheet holds ${n(SHEET_ROWS - 1)} rows under its header); no workbook written — --out FILE.csv writes every customer`;
}

function workbookPlan(input: GradedInput, result: GradeResult, args: CommonArgs, extras: PlanExtras, dataNote?: [string, string]): WorkbookPlan {
  if (!input.cells && !input.source) throw new Error("the workbook output needs the source rows (gradeFile with keep)");
  return buildWorkbookPlan(result, {
    lang: args.lang,
    source: dataNote ? undefined : { cells: input.cells, rows: input.source, sheetName: input.sheetName },
    extras,
    formulas: Boolean(args.values.formulas),
    method: { generated: new Date().toISOString().slice(0, 10), version: packageVersion(), source: input.label, notes: dataNote ? [dataNote] : undefined },
  });
}

/** The plan `tiers grade ARGS --out x.xlsx` writes, without writing it (the both-writers test renders it through the add-in's writer too). */
export async function cliWorkbookPlan(argv: string[]): Promise<WorkbookPlan> {
  const args = parseCommonArgs(argv);
  const { input, result } = await gradeFile(args, true);
  const extra = await extraColumns(args, result);
  if (!extra.ok) throw new Error(extra.message);
  return workbookPlan(input, result, args, extra.extras);
}

/** How the input was read (--json `input`): every assumption that changed what was read. */
function inputJson(input: InputInfo) {
  return { file: input.label, format: input.format, sheet: input.sheetName, ...(input.csvFormat ?? {}) };
}

function jsonOutput(result: GradeResult, header: readonly string[], rows: OutCell[][], lang: "en" | "zh") {
  return {
    asOf: asOfText(result),
    options: result.options,
    rows: result.report,
    notes: cliNotes(result.notes),
    summary: summaryTables(result, lang),
    customers: rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]]))),
  };
}

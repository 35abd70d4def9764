/** `tiers grade`: read a transaction file, grade it, print a summary or write CSV / JSON / XLSX. */
import * as path from "path";
import * as fs from "fs";
import { CUSTOMER_COLUMNS, customerRows, type OutCell } from "../engine/report/customerTable";
import { asOfText, gradeTable, type GradeResult } from "../engine/grade/pipeline";
import { issueMessage, type InputIssue, type Lang } from "../engine/types";
import { parseCommonArgs, UsageError, type CommonArgs } from "./args";
import { InputError, readInput, type InputTable } from "./input";
import { summaryTables } from "../engine/report/reportTables";
import { summaryText } from "./summaryText";
import { csvText } from "./writeCsv";
import { writeXlsx } from "./writeXlsx";
import { commandHelp, commandUsage } from "./usage";
import { clvForResult, type PurchaseModel } from "../engine/clv";
import { clusterCustomers } from "../engine/cluster";
import { memberLevels, parseLevels } from "../engine/grade/memberLevels";
import { labelText, NO_GRADE } from "../engine/labels";
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
  return `tiers: ${label}${where ? `: ${where}` : ""}: ${issueMessage(issue, lang)}`;
}

/** Shows progress on stderr for big files when stderr is a terminal. */
export function progressReporter(label: string): ((rows: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (rows) => {
    if (rows >= 100000) process.stderr.write(`\rreading ${label}: ${rows.toLocaleString("en-US")} rows`);
  };
}

/** Reads and grades a file as the arguments say; throws InputError/UsageError with one-line messages. */
export async function gradeFile(args: CommonArgs, keepAllColumns = false): Promise<{ input: InputTable; result: GradeResult }> {
  const input = await readInput(args.file, { sheet: args.sheet, mapping: args.mapping, keepAllColumns, onProgress: progressReporter(args.file) });
  if (process.stderr.isTTY && input.cells.length > 100000) process.stderr.write("\n");
  const options = { ...args.options };
  if (options.dateSystem === undefined) options.dateSystem = input.dateSystem;
  const outcome = gradeTable({ cells: input.cells, mapping: args.mapping }, options);
  if (!outcome.ok) throw new InputError(issueLine(input.label, outcome.issues[0], args.lang).replace(/^tiers: /, ""));
  return { input, result: outcome.result };
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
    const { input, result } = await gradeFile(args, format === "xlsx");
    const extra = await extraColumns(args, result);
    if (!extra.ok) {
      process.stderr.write(`tiers: ${input.label}: ${extra.message}\n`);
      return 2;
    }
    const lang = args.lang;
    if (!out) {
      process.stderr.write(summaryText(result, lang));
      return 0;
    }
    const header = [...CUSTOMER_COLUMNS, ...extra.columns.header];
    const rows = customerRows(result, lang);
    if (extra.columns.header.length) result.outputOrder.forEach((c, k) => rows[k].push(...extra.columns.values(c)));
    if (format === "csv") await fs.promises.writeFile(out, csvText(header, rows), "utf8");
    else if (format === "json") await fs.promises.writeFile(out, JSON.stringify(jsonOutput(result, header, rows, lang), null, 1) + "\n", "utf8");
    else await writeXlsx(out, input, result, lang, extra.columns.header.length ? extra.columns : undefined, Boolean(args.values.formulas));
    process.stderr.write(`graded ${result.summary.customers} customers (${result.report.included} of ${result.report.rowsRead} rows) → ${path.resolve(out)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      process.stderr.write(`tiers: ${err.message}\n`);
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
async function extraColumns(args: CommonArgs, result: GradeResult): Promise<{ ok: true; columns: ExtraColumns } | { ok: false; message: string }> {
  const parts: ExtraColumns[] = [];
  if (args.values.clv) {
    const clv = clvForResult(result, { unit: (args.values.period as PeriodUnit | undefined) ?? "day", model: args.values.model as PurchaseModel | undefined });
    if (!clv.ok) return { ok: false, message: `no CLV: ${clv.message}` };
    const { pAlive, expectedPurchases90d, expectedSpend, clv: value } = clv.columns;
    const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
    parts.push({
      header: ["p_alive", "expected_purchases_90d", "expected_spend", "clv_12m"],
      values: (c) => (Number.isFinite(pAlive[c]) ? [r6(pAlive[c]), r6(expectedPurchases90d[c]), r6(expectedSpend[c]), r6(value[c])] : [null, null, null, null]),
    });
  }
  if (typeof args.values.levels === "string" || typeof args.values["levels-on"] === "string") {
    if (typeof args.values.levels !== "string") return { ok: false, message: "--levels-on goes with --levels NAME:THRESHOLD,…" };
    const parsed = parseLevels(args.values.levels, typeof args.values["levels-on"] === "string" ? args.values["levels-on"] : undefined);
    if (!parsed.ok) return { ok: false, message: `--${parsed.message}` };
    const { level, ladder } = memberLevels(result, parsed.ladder);
    parts.push({ header: ["member_level"], values: (c) => [level[c] === NO_GRADE ? null : ladder.names[level[c]]] });
  }
  if (typeof args.values.clusters === "string") {
    const k = args.values.clusters === "auto" ? undefined : Number(args.values.clusters);
    if (k !== undefined && !(Number.isInteger(k) && k >= 1 && k <= 20)) return { ok: false, message: `--clusters takes a whole number from 1 to 20 (got ${args.values.clusters})` };
    const clustering = clusterCustomers(result, { k });
    if (!clustering) return { ok: false, message: "no clusters: fewer than 3 customers" };
    parts.push({ header: ["cluster"], values: (c) => [clustering.cluster[c] === NO_GRADE ? null : clustering.profiles[clustering.cluster[c]].name[args.lang]] });
  }
  if (args.values.trend) {
    const trends = customerTrends(result);
    parts.push({ header: ["trend", "activity_index"], values: (c) => (trends.trend[c] === NO_GRADE ? [null, null] : [labelText(TRENDS, trends.trend[c], args.lang), activityValue(trends.activity[c])]) });
  }
  return {
    ok: true,
    columns: { header: parts.flatMap((p) => p.header), values: (c) => parts.flatMap((p) => p.values(c)) },
  };
}

function jsonOutput(result: GradeResult, header: readonly string[], rows: OutCell[][], lang: "en" | "zh") {
  return {
    asOf: asOfText(result),
    options: result.options,
    rows: result.report,
    summary: summaryTables(result, lang),
    customers: rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]]))),
  };
}

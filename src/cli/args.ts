/** Command-line options shared by the `tiers` commands, parsed with node's util.parseArgs. */
import * as path from "path";
import { parseArgs, type ParseArgsConfig } from "util";
import type { MappingOverride } from "../engine/read/mapping";
import type { PartialOptions } from "../engine/grade/options";
import type { Lang } from "../engine/common/types";
import { PURCHASE_MODELS } from "../engine/clv";
import { parseBreaks } from "../engine/grade/breaksSpec";

/** Options every command that reads transactions accepts. */
export const INPUT_OPTIONS = {
  sheet: { type: "string" },
  customer: { type: "string" },
  date: { type: "string" },
  amount: { type: "string" },
  quantity: { type: "string" },
  price: { type: "string" },
  order: { type: "string" },
  status: { type: "string" },
  "order-type": { type: "string" },
  "sale-status": { type: "string" },
  "exclude-status": { type: "string" },
  returns: { type: "string" },
  "amount-per": { type: "string" },
  exclude: { type: "string" },
  by: { type: "string" },
  "as-of": { type: "string" },
  bins: { type: "string" },
  method: { type: "string" },
  breaks: { type: "string" },
  levels: { type: "string" },
  "csv-raw": { type: "boolean" },
  "levels-on": { type: "string" },
  "zero-amounts": { type: "string" },
  "date-order": { type: "string" },
  decimal: { type: "string" },
  "date-system": { type: "string" },
  lang: { type: "string" },
  period: { type: "string" },
  out: { type: "string" },
  json: { type: "boolean" },
  clv: { type: "boolean" },
  model: { type: "string" },
  clusters: { type: "string" },
  trend: { type: "boolean" },
  formulas: { type: "boolean" },
  "active-days": { type: "string" },
  "dormant-days": { type: "string" },
  "lost-days": { type: "string" },
  strict: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  encoding: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export class UsageError extends Error {}

/** Text files the CLI reads as CSV (plain or gzipped): they have no sheets. */
const CSV_FILE = /\.(csv|tsv|txt)(\.gz)?$/i;

export interface CommonArgs {
  file: string;
  sheet?: string;
  mapping: MappingOverride;
  options: PartialOptions;
  lang: Lang;
  out?: string;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses argv with the shared input options plus `extra`; throws UsageError with a readable message. */
export function parseCommonArgs(argv: string[], extra: ParseArgsConfig["options"] = {}): CommonArgs {
  let parsed;
  // `--clusters` takes an optional k: without a number after it, k is chosen automatically.
  argv = argv.flatMap((a, i) => (a === "--clusters" && !/^\d+$/.test(argv[i + 1] ?? "") ? ["--clusters", "auto"] : [a]));
  try {
    parsed = parseArgs({ args: argv, options: { ...INPUT_OPTIONS, ...extra }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const [file, ...positionals] = parsed.positionals;
  if (!file && !values.help) throw new UsageError("no input file given");
  if (str("amount") && (str("quantity") || str("price"))) throw new UsageError("give --amount or --quantity with --price, not both");
  if ((str("quantity") === undefined) !== (str("price") === undefined)) throw new UsageError("--quantity and --price go together");
  const mapping: MappingOverride = {};
  for (const field of ["customer", "date", "amount", "quantity", "price", "order", "status"] as const) if (str(field) !== undefined) mapping[field] = str(field)!;
  if (str("order-type") !== undefined) mapping.orderType = str("order-type")!;
  // A breakdown's column: mapped like the others, so a name that is no column is refused by name.
  if (str("by") !== undefined) {
    if (str("by")!.trim() === "") throw new UsageError("--by takes a column name (Country, Region, Channel …)");
    mapping.dimension = str("by")!;
  }

  const options: PartialOptions = {};
  if (str("as-of") !== undefined) options.asOf = str("as-of");
  if (str("bins") !== undefined) {
    const bins = Number(str("bins"));
    if (!Number.isInteger(bins)) throw new UsageError(`--bins must be a whole number from 2 to 10 (got ${str("bins")})`);
    options.bins = bins;
  }
  // Lifecycle windows: numbers here; whole, ≥ 0 and active < dormant < lost are resolveOptions' rules.
  for (const [flag, key] of [["active-days", "activeDays"], ["dormant-days", "dormantDays"], ["lost-days", "lostDays"]] as const) {
    const text = str(flag);
    if (text === undefined) continue;
    if (text.trim() === "" || !Number.isFinite(Number(text))) throw new UsageError(`--${flag} must be a number of days (got ${text})`);
    options.lifecycle = { ...options.lifecycle, [key]: Number(text) };
  }
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const v = str(key);
    if (v === undefined) return undefined;
    if (!allowed.includes(v as T)) throw new UsageError(`--${key} must be ${allowed.join(" or ")} (got ${v})`);
    return v as T;
  };
  options.method = oneOf("method", ["quantile", "ntile", "rfm"] as const);
  if (str("breaks") !== undefined) {
    if (options.method !== undefined) throw new UsageError(`--breaks sets your own breakpoints: leave out --method (got --method ${options.method})`);
    const parsed = parseBreaks(str("breaks")!, options.bins);
    if (!parsed.ok) throw new UsageError(`--${parsed.message}`);
    options.method = "fixed";
    options.fixedBreaks = parsed.breaks;
    options.bins = parsed.bins;
  }
  options.zeroAmounts = oneOf("zero-amounts", ["exclude", "include"] as const);
  options.returns = oneOf("returns", ["exclude", "net"] as const);
  options.amountPer = oneOf("amount-per", ["auto", "order", "line"] as const);
  // Status lists: comma-separated values (`--exclude-status "refunded,交易关闭"`).
  const list = (key: string) => str(key)?.split(",").map((v) => v.trim()).filter(Boolean);
  options.saleStatus = list("sale-status");
  options.excludeStatus = list("exclude-status");
  options.dateOrder = oneOf("date-order", ["dmy", "mdy", "auto"] as const);
  options.decimalMark = oneOf("decimal", [",", ".", "auto"] as const);
  const system = oneOf("date-system", ["1900", "1904"] as const);
  if (system) options.dateSystem = Number(system) as 1900 | 1904;
  const lang = oneOf("lang", ["en", "zh"] as const) ?? "en";
  options.lang = lang;
  const sheet = str("sheet");
  if (sheet !== undefined && file && CSV_FILE.test(file)) {
    const name = path.basename(file);
    throw new UsageError(
      lang === "zh"
        ? `--sheet 用于选择 .xlsx 工作簿中的工作表；${name} 是 CSV 文件（只有一张表，没有工作表）：请去掉 --sheet`
        : `--sheet chooses a sheet of an .xlsx workbook; ${name} is a CSV file (one table, no sheets): leave out --sheet`,
    );
  }
  oneOf("period", ["day", "week"] as const);
  oneOf("model", PURCHASE_MODELS);
  return { file, sheet: str("sheet"), mapping, options, lang, out: str("out"), values, positionals };
}

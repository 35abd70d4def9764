/** Reads a transaction file (CSV, CSV.GZ or XLSX) into the cells the engine grades. */
import * as fs from "fs";
import * as path from "path";
import { resolveColumns, type MappingOverride } from "../engine/read/mapping";
import type { Cell, DateSystem } from "../engine/types";
import { EncodingError, readCsvFile, type CsvFormat, type CsvReadOptions, type CsvTable } from "./csv";
import { bomOf, encodingOption, sniffEncoding, type TextEncoding } from "../engine/read/sniffEncoding";

/** Bad input: a one-line message (English; `zh` the Chinese wording when there is one). */
export class InputError extends Error {
  constructor(message: string, readonly zh?: string) {
    super(message);
  }
}

export interface InputTable {
  /** Header row first, then the data rows. */
  cells: Cell[][];
  /** Name for messages: the file, plus the sheet for workbooks. */
  label: string;
  format: "csv" | "xlsx";
  dateSystem: DateSystem;
  sheetName?: string;
  /** CSV: how the text was read (encoding, delimiter, line ends, sep= line). */
  csvFormat?: CsvFormat;
  /** The row number of cells[0] as the user counts rows (2 when a `sep=` line came first). */
  firstRowNumber: number;
}

export interface ReadInputOptions {
  sheet?: string;
  /** Columns to keep (CSV): only the mapped ones unless every column is needed (XLSX output). */
  mapping?: MappingOverride;
  keepAllColumns?: boolean;
  onProgress?: (rows: number) => void;
  /** `--encoding` as typed (checked here). */
  encoding?: string;
}

/** Reads a file; throws InputError with a one-line message on anything that is not a table. */
export async function readInput(file: string, options: ReadInputOptions = {}): Promise<InputTable> {
  const format = await checkFile(file);
  if (format === "xlsx") return readWorkbook(file, options);
  return readCsvTable(file, options);
}

/** The file's format, after the checks every read makes (exists, not empty, not some other binary). */
async function checkFile(file: string): Promise<"csv" | "xlsx"> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw new InputError(`${file}: no such file`);
  }
  if (!stat.isFile()) throw new InputError(`${file}: not a file`);
  if (stat.size === 0) throw new InputError(`${file}: the file is empty`);
  const format = await sniffFormat(file);
  if (format === "binary") throw new InputError(`${file}: not a CSV or XLSX file`, `${file}：不是 CSV 或 XLSX 文件`);
  return format;
}

/** `--encoding` checked; undefined when not given. */
function encodingOf(options: ReadInputOptions): TextEncoding | undefined {
  if (options.encoding === undefined) return undefined;
  const encoding = encodingOption(options.encoding);
  if (!encoding) throw new InputError(`--encoding must be utf-8, gb18030 (or gbk), utf-16le, utf-16be or windows-1252 (got ${options.encoding})`, `--encoding 只能是 utf-8、gb18030（或 gbk）、utf-16le、utf-16be 或 windows-1252（收到 ${options.encoding}）`);
  return encoding;
}

async function readCsvTable(file: string, options: ReadInputOptions): Promise<InputTable> {
  const encoding = encodingOf(options);
  const table = await readCsv(file, options, encoding);
  return { cells: [table.header, ...table.rows], label: file, format: "csv", dateSystem: 1900, csvFormat: table.format, firstRowNumber: table.format.sepLine ? 2 : 1 };
}

/** What a read tells besides its rows: InputTable without the cells. */
export type InputInfo = Omit<InputTable, "cells">;

/**
 * Where a streaming read hands its rows: in file order (title and header rows first), in batches;
 * `restart` when the read starts over (the rows so far are to be forgotten).
 */
export interface RowSink {
  rows(rows: readonly (readonly Cell[] | undefined)[]): void;
  restart(): void;
}

/** Called by a streaming read once, before its first rows, with the file's date system (workbooks: 1900 or 1904). */
export type OpenSink = (dateSystem: DateSystem) => RowSink;

/**
 * Reads a file as readInput does, but hands the rows to a sink in batches instead of keeping them
 * (CSV and CSV.GZ: as they are parsed, only the mapped columns decoded). Workbooks are read whole
 * and handed over in one batch (a streaming .xlsx reader plugs in here, calling `open` once it knows
 * the workbook's date system). Same checks and messages as readInput; throws InputError.
 */
export async function streamInput(file: string, open: OpenSink, options: ReadInputOptions = {}): Promise<InputInfo> {
  const format = await checkFile(file);
  if (format === "xlsx") {
    const { cells, ...info } = await readWorkbook(file, options);
    open(info.dateSystem).rows(cells);
    return info;
  }
  let sink: RowSink | undefined;
  let headerSent = false;
  const table = await readCsv(file, options, encodingOf(options), {
    onRows: (rows, header) => {
      sink ??= open(1900);
      if (!headerSent) sink.rows([header]);
      headerSent = true;
      sink.rows(rows);
    },
    onRestart: () => {
      sink?.restart();
      headerSent = false;
    },
  });
  if (!headerSent) (sink ?? open(1900)).rows([table.header]);
  return { label: file, format: "csv", dateSystem: 1900, csvFormat: table.format, firstRowNumber: table.format.sepLine ? 2 : 1 };
}

async function readCsv(file: string, options: ReadInputOptions, encoding: TextEncoding | undefined, stream?: Pick<CsvReadOptions, "onRows" | "onRestart">): Promise<CsvTable> {
  let table: CsvTable;
  try {
    table = await readCsvFile(file, {
      keep: options.keepAllColumns ? undefined : (header) => keptColumns(header, options.mapping),
      onProgress: options.onProgress,
      encoding,
      ...stream,
    });
  } catch (err) {
    if (err instanceof EncodingError) throw new InputError(err.message, err.zh);
    throw err;
  }
  if (table.header.every((h) => h.trim() === "")) throw new InputError(`${file}: the file has no header row`, `${file}：文件没有标题行`);
  return table;
}

/** The mapped columns of a header (all of them when the mapping cannot be resolved, so the engine can report why). */
function keptColumns(header: string[], mapping: MappingOverride | undefined): number[] | undefined {
  const { columns } = resolveColumns([header], mapping ?? {}, true);
  if (!columns) return undefined;
  // The first column too: a totals row (合计, Total) may name itself there (SPEC §1 total_row).
  return [0, ...Object.values(columns.mapping).filter((v): v is number => v !== undefined)];
}

async function sniffFormat(file: string): Promise<"csv" | "xlsx" | "binary"> {
  const handle = await fs.promises.open(file, "r");
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0x50 && head[1] === 0x4b) return "xlsx"; // zip container
    if (head[0] === 0x1f && head[1] === 0x8b) return "csv"; // gzip: read as CSV.GZ
    // UTF-16 text (Excel's "Unicode text") has zero bytes; other files with zero bytes are not text.
    if (head.includes(0) && !bomOf(head)?.encoding.startsWith("utf-16") && !sniffEncoding(head, bytesRead < 4096).encoding.startsWith("utf-16")) return "binary";
    return "csv";
  } finally {
    await handle.close();
  }
}

/** Converts an ExcelJS cell value to what Excel's range.values would give. */
export function excelJsValue(value: unknown): Cell {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("result" in v) return excelJsValue(v.result);
    if ("formula" in v || "sharedFormula" in v) return "";
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join("");
    if ("text" in v) return excelJsValue(v.text);
    if ("error" in v) return String(v.error);
  }
  return String(value);
}

async function readWorkbook(file: string, options: ReadInputOptions): Promise<InputTable> {
  const ExcelJS = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (err) {
    throw new InputError(`${file}: not a readable XLSX workbook (${(err as Error).message})`);
  }
  const sheet = options.sheet ? workbook.getWorksheet(options.sheet) : workbook.worksheets.find((w) => w.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(", ");
    throw new InputError(options.sheet ? `${file}: no sheet "${options.sheet}" (sheets: ${names || "none"})` : `${file}: the workbook has no sheets`);
  }
  const cells: Cell[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: Cell[] = new Array(width);
    for (let c = 0; c < width; ++c) values[c] = excelJsValue(row.getCell(c + 1).value);
    cells[rowNumber - 1] = values;
  });
  for (let r = 0; r < cells.length; ++r) if (!cells[r]) cells[r] = new Array(width).fill("");
  if (cells.length === 0) throw new InputError(`${file}: sheet "${sheet.name}" is empty`);
  const date1904 = Boolean((workbook.properties as { date1904?: boolean }).date1904);
  return { cells, label: `${path.basename(file)} [${sheet.name}]`, format: "xlsx", dateSystem: date1904 ? 1904 : 1900, sheetName: sheet.name, firstRowNumber: 1 };
}

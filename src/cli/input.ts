/** Reads a transaction file (CSV, CSV.GZ or XLSX) into the cells the engine grades. */
import * as fs from "fs";
import { resolveColumns, type MappingOverride } from "../engine/read/mapping";
import type { Cell, DateSystem } from "../engine/common/types";
import { EncodingError, readCsvFile, type CsvReadOptions, type CsvTable } from "./csv";
import { InputError, type InputTable } from "./inputTypes";
import { readWorkbook, severalSheets, streamWorkbook, type XlsxReadOptions } from "./readXlsx";
import { bomOf, encodingOption, sniffEncoding, type TextEncoding } from "../engine/read/sniffEncoding";

export { InputError, type InputTable, type InputNote } from "./inputTypes";
export { excelJsValue } from "./readXlsx";

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
  checkSheetOption(file, format, options);
  if (format === "xlsx") return readWorkbook(file, xlsxOptions(options));
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

/** `--sheet` on a file read as CSV (whatever its name): refused, not ignored. */
function checkSheetOption(file: string, format: "csv" | "xlsx", options: ReadInputOptions): void {
  if (format === "csv" && options.sheet !== undefined)
    throw new InputError(`${file}: --sheet chooses a sheet of an .xlsx workbook; this file is read as CSV (one table, no sheets): leave out --sheet`, `${file}：--sheet 用于选择 .xlsx 工作簿中的工作表；此文件按 CSV 读取（只有一张表，没有工作表）：请去掉 --sheet`);
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
  /** How many rows the source will probably hand over (an estimate, for sizing; may not come). */
  expect?(rows: number): void;
}

/** Called by a streaming read once, before its first rows, with the file's date system (workbooks: 1900 or 1904). */
export type OpenSink = (dateSystem: DateSystem) => RowSink;

/**
 * Reads a file as readInput does, but hands the rows to a sink in batches instead of keeping them
 * (CSV and CSV.GZ: as they are parsed, only the mapped columns decoded). Workbooks: one sheet
 * through ExcelJS's streaming reader, batch by batch (`open` called once the workbook's date system
 * is known); several sheets (`--sheet all`, a list) combined first and handed over in one batch. Same checks and messages as readInput; throws InputError.
 */
export async function streamInput(file: string, open: OpenSink, options: ReadInputOptions = {}): Promise<InputInfo> {
  const format = await checkFile(file);
  checkSheetOption(file, format, options);
  if (format === "xlsx") {
    // One sheet streams batch by batch; several sheets are combined into one log first.
    if (!severalSheets(options.sheet)) return streamWorkbook(file, open, xlsxOptions(options));
    const { cells, ...info } = await readWorkbook(file, xlsxOptions(options));
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
    onRowEstimate: (rows) => {
      sink ??= open(1900);
      sink.expect?.(rows);
    },
    onRestart: () => {
      sink?.restart();
      headerSent = false;
    },
  });
  if (!headerSent) (sink ?? open(1900)).rows([table.header]);
  return { label: file, format: "csv", dateSystem: 1900, csvFormat: table.format, firstRowNumber: table.format.sepLine ? 2 : 1 };
}

/**
 * Reads a file a second time, as streamInput read it (same sheet, same encoding), handing every row
 * of it — title and header rows first, every column — to `onRows`; returns the rows handed. For the
 * .xlsx output's data sheet, which copies the source rows without keeping them. A read that would
 * start over (the encoding found only after the head) cannot: the first read's encoding is used.
 */
export async function rereadInput(file: string, first: InputInfo, onRows: (rows: readonly (readonly Cell[] | undefined)[]) => void | Promise<unknown>, options: ReadInputOptions = {}): Promise<number> {
  let rows = 0;
  if (first.format === "xlsx") {
    await streamWorkbook(file, () => ({ rows: (batch) => ((rows += batch.length), onRows(batch)) }), xlsxOptions({ ...options, onProgress: undefined }));
    return rows;
  }
  const encoding = first.csvFormat?.encodingHow === "reread" ? first.csvFormat.encoding : encodingOf(options);
  let headerSent = false;
  const table = await readCsv(file, { ...options, keepAllColumns: true, onProgress: undefined }, encoding, {
    onRows: (batch, header) => {
      if (!headerSent) {
        headerSent = true;
        rows++;
        onRows([header]);
      }
      rows += batch.length;
      return onRows(batch) as Promise<unknown> | undefined;
    },
    onRestart: () => {
      throw new InputError(`${file}: the file changed while it was read (read again for the workbook's data sheet, it no longer decodes as ${first.csvFormat?.encodingName})`, `${file}：文件在读取期间被改动（为工作簿的数据表再次读取时，已不能按 ${first.csvFormat?.encodingName} 解码）`);
    },
  });
  if (!headerSent) {
    onRows([table.header]);
    rows = 1;
  }
  return rows;
}

function xlsxOptions(options: ReadInputOptions): XlsxReadOptions {
  return { sheet: options.sheet, mapping: options.mapping, onProgress: options.onProgress };
}

async function readCsv(file: string, options: ReadInputOptions, encoding: TextEncoding | undefined, stream?: Pick<CsvReadOptions, "onRows" | "onRestart" | "onRowEstimate">): Promise<CsvTable> {
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

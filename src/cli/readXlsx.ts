/**
 * Reads .xlsx input through ExcelJS's streaming reader: rows arrive in batches (memory bounded by
 * the batch, not the sheet), merged cells read as Excel's range.values gives them (the value in the
 * master cell only), text as Excel shows it (xlsxText.ts), sheets in tab order with hidden ones
 * skipped unless named, the sheet with the data found when the first sheet is notes, and several
 * sheets of the same layout graded as one log when asked (`--sheet all`, `--sheet "1月,2月"`).
 */
import * as fs from "fs";
import * as path from "path";
import { Readable } from "stream";
import { findHeaderRow, resolveColumns, type MappingOverride } from "../engine/read/mapping";
import { HEADER_SEARCH_ROWS } from "../engine/read/mapping";
import type { Cell, DateSystem } from "../engine/common/types";
import { InputError, type InputTable, type InputNote } from "./inputTypes";
import { workbookEntriesOf, type WorkbookSheetEntry } from "./xlsxPackage";
import { worksheetText, readSharedStrings } from "./xlsxText";
import { columnLetter } from "../engine/read/headers";

// ExcelJS's own date test and serial conversion, so that formula results get the cell types its
// non-streaming reader gives (it turns a date-formatted formula result into a Date; the streaming
// reader leaves the number).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const excelUtils = require("exceljs/lib/utils/utils") as { isDateFmt(fmt: unknown): boolean; excelToDate(v: number, date1904?: boolean): Date };

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

/** A merged range, 0-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface XlsxSheetInfo {
  name: string;
  /** Rows in the sheet (its last row number; empty rows count). */
  rows: number;
  /** Whether a header naming customer, date and amount columns (or the mapped ones) was found. */
  hasData: boolean;
  /** The mapped columns by header name, for "same layout" (empty without a header). */
  layout: string;
  headerRow: number;
  /** Hidden in Excel (`state="hidden"` or `"veryHidden"`): not chosen by default nor by `--sheet all`. */
  hidden?: boolean;
}

export interface XlsxReadOptions {
  /** `--sheet`: a name, a comma-separated list of names, or "all"; default the first sheet with data. */
  sheet?: string;
  mapping?: MappingOverride;
  onProgress?: (rows: number) => void;
  /** Rows per onRows call. */
  batchRows?: number;
}

export interface XlsxBatch {
  /** The rows as Excel's range.values gives them; every row is as long as the sheet's widest row so far or longer. */
  rows: Cell[][];
  sheet: string;
  /** The sheet row number of rows[0], as the user counts rows (empty rows count). */
  firstRowNumber: number;
  /** The workbook's date system (known before the first batch). */
  dateSystem: DateSystem;
}

export interface XlsxReadResult {
  /** The sheets graded, in the order read. */
  sheets: string[];
  /** Every sheet looked at. */
  looked: XlsxSheetInfo[];
  dateSystem: DateSystem;
  notes: InputNote[];
  /** Cells inside merged ranges of the sheets graded that held values in the file (blanked, as Excel shows them). */
  followerValuesBlanked: number;
}

const SHEET_LIST_SEPARATOR = /[,，]/;

/**
 * Reads the sheets to grade and hands their rows to `onRows` in batches (the rows of a sheet in
 * order; sheets one after another). Refuses (InputError) when no sheet has data or a named sheet
 * is missing.
 */
export async function readXlsxRows(file: string, options: XlsxReadOptions, onRows: (batch: XlsxBatch) => void | Promise<unknown>): Promise<XlsxReadResult> {
  const ExcelJS = await import("exceljs");
  const scan = await scanWorkbook(file);
  const { parts } = scan;
  const wanted = sheetRequest(options.sheet);
  const batchRows = options.batchRows ?? 4096;
  const looked: XlsxSheetInfo[] = [];
  const graded: string[] = [];
  let firstLayout: string | undefined;
  let followerValuesBlanked = 0;
  // Formula cells with no saved result in the sheets graded (read blank, as the file has no value).
  let uncalculated = 0;
  const mergedDown: Record<string, string[]> = {};
  let progressRows = 0;
  let date1904 = false;
  // The first rows of the first non-empty sheet: graded when no sheet has a header, so that the
  // engine's own message says what is missing (one sheet), or named in the refusal (several).
  let firstNonEmpty: { name: string; head: Cell[][] } | undefined;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(partsFirst(file, parts, scan.sheets), { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  readTextAsExcelShowsIt(reader, scan.sharedStrings);
  // ExcelJS names a sheet from xl/workbook.xml; a sheet stored before that entry would fail on its
  // missing model (and keep the name "SheetN"): start from an empty model; sheets are named from
  // our own read of xl/workbook.xml, by part.
  const state = reader as unknown as { model?: { sheets?: unknown[] }; properties?: { model?: { date1904?: boolean } } };
  state.model = { sheets: [] };
  const byPart = new Map(scan.sheets.map((s) => [parts ? s.streamPart : s.part, s]));
  try {
    for await (const ws of reader as AsyncIterable<WorksheetStream>) {
      date1904 = Boolean(state.properties?.model?.date1904);
      const entry = ws.part === undefined ? undefined : byPart.get(ws.part);
      // A worksheet part xl/workbook.xml does not list is not a sheet of the workbook (Excel does not show it).
      if (!entry && scan.sheets.length) continue;
      const name = entry?.name ?? ws.name;
      const hidden = entry !== undefined && entry.state !== "visible";
      const sheetMerges = entry?.merges ?? [];
      const blanker = new MergeBlanker(sheetMerges);
      // The first rows are held until the header is looked for; then the sheet is either graded
      // (rows handed on in batches) or drained.
      const head: Cell[][] = [];
      let decided: "grade" | "skip" | undefined;
      let batch: Cell[][] = [];
      let batchStart = 1;
      let nextRow = 1;
      let sheetUncalculated = 0;
      let sheetBlanked = 0;
      // The first cell naming a shared string the table does not hold: refused if the sheet is graded.
      let sheetMissing: { cell: string; mark: string } | undefined;
      const info: XlsxSheetInfo = { name, rows: 0, hasData: false, layout: "", headerRow: -1, ...(hidden ? { hidden } : {}) };
      // A consumer that returns a promise (the workbook writer, while its zip output is behind) is
      // waited for before the next row is read.
      let waiting: Promise<unknown> | undefined;
      const flush = () => {
        if (batch.length) {
          const consumed = onRows({ rows: batch, sheet: name, firstRowNumber: batchStart, dateSystem: date1904 ? 1904 : 1900 });
          if (consumed) waiting = consumed;
        }
        batch = [];
      };
      const take = (values: Cell[]) => {
        if (decided === "grade") {
          if (batch.length === 0) batchStart = nextRow;
          batch.push(values);
          if (batch.length >= batchRows) flush();
        }
        ++nextRow;
      };
      const decide = () => {
        const columns = resolveColumns(head, options.mapping ?? {}).columns;
        const nonEmpty = head.some((r) => r.some((c) => c !== ""));
        info.hasData = Boolean(columns) && nonEmpty;
        info.headerRow = columns?.headerRow ?? -1;
        if (nonEmpty && firstNonEmpty === undefined && !hidden) firstNonEmpty = { name, head: head.slice() };
        info.layout = columns ? layoutOf(columns.mapping as Record<string, number | undefined>, columns.names) : "";
        let grade: boolean;
        // Hidden sheets (lookup tables, old data) are graded only when named.
        if (wanted === "first") grade = !hidden && info.hasData && graded.length === 0;
        else if (wanted === "all") grade = !hidden && info.hasData && (firstLayout === undefined || info.layout === firstLayout);
        else grade = wanted.some((w) => sameSheetName(w, name));
        if (grade && firstLayout === undefined) firstLayout = info.layout;
        if (grade && columns) {
          // Ranges merged down several rows in a mapped column: said, since the rows under the first read blank.
          const mapped = Object.values(columns.mapping).filter((v): v is number => v !== undefined);
          for (const m of sheetMerges) {
            if (m.bottom <= m.top) continue;
            for (let c = m.left; c <= m.right; ++c) if (mapped.includes(c)) (mergedDown[columns.names[c]] ??= []).push(name);
          }
        }
        decided = grade ? "grade" : "skip";
        if (grade) graded.push(name);
        const held = head.splice(0);
        nextRow = 1;
        for (const r of held) take(r);
      };
      for await (const row of ws) {
        const r = row.number;
        if (!(r >= nextRow + head.length)) throw rowsOutOfOrder(file, name, r, nextRow + head.length - 1);
        while (nextRow + head.length < r) {
          // Empty rows the file leaves out still count (the user's row numbers).
          const blank: Cell[] = [];
          if (decided) take(blank);
          else head.push(blank);
        }
        const n = row.cellCount;
        const values: Cell[] = new Array(n);
        for (let c = 0; c < n; ++c) {
          const cell = row.getCell(c + 1);
          const v = (values[c] = cellValue(cell, date1904));
          if (v === "" && isUncalculated(cell.value)) ++sheetUncalculated;
          else if (typeof v === "string" && v.charCodeAt(0) === 0 && v.startsWith(MISSING_SHARED)) sheetMissing ??= { cell: `${columnLetter(c)}${r}`, mark: v };
        }
        sheetBlanked += blanker.apply(r - 1, values);
        if (decided) take(values);
        else {
          head.push(values);
          if (head.length > HEADER_SEARCH_ROWS) decide();
        }
        if (options.onProgress && ++progressRows % 100000 === 0) options.onProgress(progressRows);
        if (waiting) {
          await waiting;
          waiting = undefined;
        }
      }
      if (!decided) decide();
      flush();
      if (waiting) await waiting;
      if (sheetMissing && decided === "grade") throw missingSharedString(file, name, sheetMissing.cell, sheetMissing.mark, (reader as unknown as ReaderInternals).sharedStrings?.length ?? 0);
      // Said for the sheets graded only: another sheet's cells are no part of the grade.
      if (decided === "grade") {
        uncalculated += sheetUncalculated;
        followerValuesBlanked += sheetBlanked;
      }
      info.rows = nextRow - 1;
      looked.push(info);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const message = (err as Error).message;
    // ExcelJS's words for a cell without its address (r), past the part xlsxText numbers.
    const why = /Invalid Address/.test(message) ? `a cell without its address: ${message}` : message;
    const whyZh = /Invalid Address/.test(message) ? `有单元格缺少地址：${message}` : message;
    throw new InputError(`${file}: not a readable XLSX workbook (${why})`, `${file}：不是可读取的 XLSX 工作簿（${whyZh}）`);
  }
  const base = path.basename(file);
  const names = looked.map((s) => s.name);
  const quoted = (list: string[], sep = ", ") => list.map((s) => `"${s}"`).join(sep);
  if (looked.length === 0 && scan.sheets.length === 0) throw new InputError(`${file}: the workbook has no sheets`, `${file}：工作簿没有工作表`);
  unreadSheets(base, scan.sheets, looked, wanted, graded);
  if (Array.isArray(wanted)) {
    const missing = wanted.filter((w) => !names.some((n) => sameSheetName(w, n)));
    if (missing.length) throw new InputError(`${file}: no sheet ${quoted(missing)} (sheets: ${names.join(", ")})`, `${file}：没有工作表 ${quoted(missing, "、")}（现有工作表：${names.join("、")}）`);
    if (wanted.length > 1) {
      const noHeader = looked.filter((s) => wanted.some((w) => sameSheetName(w, s.name)) && !s.hasData).map((s) => s.name);
      if (noHeader.length) throw new InputError(`${base}: no header with customer, date and amount columns found on sheet ${quoted(noHeader)}; --sheet lists only sheets of transactions`, `${base}：工作表 ${quoted(noHeader, "、")} 中找不到含客户、日期、金额列的标题行；--sheet 只列出交易数据的工作表`);
      const first = looked.find((s) => s.name === graded[0])!;
      const other = looked.filter((s) => wanted.some((w) => sameSheetName(w, s.name)) && s.layout !== first.layout).map((s) => s.name);
      if (other.length) throw new InputError(`${base}: sheet ${quoted(other)} has other columns than "${first.name}"; sheets graded together must have the same columns`, `${base}：工作表 ${quoted(other, "、")} 的列与“${first.name}”不同；一起分级的工作表须有相同的列`);
    }
  }
  const hiddenWithData = looked.filter((s) => s.hidden && s.hasData && !graded.includes(s.name)).map((s) => s.name);
  if (graded.length === 0) {
    const visible = looked.filter((s) => !s.hidden);
    if (hiddenWithData.length) {
      const shown = visible.map((s) => s.name);
      throw new InputError(
        `${base}: no visible sheet has a header with customer, date and amount columns (looked at ${shown.length ? quoted(shown) : "none"}); hidden sheet ${quoted(hiddenWithData)} has one: --sheet "${hiddenWithData[0]}" grades it`,
        `${base}：没有可见的工作表含客户、日期、金额列的标题行（已查看 ${shown.length ? quoted(shown, "、") : "无"}）；隐藏的工作表 ${quoted(hiddenWithData, "、")} 中有：用 --sheet "${hiddenWithData[0]}" 可分级`,
      );
    }
    const nonEmpty = visible.filter((s) => s.rows > 0);
    if (!firstNonEmpty || nonEmpty.length === 0) {
      const hiddenRows = looked.filter((s) => s.hidden && s.rows > 0).map((s) => s.name);
      if (hiddenRows.length) {
        const shown = visible.map((s) => s.name).join(", ");
        throw new InputError(`${file}: every visible sheet is empty (${shown}); hidden sheet ${quoted(hiddenRows)} has rows: --sheet "${hiddenRows[0]}" reads it`, `${file}：所有可见的工作表都是空的（${visible.map((s) => s.name).join("、")}）；隐藏的工作表 ${quoted(hiddenRows, "、")} 中有数据：用 --sheet "${hiddenRows[0]}" 可读取`);
      }
      throw new InputError(`${file}: every sheet is empty (${names.join(", ")})`, `${file}：所有工作表都是空的（${names.join("、")}）`);
    }
    if (nonEmpty.length === 1) {
      onRows({ rows: firstNonEmpty.head, sheet: firstNonEmpty.name, firstRowNumber: 1, dateSystem: date1904 ? 1904 : 1900 });
      return { sheets: [firstNonEmpty.name], looked, dateSystem: date1904 ? 1904 : 1900, notes: [], followerValuesBlanked };
    }
    throw new InputError(
      `${base}: no sheet has a header with customer, date and amount columns (looked at ${quoted(names)}); name the sheet with --sheet NAME and the columns with --customer, --date, --amount`,
      `${base}：没有工作表含客户、日期、金额列的标题行（已查看 ${quoted(names, "、")}）；请用 --sheet 指定工作表，并用 --customer、--date、--amount 指定列`,
    );
  }
  const notes: InputNote[] = [];
  const firstIndex = looked.findIndex((s) => s.name === graded[0]);
  if (wanted === "first" && firstIndex > 0) {
    const skipped = looked.slice(0, firstIndex).filter((s) => s.rows > 0 && !s.hidden).map((s) => s.name);
    if (skipped.length) notes.push({
      message: `sheet ${quoted(skipped)} has no header with customer, date and amount columns; graded sheet "${graded[0]}" (--sheet NAME to choose another)`,
      zh: `工作表 ${quoted(skipped, "、")} 中没有含客户、日期、金额列的标题行；已分级工作表“${graded[0]}”（用 --sheet 指定其他工作表）`,
    });
  }
  const gradedLayout = looked[firstIndex].layout;
  const same = looked.filter((s) => s.hasData && !s.hidden && !graded.includes(s.name) && s.layout === gradedLayout).map((s) => s.name);
  if (same.length && wanted !== "all") {
    notes.push({
      message: `sheet${same.length > 1 ? "s" : ""} ${same.join(", ")} ${same.length > 1 ? "have" : "has"} the same columns; --sheet all grades them together`,
      zh: `工作表 ${same.join("、")} 的列与“${graded[0]}”相同；用 --sheet all 可一起分级`,
    });
  }
  if (wanted === "all") {
    const other = looked.filter((s) => s.hasData && !s.hidden && !graded.includes(s.name)).map((s) => s.name);
    if (other.length) notes.push({ message: `--sheet all: sheet ${quoted(other)} has other columns; not graded`, zh: `--sheet all：工作表 ${quoted(other, "、")} 的列不同，未分级` });
  }
  if (!Array.isArray(wanted) && hiddenWithData.length) {
    const several = hiddenWithData.length > 1;
    notes.push({
      message: `hidden sheet${several ? "s" : ""} ${quoted(hiddenWithData)} not graded (hidden sheets are skipped); --sheet "${hiddenWithData[0]}" grades ${several ? "one" : "it"}`,
      zh: `隐藏的工作表 ${quoted(hiddenWithData, "、")} 未分级（隐藏的工作表不参与分级）；用 --sheet "${hiddenWithData[0]}" 可分级`,
    });
  }
  const mergedColumns = Object.keys(mergedDown);
  if (mergedColumns.length) {
    const ranges = Math.max(...mergedColumns.map((c) => mergedDown[c].length));
    notes.push({
      message: `${mergedColumns.join(", ")}: merged down several rows (${ranges} range${ranges > 1 ? "s" : ""}); read as Excel reads them, the value in the first row of each range only — the rows under it read blank`,
      zh: `${mergedColumns.join("、")}：有跨多行的合并单元格（${ranges} 处）；按 Excel 的读法，只有每个合并区域的第一行有值，下面的行读作空白`,
    });
  }
  if (followerValuesBlanked) {
    notes.push({
      message: `${followerValuesBlanked} cell${followerValuesBlanked > 1 ? "s" : ""} inside merged ranges held values; read blank, as Excel shows them (the value of a merged range is its top-left cell's)`,
      zh: `合并单元格区域中有 ${followerValuesBlanked} 个非左上角单元格带有值；按 Excel 的显示读作空白（合并区域的值取左上角单元格）`,
    });
  }
  if (uncalculated) {
    notes.push({
      message: `${uncalculated} formula cell${uncalculated > 1 ? "s have" : " has"} no saved result (the program that wrote the workbook did not calculate ${uncalculated > 1 ? "them" : "it"}); read blank — open the workbook in Excel or LibreOffice and save it to calculate them`,
      zh: `有 ${uncalculated} 个公式单元格没有保存计算结果（生成工作簿的程序没有计算公式）；读作空白——请用 Excel 或 LibreOffice 打开并保存以计算结果`,
    });
  }
  return { sheets: graded, looked, dateSystem: date1904 ? 1904 : 1900, notes, followerValuesBlanked };
}

/**
 * A worksheet ExcelJS's streaming reader never emitted (it reads only parts named
 * xl/worksheets/sheetN.xml; others are renamed in the stream, but not when the zip's entries could
 * not be laid out) is refused when it could be the one to grade: named by --sheet, or a visible
 * sheet before the chosen one (or any, for --sheet all).
 */
function unreadSheets(base: string, sheets: readonly ScannedSheet[], looked: readonly XlsxSheetInfo[], wanted: "first" | "all" | string[], graded: readonly string[]): void {
  const seen = new Set(looked.map((s) => s.name));
  const firstGraded = sheets.findIndex((s) => s.name === graded[0]);
  const blocking = sheets.filter((s, k) => {
    if (seen.has(s.name)) return false;
    if (Array.isArray(wanted)) return wanted.some((w) => sameSheetName(w, s.name));
    if (s.state !== "visible") return false;
    return wanted === "all" || firstGraded < 0 || k < firstGraded;
  });
  if (blocking.length === 0) return;
  const list = blocking.map((s) => `"${s.name}" (${s.part})`);
  throw new InputError(
    `${base}: sheet ${list.join(", ")} could not be read: this reader reads worksheet parts named xl/worksheets/sheetN.xml only; open the workbook in Excel or LibreOffice and save it again`,
    `${base}：无法读取工作表 ${list.join("、")}：本程序只能读取名为 xl/worksheets/sheetN.xml 的工作表部件；请用 Excel 或 LibreOffice 打开后重新保存`,
  );
}

/** Reads an .xlsx file into the table the engine grades (all rows collected; see readXlsxRows). */
export async function readWorkbook(file: string, options: XlsxReadOptions): Promise<InputTable> {
  const perSheet = new Map<string, { rows: Cell[][]; width: number }>();
  const result = await readXlsxRows(file, options, (batch) => {
    let sheet = perSheet.get(batch.sheet);
    if (!sheet) perSheet.set(batch.sheet, (sheet = { rows: [], width: 0 }));
    for (const r of batch.rows) {
      if (r.length > sheet.width) sheet.width = r.length;
      sheet.rows.push(r);
    }
  });
  const base = path.basename(file);
  const dateSystem = result.dateSystem;
  if (result.sheets.length === 1) {
    const name = result.sheets[0];
    const sheet = perSheet.get(name);
    if (!sheet || sheet.rows.every((r) => r.every((c) => c === ""))) throw new InputError(`${file}: sheet "${name}" is empty`, `${file}：工作表“${name}”是空的`);
    return { cells: padRows(sheet.rows, sheet.width), label: `${base} [${name}]`, format: "xlsx", dateSystem, sheetName: name, firstRowNumber: 1, notes: result.notes };
  }
  return combineSheets(base, result, perSheet, options.mapping);
}

/**
 * Streams one sheet (the one --sheet names, or the first with data) to `open(dateSystem).rows` in
 * batches, as readWorkbook reads it, without keeping the rows.
 */
export async function streamWorkbook(file: string, open: (dateSystem: DateSystem) => { rows(rows: Cell[][]): void | Promise<unknown> }, options: XlsxReadOptions): Promise<Omit<InputTable, "cells">> {
  let sink: { rows(rows: Cell[][]): void | Promise<unknown> } | undefined;
  let anyValue = false;
  const result = await readXlsxRows(file, options, (batch) => {
    sink ??= open(batch.dateSystem);
    if (!anyValue) anyValue = batch.rows.some((r) => r.some((c) => c !== ""));
    return sink.rows(batch.rows);
  });
  const name = result.sheets[0];
  if (!anyValue) throw new InputError(`${file}: sheet "${name}" is empty`, `${file}：工作表“${name}”是空的`);
  return { label: `${path.basename(file)} [${name}]`, format: "xlsx", dateSystem: result.dateSystem, sheetName: name, firstRowNumber: 1, notes: result.notes };
}

/** Whether `--sheet` asks for several sheets as one log ("all", or a list of names). */
export function severalSheets(sheet: string | undefined): boolean {
  const request = sheetRequest(sheet);
  return request === "all" || (Array.isArray(request) && request.length > 1);
}

/**
 * Several sheets as one log: the first sheet's title rows and header, then every sheet's rows —
 * a later sheet's header is written as the first sheet's (so it is excluded as `header_row`), its
 * title rows cut off (counted as `title_row`). Two columns, sheet and row, are added at the end so
 * that each row stays traceable; row numbers in messages are rows of this combined log, and a note
 * says which rows came from which sheet.
 */
function combineSheets(base: string, result: XlsxReadResult, perSheet: Map<string, { rows: Cell[][]; width: number }>, mapping: MappingOverride | undefined): InputTable {
  const width = Math.max(...result.sheets.map((s) => perSheet.get(s)?.width ?? 0));
  const cells: Cell[][] = [];
  const origins: { from: number; to: number; sheet: string; firstRow: number }[] = [];
  let header: Cell[] | undefined;
  let cutTitleRows = 0;
  let firstHeaderRow = 0;
  for (const name of result.sheets) {
    const rows = perSheet.get(name)?.rows ?? [];
    const headerRow = Math.max(0, findHeaderRow(rows.slice(0, HEADER_SEARCH_ROWS + 1), mapping));
    if (!header) {
      firstHeaderRow = headerRow;
      header = [...pad(rows[headerRow] ?? [], width), "sheet", "row"];
      for (let r = 0; r < headerRow; ++r) cells.push([...pad(rows[r], width), name, r + 1]);
      cells.push(header);
    } else {
      cutTitleRows += headerRow;
      cells.push(header); // this sheet's own header, as a repeated header row (header_row)
    }
    const from = cells.length + 1;
    for (let r = headerRow + 1; r < rows.length; ++r) cells.push([...pad(rows[r], width), name, r + 1]);
    if (cells.length >= from) origins.push({ from, to: cells.length, sheet: name, firstRow: headerRow + 2 });
  }
  const titles = firstHeaderRow + cutTitleRows;
  const legend = origins.map((o) => `rows ${o.from}–${o.to} are sheet "${o.sheet}" rows ${o.firstRow}–${o.firstRow + o.to - o.from}`).join("; ");
  const legendZh = origins.map((o) => `第 ${o.from}–${o.to} 行是工作表“${o.sheet}”的第 ${o.firstRow}–${o.firstRow + o.to - o.from} 行`).join("；");
  const notes: InputNote[] = [
    ...result.notes,
    {
      message: `sheets ${result.sheets.join(", ")} graded as one log (row numbers count through the sheets in that order: ${legend}; columns sheet and row give each row's own)${titles ? `; ${titles} title row${titles > 1 ? "s" : ""} above the sheets' headers not graded (title_row)` : ""}`,
      zh: `工作表 ${result.sheets.join("、")} 合并为一份记录分级（行号按这些工作表依次连续计数：${legendZh}；sheet 与 row 两列给出每行原来的工作表和行号）${titles ? `；各工作表表头之上的 ${titles} 行标题行（title_row）不参与分级` : ""}`,
    },
  ];
  const origin = (row: number) => {
    const o = origins.find((x) => row >= x.from && row <= x.to);
    return o ? { sheet: o.sheet, row: o.firstRow + row - o.from } : undefined;
  };
  return { cells, label: `${base} [${result.sheets.join(", ")}]`, format: "xlsx", dateSystem: result.dateSystem, sheetName: result.sheets.join(", "), firstRowNumber: 1, notes, titleRows: cutTitleRows, origin };
}

function pad(row: readonly Cell[], width: number): Cell[] {
  const out = row.slice();
  while (out.length < width) out.push("");
  return out;
}

function padRows(rows: Cell[][], width: number): Cell[][] {
  for (const r of rows) while (r.length < width) r.push("");
  return rows;
}

/** Excel's sheet names are unique regardless of case ("Orders" and "orders" cannot both exist): `--sheet orders` names "Orders". */
function sameSheetName(asked: string, name: string): boolean {
  return asked === name || asked.toLowerCase() === name.toLowerCase();
}

function sheetRequest(sheet: string | undefined): "first" | "all" | string[] {
  if (sheet === undefined || sheet.trim() === "") return "first";
  if (sheet.trim().toLowerCase() === "all") return "all";
  // A sheet whose own name has a comma is named as it is when no list item matches… kept simple:
  // a comma (or a Chinese comma) separates names.
  return sheet.split(SHEET_LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);
}

/** "customer=会员ID|date=日期|amount=金额": the mapped columns of a sheet by header name. */
function layoutOf(mapping: Record<string, number | undefined>, names: string[]): string {
  return Object.keys(mapping)
    .filter((k) => mapping[k] !== undefined)
    .sort()
    .map((k) => `${k}=${names[mapping[k]!]}`)
    .join("|");
}

interface WorksheetStream extends AsyncIterable<RowStream> {
  id: number | string;
  name: string;
  /** The worksheet's part (xl/worksheets/sheetN.xml), set by readTextAsExcelShowsIt. */
  part?: string;
}

/** The parts of ExcelJS's streaming WorkbookReader that readTextAsExcelShowsIt replaces. */
interface ReaderInternals {
  sharedStrings?: unknown[];
  _parseSharedStrings(entry: AsyncIterable<Buffer>): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ eventType: string; value: WorksheetStream }>;
}

/**
 * Makes ExcelJS's streaming reader read text as Excel shows it (see xlsxText.ts): the shared strings
 * are the table read here (`sharedStrings`, from the part the workbook rels name; read from the zip
 * entry when not given), and each worksheet's XML is decoded as one UTF-8 stream with inline strings
 * joined before ExcelJS parses it. Each worksheet it emits is tagged with its part.
 */
function readTextAsExcelShowsIt(reader: unknown, sharedStrings: string[] | undefined): void {
  const r = reader as ReaderInternals;
  const parseWorksheet = r._parseWorksheet;
  if (typeof parseWorksheet !== "function" || typeof r._parseSharedStrings !== "function") throw new Error("ExcelJS's streaming reader changed: _parseWorksheet/_parseSharedStrings not found");
  // Known before the first worksheet arrives, so ExcelJS parses each sheet as it streams (it parks
  // sheets in temp files until it has a shared-string table).
  if (sharedStrings) r.sharedStrings = markMissingSharedStrings(sharedStrings);
  r._parseSharedStrings = async function* (entry) {
    if (!sharedStrings) this.sharedStrings = markMissingSharedStrings(await readSharedStrings(entry));
  };
  r._parseWorksheet = function* (iterator, sheetNo) {
    for (const event of parseWorksheet.call(this, worksheetText(iterator), sheetNo)) {
      event.value.part = `xl/worksheets/sheet${sheetNo}.xml`;
      yield event;
    }
  };
}

/**
 * What a cell whose shared-string index is past the table's end reads as: ExcelJS gives `undefined`,
 * a blank cell, so a damaged file would lose ids or amounts silently. The table's prototype answers
 * for indexes it does not hold with this mark and the index (indexes it holds never reach it).
 */
const MISSING_SHARED = "\u0000missing shared string ";

function markMissingSharedStrings(table: string[]): string[] {
  const answer = new Proxy(Array.prototype, {
    get: (target, key, receiver) => (typeof key === "string" && /^\d+$/.test(key) ? MISSING_SHARED + key : Reflect.get(target, key, receiver)),
  });
  Object.setPrototypeOf(table, answer);
  return table;
}

function missingSharedString(file: string, sheet: string, cell: string, mark: string, size: number): InputError {
  const index = mark.slice(MISSING_SHARED.length);
  return new InputError(
    `${path.basename(file)}: sheet "${sheet}", cell ${cell}: the cell names shared string ${index}, but the workbook's table of shared strings holds ${size} (0–${size - 1}): the file is damaged; open it in Excel or LibreOffice and save it again`,
    `${path.basename(file)}：工作表“${sheet}”单元格 ${cell}：引用第 ${index} 号共享字符串，但工作簿的共享字符串表只有 ${size} 个（0–${size - 1}）：文件已损坏；请用 Excel 或 LibreOffice 打开后重新保存`,
  );
}

function rowsOutOfOrder(file: string, sheet: string, row: number, after: number): InputError {
  const at = Number.isFinite(row) ? `row ${row} comes after row ${after}` : `a row without a row number comes after row ${after}`;
  const atZh = Number.isFinite(row) ? `第 ${row} 行排在第 ${after} 行之后` : `第 ${after} 行之后有一行没有行号`;
  return new InputError(
    `${path.basename(file)}: sheet "${sheet}": ${at} in the file (rows out of order, not as Excel writes them); open the workbook in Excel or LibreOffice and save it again`,
    `${path.basename(file)}：工作表“${sheet}”：文件中${atZh}（行的顺序错乱，不是 Excel 的写法）；请用 Excel 或 LibreOffice 打开后重新保存`,
  );
}

interface RowStream {
  number: number;
  cellCount: number;
  getCell(c: number): { value: unknown; numFmt?: unknown };
}

function cellValue(cell: { value: unknown; numFmt?: unknown }, date1904: boolean): Cell {
  const v = cell.value;
  if (v !== null && typeof v === "object" && !(v instanceof Date)) {
    const result = (v as { result?: unknown }).result;
    // As the non-streaming reader: a date-formatted formula result is a date.
    if (typeof result === "number" && excelUtils.isDateFmt(cell.numFmt)) return excelUtils.excelToDate(result, date1904);
  }
  return excelJsValue(v);
}

/** A formula cell the file holds no result for (ExcelJS gives `{ formula }` without `result`). */
function isUncalculated(value: unknown): boolean {
  return value !== null && typeof value === "object" && !(value instanceof Date) && ("formula" in value || "sharedFormula" in value) && !("result" in value);
}

/** Blanks the cells of merged ranges other than the top-left one, row by row. */
class MergeBlanker {
  private readonly byTop: MergeRange[];
  private next = 0;
  private active: MergeRange[] = [];

  constructor(ranges: MergeRange[]) {
    this.byTop = ranges.slice().sort((a, b) => a.top - b.top);
  }

  /** Blanks followers in row `r` (0-based; rows come in increasing order); returns how many held a value. */
  apply(r: number, values: Cell[]): number {
    if (this.byTop.length === 0) return 0;
    while (this.next < this.byTop.length && this.byTop[this.next].top <= r) this.active.push(this.byTop[this.next++]);
    if (this.active.length === 0) return 0;
    this.active = this.active.filter((m) => m.bottom >= r);
    let blanked = 0;
    for (const m of this.active) {
      for (let c = m.left; c <= m.right && c < values.length; ++c) {
        if (r === m.top && c === m.left) continue;
        if (values[c] !== "" && values[c] !== undefined) ++blanked;
        values[c] = "";
      }
    }
    return blanked;
  }
}

/** A zip entry's bytes in the file (local header, data and any data descriptor). */
interface ZipPart {
  path: string;
  start: number;
  end: number;
}

/**
 * Parts ExcelJS's streaming reader must have seen before a worksheet. When a worksheet comes first
 * in the zip (ExcelJS writes them so, and so does Excel), the reader parks it in a temp file and
 * parses it after the last entry — and on a busy machine its entry iteration can end right after
 * that worksheet, so the shared strings and styles are never read: every text cell came out as
 * "[object Object]" and date formats were lost (seen in CI).
 */
const CENTRAL_DIRECTORY = "\u0000central";

const PARTS_FIRST = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml"];

/**
 * The workbook's zip entries as raw bytes, PARTS_FIRST first, then the rest in file order, then the
 * central directory: the same entries (nothing inflated or re-deflated), in an order that lets
 * ExcelJS parse each worksheet as it arrives.
 */
function partsFirst(file: string, parts: ZipPart[] | undefined, sheets: readonly { part: string; streamPart?: string }[] = []): string | Readable {
  if (!parts || parts.length === 0) return file;
  // Then the worksheets in tab order (ExcelJS emits sheets in the order it meets them), then the
  // rest; the central directory last.
  const tab = new Map(sheets.map((s, k) => [s.part, k]));
  const rank = (p: ZipPart) => {
    const k = PARTS_FIRST.indexOf(p.path);
    if (k >= 0) return k;
    const t = tab.get(p.path);
    if (t !== undefined) return PARTS_FIRST.length + t;
    return p.path === CENTRAL_DIRECTORY ? Infinity : PARTS_FIRST.length + tab.size;
  };
  const ordered = parts.slice().sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  const renamed = new Map(sheets.filter((s) => s.streamPart && s.streamPart !== s.part).map((s) => [s.part, s.streamPart!]));
  async function* bytes() {
    for (const p of ordered) {
      if (p.end <= p.start) continue;
      const name = renamed.get(p.path);
      if (name) yield* renamedEntry(file, p, name);
      else yield* fs.createReadStream(file, { start: p.start, end: p.end - 1 });
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

/**
 * A zip entry with another file name in its local header (the name's length updated; the rest —
 * extra field, compressed data, data descriptor — byte for byte).
 */
async function* renamedEntry(file: string, part: ZipPart, name: string): AsyncGenerator<Buffer> {
  const handle = await fs.promises.open(file, "r");
  let header: Buffer;
  try {
    header = (await handle.read(Buffer.alloc(30), 0, 30, part.start)).buffer;
  } finally {
    await handle.close();
  }
  if (header.readUInt32LE(0) !== 0x04034b50) throw new InputError(`${file}: the zip entry ${part.path} has no local header`, `${file}：压缩包条目 ${part.path} 缺少本地文件头`);
  const oldLength = header.readUInt16LE(26);
  const bytes = Buffer.from(name, "utf8");
  header.writeUInt16LE(bytes.length, 26);
  yield header;
  yield bytes;
  yield* fs.createReadStream(file, { start: part.start + 30 + oldLength, end: part.end - 1 });
}

/** Worksheet parts ExcelJS's streaming reader reads: it passes over any other name. */
const EXCELJS_WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** A sheet of the workbook, in tab order, with its merged ranges. */
interface ScannedSheet extends WorkbookSheetEntry {
  merges: MergeRange[];
  /**
   * The part name ExcelJS is given: the part's own when ExcelJS reads that name, else a free
   * xl/worksheets/sheetN.xml (the entry renamed in the stream; some producers name parts otherwise).
   */
  streamPart: string;
}

/**
 * The workbook's worksheets in tab order (name, part, hidden state, merged ranges), its shared
 * strings, and the zip's entries as byte ranges. <mergeCells> comes after the rows in the sheet XML,
 * so it is found in this first, cheap pass (inflate and a byte search; no XML parse) — then the rows
 * can be blanked as they stream.
 */
async function scanWorkbook(file: string): Promise<{ sheets: ScannedSheet[]; sharedStrings?: string[]; parts?: ZipPart[] }> {
  // unzipper is what ExcelJS's streaming reader itself unzips with; its central-directory reader
  // opens one entry at a time.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const unzipper = require("unzipper") as { Open: { file(f: string): Promise<{ files: ZipEntry[]; offsetToStartOfCentralDirectory: number }> } };
  let directory;
  try {
    directory = await unzipper.Open.file(file);
  } catch (err) {
    throw new InputError(`${file}: not a readable XLSX workbook (${(err as Error).message})`, `${file}：不是可读取的 XLSX 工作簿（${(err as Error).message}）`);
  }
  const entry = (p: string) => directory.files.find((f) => f.path === p);
  const parts = zipParts(directory.files, directory.offsetToStartOfCentralDirectory, (await fs.promises.stat(file)).size);
  const workbookXml = entry("xl/workbook.xml");
  const relsXml = entry("xl/_rels/workbook.xml.rels");
  if (!workbookXml || !relsXml) return { sheets: [], parts };
  const book = workbookEntriesOf((await workbookXml.buffer()).toString("utf8"), (await relsXml.buffer()).toString("utf8"));
  const sheets: ScannedSheet[] = [];
  let free = 1 + Math.max(0, ...directory.files.map((f) => Number(/sheet(\d+)\.xml$/.exec(f.path)?.[1] ?? 0)));
  for (const sheet of book.sheets) {
    const sheetEntry = sheet.worksheet ? entry(sheet.part) : undefined;
    if (!sheetEntry) continue;
    const streamPart = EXCELJS_WORKSHEET.test(sheet.part) ? sheet.part : `xl/worksheets/sheet${free++}.xml`;
    sheets.push({ ...sheet, merges: await mergesOf(sheetEntry.stream()), streamPart });
  }
  const stringsEntry = book.sharedStrings ? entry(book.sharedStrings) : undefined;
  // No shared-string part (a workbook of numbers and inline strings): an empty table.
  const sharedStrings = stringsEntry ? await readSharedStrings(stringsEntry.stream() as AsyncIterable<Buffer>) : [];
  return { sheets, sharedStrings, parts };
}

/** Each entry's byte range (to the next entry's local header), and the central directory to the end of the file as a last part. */
function zipParts(files: ZipEntry[], centralDirectory: number, size: number): ZipPart[] | undefined {
  const starts = files.map((f) => ({ path: f.path, start: f.offsetToLocalFileHeader })).sort((a, b) => a.start - b.start);
  if (starts.some((p) => !Number.isFinite(p.start)) || !(centralDirectory <= size)) return undefined;
  const parts: ZipPart[] = starts.map((p, k) => ({ ...p, end: k + 1 < starts.length ? starts[k + 1].start : centralDirectory }));
  // The central directory goes last (sorted after every named part by its start).
  parts.push({ path: CENTRAL_DIRECTORY, start: centralDirectory, end: size });
  return parts;
}

interface ZipEntry {
  path: string;
  offsetToLocalFileHeader: number;
  stream(): NodeJS.ReadableStream;
  buffer(): Promise<Buffer>;
}


const MARK = Buffer.from("mergeCell");

async function mergesOf(stream: NodeJS.ReadableStream): Promise<MergeRange[]> {
  let carry: Buffer = Buffer.alloc(0);
  let text = "";
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (text) {
      text += chunk.toString("latin1");
      continue;
    }
    const window = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const at = window.indexOf(MARK);
    if (at >= 0) text = window.subarray(Math.max(0, at - 4)).toString("latin1");
    else carry = window.subarray(Math.max(0, window.length - MARK.length));
  }
  const ranges: MergeRange[] = [];
  const re = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const left = columnIndex(m[1]);
    const top = Number(m[2]) - 1;
    const right = m[3] ? columnIndex(m[3]) : left;
    const bottom = m[4] ? Number(m[4]) - 1 : top;
    ranges.push({ top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) });
  }
  return ranges;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export const _forTests = { mergesOf, MergeBlanker, sheetRequest, scanWorkbook, partsFirst, unreadSheets };

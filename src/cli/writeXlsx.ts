/**
 * The CLI's .xlsx writer: a walker of the workbook plan (src/engine/report/workbookPlan.ts) with
 * ExcelJS's streaming writer, so a 500k-row log is written row by row in bounded memory. The plan
 * decides every title, format, width and chart; this file only translates. ExcelJS's streaming
 * writer has no Excel tables and no charts: the table parts are added to the package afterwards
 * (xlsxTables.ts), and the chart parts by xlsxCharts.ts.
 */
import * as fs from "fs";
import { Readable } from "stream";
import {
  blockDataTop,
  blockHeight,
  blockRow,
  blockRowCount,
  blockWidth,
  cellKind,
  columnAt,
  isFormula,
  isLargeBlock,
  NUMBER_FORMATS,
  SHEET_ROWS,
  type Block,
  type ColumnKind,
  type PlanCell,
  type SheetPlan,
  type WorkbookPlan,
} from "../engine/report/workbookPlan";
import { textWidth } from "../engine/report/planLayout";
import { ascii, XmlByteWriter, type ByteSink } from "./xlsxRows";
import JSZip from "jszip";
import { addTablesToZip, REL_TABLE, type LinkSpec, type TableSpec } from "./xlsxTables";
import { writePackageOver } from "./xlsxPackage";

/** Called as rows are written: the sheet, rows done and rows in it. */
export type WriteProgress = (sheet: string, done: number, total: number) => void;

const EPOCH_1900 = 25569; // serial of 1970-01-01
const DATE_KINDS = new Set<ColumnKind>(["date", "datetime"]);
/** A plan date (epoch days, fraction = time) as a 1900-system serial; Excel's fictitious 1900-02-29 puts earlier dates one lower. */
const serial = (days: number) => {
  const s = days + EPOCH_1900;
  return s < 61 ? s - 1 : s;
};

type XlsxValue = string | number | boolean | null | { formula: string };

function xlsxValue(cell: PlanCell, kind: ColumnKind): XlsxValue {
  if (cell === null || cell === undefined || cell === "") return null; // an empty text is an empty cell, as Excel's values API writes it
  if (isFormula(cell)) return { formula: cell.formula };
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return null;
    return DATE_KINDS.has(kind) ? serial(cell) : cell;
  }
  return cell; // strings are written as text: never a formula (SPEC §8)
}

/** Excel column letters of a 0-based index. */
export function columnLetters(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const ref = (top: number, left: number, rows: number, cols: number) => `${columnLetters(left)}${top + 1}:${columnLetters(left + cols - 1)}${top + rows}`;

export interface WriteXlsxOptions {
  onProgress?: WriteProgress;
  /** Adds the plan's charts to the written package (src/cli/xlsxCharts.ts addChartsToZip); without it the charts are left out. */
  addCharts?: (zip: JSZip, charts: { sheet: string; chart: SheetPlan["charts"][number] }[]) => Promise<void>;
}

/** Writes the plan to `file`. */
export async function writePlanXlsx(file: string, plan: WorkbookPlan, options: WriteXlsxOptions = {}): Promise<void> {
  const ExcelJS = await import("exceljs");
  // Level 1 is archiver's default; 256 KB output chunks (zlib's default is 16 KB) mean fewer round trips
  // between the thread that deflates and this one for the data sheet's hundreds of MB (~5% of the time).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 1, chunkSize: 256 * 1024 } } });
  streamSharedStrings(workbook);
  const sheets = plan.sheets.filter((s) => !s.existing);
  // A sheet past Excel's last row is a file Excel refuses or cuts: the caller must split or leave it out.
  for (const sheet of sheets) {
    const bottom = Math.max(0, ...sheet.blocks.map((b) => b.top + blockHeight(b)));
    if (bottom > SHEET_ROWS) throw new Error(`sheet "${sheet.name}" would have ${bottom} rows; an Excel sheet holds ${SHEET_ROWS}`);
  }
  const active = Math.max(0, sheets.findIndex((s) => s.name === plan.activeSheet));
  workbook.views = [{ x: 0, y: 0, width: 28000, height: 16000, firstSheet: 0, activeTab: active, visibility: "visible" }];
  const tables: TableSpec[] = [];
  const links: LinkSpec[] = [];
  for (const sheet of sheets) {
    const specs = sheet.blocks.filter((b) => b.table).map((b, k) => ({ ...tableSpec(sheet, b), id: tables.length + k + 1 }));
    const referenced = await writeSheet(workbook, sheet, options.onProgress, specs.length === 1 ? specs[0] : undefined);
    for (const spec of specs) tables.push(referenced ? { ...spec, referenced: true } : spec);
    for (const link of sheet.links) links.push({ sheet: sheet.name, ref: `${columnLetters(link.col)}${link.row + 1}`, location: `${sheetReference(link.toSheet)}!${link.toCell}`, display: linkText(sheet, link.row, link.col) ?? undefined });
  }
  await workbook.commit();
  const charts = sheets.flatMap((s) => s.charts.map((chart) => ({ sheet: s.name, chart })));
  if (!tables.length && !links.length && !(charts.length && options.addCharts)) return;
  // Tables, links and charts in one load of the package; the result streams to a file beside it.
  const zip = await JSZip.loadAsync(await fs.promises.readFile(file));
  if (tables.length || links.length) await addTablesToZip(zip, tables, links);
  if (charts.length && options.addCharts) await options.addCharts(zip, charts);
  await writePackageOver(zip, file);
}

/** The parts of ExcelJS's streaming workbook writer that streamSharedStrings replaces (exceljs 4.4). */
interface SharedStringsInternals {
  sharedStrings?: { count: number; values: unknown[] };
  zip?: { append(source: Readable, options: { name: string }): unknown };
  addSharedStrings?: () => Promise<void>;
}

// ExcelJS's own XML writer and shared-string element, so that the part is the bytes ExcelJS writes.
const XmlStream = require("exceljs/lib/utils/xml-stream") as { new (): { xml: string; openXml(attributes: unknown): void; openNode(name: string, attributes?: Record<string, unknown>): void; closeNode(): void }; StdDocAttributes: unknown };
const SharedStringXform = require("exceljs/lib/xlsx/xform/strings/shared-string-xform") as new () => { render(xml: InstanceType<typeof XmlStream>, value: unknown): void };

/**
 * Makes the writer stream xl/sharedStrings.xml to the zip in pieces of 8,192 strings, not render it
 * as one string at commit: a million-row sheet of text ids has a million shared strings, whose XML as
 * one string (and the pieces it is joined from) was the workbook's peak memory. Left as ExcelJS does
 * it when its internals are not as expected.
 */
function streamSharedStrings(workbook: unknown): void {
  const w = workbook as SharedStringsInternals;
  if (!w.sharedStrings || typeof w.zip?.append !== "function" || typeof w.addSharedStrings !== "function") return;
  w.addSharedStrings = function (this: SharedStringsInternals) {
    const table = this.sharedStrings!;
    if (table.count) this.zip!.append(Readable.from(sharedStringsXml(table)), { name: "/xl/sharedStrings.xml" });
    return Promise.resolve();
  };
}

export function* sharedStringsXml(table: { count: number; values: unknown[] }): Generator<Buffer> {
  const head = new XmlStream();
  head.openXml(XmlStream.StdDocAttributes);
  head.openNode("sst", { xmlns: "http://schemas.openxmlformats.org/spreadsheetml/2006/main", count: table.count, uniqueCount: table.values.length });
  // The open <sst …> tag as ExcelJS writes it (its writer closes the tag once a child or text follows).
  yield Buffer.from(`${head.xml.replace(/\/>$/, "")}>`);
  const item = new SharedStringXform();
  for (let from = 0; from < table.values.length; from += 8192) {
    const part = new XmlStream();
    for (const value of table.values.slice(from, from + 8192)) item.render(part, value);
    yield Buffer.from(part.xml);
  }
  yield Buffer.from("</sst>");
}

/** A sheet name as a reference writes it: quoted, quotes doubled. */
const sheetReference = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** The text the plan puts at a cell of a small-block sheet (a link's display text), or null. */
function linkText(sheet: SheetPlan, row: number, col: number): string | null {
  for (const b of sheet.blocks) {
    if (isLargeBlock(b) || row < b.top || row >= b.top + blockHeight(b) || col < b.left || col >= b.left + blockWidth(b)) continue;
    if (b.title && row === b.top) return col === b.left ? b.title : null;
    const k = b.columns.findIndex((_, j) => columnAt(b, j) === col);
    if (k < 0) return null;
    const v = row < blockDataTop(b) ? b.columns[k].title : blockRow(b, row - blockDataTop(b))[k];
    return v === null || v === undefined || isFormula(v) ? null : String(v);
  }
  return null;
}

function tableSpec(sheet: SheetPlan, block: Block): TableSpec {
  const top = block.top + (block.title ? 1 : 0);
  return { sheet: sheet.name, name: block.table!, ref: ref(top, block.left, 1 + Math.max(1, blockRowCount(block)), blockWidth(block)), columns: block.columns.map((c) => c.title) };
}

type Worksheet = ReturnType<InstanceType<typeof import("exceljs").stream.xlsx.WorkbookWriter>["addWorksheet"]>;

/**
 * Writes one sheet. `table`: the sheet's one Excel table, if it has one; returns whether the sheet's
 * XML already references it (a big block: see referenceTable), so that only its part is left to add.
 */
async function writeSheet(workbook: InstanceType<typeof import("exceljs").stream.xlsx.WorkbookWriter>, sheet: SheetPlan, onProgress?: WriteProgress, table?: TableSpec): Promise<boolean> {
  const freeze = sheet.freeze;
  const small = !(sheet.blocks.length === 1 && isLargeBlock(sheet.blocks[0]));
  const ws: Worksheet = workbook.addWorksheet(sheet.name, {
    // Report sheets print landscape, one page wide.
    ...(small ? { pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } } : {}),
    views: [freeze && (freeze.rows || freeze.cols) ? { state: "frozen", xSplit: freeze.cols, ySplit: freeze.rows, topLeftCell: `${columnLetters(freeze.cols)}${freeze.rows + 1}`, activeCell: "A1" } : { state: "normal" }],
  });
  // Widths: the sheet's, then each block column's (widest wins).
  const widths: number[] = [];
  for (const [k, w] of Object.entries(sheet.widths ?? {})) widths[Number(k)] = w;
  for (const b of sheet.blocks) b.columns.forEach((c, k) => c.width !== undefined && !(c.span && c.span > 1) && (widths[columnAt(b, k)] = Math.max(widths[columnAt(b, k)] ?? 0, c.width)));
  // A column the plan does not size keeps Excel's default, as in the add-in. ExcelJS drops a width of
  // exactly 9 as its default (Excel's is 8.43), so a planned 9 is written a hair wider.
  ws.columns = Array.from({ length: widths.length }, (_, k) => ({ width: widths[k] === 9 ? 9.001 : widths[k] }));

  const blocks = [...sheet.blocks].sort((a, b) => a.top - b.top);
  // One big block alone on its sheet (data, Customers): formats set once per column, rows added as arrays.
  const big = blocks.length === 1 && isLargeBlock(blocks[0]) && blocks[0].top === 0 && blocks[0].left === 0 && !blocks[0].title;
  if (big) await writeBigBlock(ws, workbook as unknown as WriterInternals, blocks[0], sheet.name, onProgress);
  else writeSmallBlocks(ws, blocks, widths, new Set(sheet.links.map((l) => `${l.row},${l.col}`)));
  const referenced = big && table !== undefined && referenceTable(ws, table);

  for (const cf of sheet.conditionalFormats) {
    const r = cf.range;
    const address = ref(r.top, r.left, r.rows, r.cols);
    if (cf.type === "colorScale")
      ws.addConditionalFormatting({
        ref: address,
        rules: [{ type: "colorScale", priority: 1, cfvo: cf.colors.length === 3 ? [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }] : [{ type: "min" }, { type: "max" }], color: cf.colors.map((c) => ({ argb: `FF${c}` })) } as never],
      });
    else ws.addConditionalFormatting({ ref: address, rules: [{ type: "dataBar", priority: 1, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: `FF${cf.color}` } } as never] });
  }
  ws.commit();
  return referenced;
}

/** The parts of ExcelJS's streaming sheet writer that referenceTable uses (exceljs 4.4). */
interface SheetCloseInternals {
  _sheetRelsWriter?: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeLegacyData?: () => void;
  _write?: (text: string) => void;
}

/**
 * Makes the sheet being streamed reference its table: a relationship to xl/tables/tableN.xml and
 * `<tableParts>` written as the sheet closes (after legacyDrawing, its CT_Worksheet place; ExcelJS
 * writes no extLst). The big sheets (the data sheet, Customers) are hundreds of MB of XML: adding the
 * element afterwards meant inflating the whole sheet into one string. False when ExcelJS's internals
 * are not as expected: then addTablesToZip adds the reference as for any sheet.
 */
function referenceTable(ws: Worksheet, table: TableSpec): boolean {
  const internals = ws as unknown as SheetCloseInternals;
  const legacy = internals._writeLegacyData;
  if (typeof internals._sheetRelsWriter?.addRelationship !== "function" || typeof legacy !== "function" || typeof internals._write !== "function") return false;
  const rId = internals._sheetRelsWriter.addRelationship({ Type: REL_TABLE, Target: `../tables/table${table.id}.xml` });
  internals._writeLegacyData = function (this: SheetCloseInternals) {
    legacy.call(this);
    this._write!(`<tableParts count="1"><tablePart r:id="${rId}"/></tableParts>`);
  };
  return true;
}

const FONT = "Calibri";
const HEADER_FONT = { name: FONT, size: 11, bold: true };
const TITLE_FONT = { name: FONT, size: 13, bold: true };
const LINE_HEIGHT = 15;
/** Excel's Hyperlink cell style: blue, underlined. */
const LINK_FONT = { color: { argb: "FF0563C1" }, underline: true };

/** Lines a wrapped text takes in a column `width` characters wide (greedy word wrap; CJK breaks anywhere). */
export function linesOf(text: string, width: number): number {
  const room = Math.max(1, width - 1.5);
  let lines = 0;
  for (const part of text.split("\n")) {
    let line = 0;
    lines += 1;
    for (const word of part.split(/(?<=[ \u3000-\u303f\uff00-\uffef])|(?=[\u2e80-\u9fff])/)) {
      const w = textWidth(word) * (/[\u2e80-\u9fff\uff00-\uffef]/.test(word) ? 0.9 : 1.0);
      if (line > 0 && line + w > room) {
        lines += 1;
        line = 0;
      }
      line += w;
      while (line > room) {
        lines += 1;
        line -= room;
      }
    }
  }
  return lines;
}
const HEADER_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFDEEAF6" } };

/** The parts of ExcelJS's streaming writer the fast row path uses (exceljs 4.4); absent → ExcelJS rows. */
interface WriterInternals {
  styles?: { addStyleModel(model: { numFmt?: string }, cellType?: number): number };
  sharedStrings?: { add(value: string): number };
}
interface SheetInternals {
  stream?: { write(chunk: Buffer): unknown; batch?: boolean; pipes?: unknown[] };
  startedData?: boolean;
}

const ROW_OPEN = ascii('<row r="');
const ROW_OPEN_END = ascii('">');
const ROW_CLOSE = ascii("</row>");
const NUMBER_OPEN = ascii("><v>");
const SHARED_OPEN = ascii(' t="s"><v>');
const VALUE_CLOSE = ascii("</v></c>");
const TRUE_CELL = ascii(' t="b"><v>1</v></c>');
const FALSE_CELL = ascii(' t="b"><v>0</v></c>');
const FORMULA_OPEN = ascii("><f>");
const FORMULA_CLOSE = ascii("</f></c>");

/**
 * One big block alone on its sheet (the data sheet, Customers). ExcelJS builds a cell object per
 * cell, which made the Online Retail workbook take minutes; here the header (and its styles) go
 * through ExcelJS and the rows are written as sheet XML bytes (xlsxRows.ts) into ExcelJS's own sheet
 * stream, with its shared strings and its style ids — the same XML ExcelJS writes, without the
 * objects and without building it as strings.
 */
async function writeBigBlock(ws: Worksheet, workbook: WriterInternals, block: Block, sheetName: string, onProgress?: WriteProgress): Promise<void> {
  const kinds = block.columns.map((c) => c.kind);
  const formats = kinds.map((k) => NUMBER_FORMATS[k]);
  formats.forEach((format, k) => format !== "General" && (ws.getColumn(k + 1).numFmt = format));
  const n = blockRowCount(block);
  const internals = ws as unknown as SheetInternals;
  const fast = typeof internals.stream?.write === "function" && typeof workbook.styles?.addStyleModel === "function" && typeof workbook.sharedStrings?.add === "function";
  if (block.header !== false) {
    const header = ws.addRow(block.columns.map((c) => c.title));
    header.font = HEADER_FONT;
    header.commit();
  }
  const viaExcelJs = (row: PlanCell[]) => ws.addRow(row.map((v, k) => xlsxValue(v, kinds[k] ?? "text"))).commit();
  // Decided once the first row (the header, or data row 0 without one) went through ExcelJS.
  let bytes: ((i: number, row: PlanCell[]) => void) | undefined;
  let decided = false;
  let out: XmlByteWriter | undefined;
  const put = (i: number, row: PlanCell[]) => {
    if (i === 0 && block.header === false) viaExcelJs(block.columns.map((_, k) => row[k] ?? null));
    else {
      if (!decided) {
        decided = true;
        if (fast && internals.startedData) ({ bytes, out } = byteRows(internals, workbook, block, kinds, formats));
      }
      if (bytes) bytes(i, row);
      else viaExcelJs(row);
    }
    if (onProgress && (i + 1) % 50_000 === 0) onProgress(sheetName, i + 1, n);
  };
  // Let the zip stream compress what is written, so memory stays bounded.
  const caughtUp = () => zipCaughtUp(internals);
  const full = () => {
    if (!out || out.length < 512 * 1024) return false;
    out.flush();
    return true;
  };
  if (block.rowStream && !block.rowAt) {
    let i = 0;
    await block.rowStream((rows) => {
      for (const row of rows) put(i++, row);
      // A source that cannot wait (a reader calling back synchronously) still gives the zip its turns between its chunks.
      return full() ? caughtUp() : undefined;
    });
  } else
    for (let i = 0; i < n; ++i) {
      put(i, blockRow(block, i));
      if (full()) await caughtUp();
    }
  // The number formats are registered as styles even when there is no row (as they always were).
  if (!decided && block.header !== false && fast && internals.startedData) byteRows(internals, workbook, block, kinds, formats);
  out?.flush();
  if (onProgress) onProgress(sheetName, n, n);
}

/** Sheet XML the zip may hold uncompressed before the writer waits for it. */
const ZIP_BACKLOG = 8 << 20;

/**
 * Resolves once the zip has taken in most of what was written: ExcelJS's sheet stream hands its
 * chunks to the zip entry's stream without heeding backpressure, so without this wait a fast
 * source (a CSV read again) piles up the whole sheet's XML there (230 MB of Online Retail's 500).
 */
function zipCaughtUp(internals: SheetInternals): Promise<void> {
  const state = (internals.stream?.pipes?.[0] as { _writableState?: { length?: number } } | undefined)?._writableState;
  const backlog = () => (typeof state?.length === "number" ? state.length : 0);
  if (backlog() < ZIP_BACKLOG) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const check = () => (backlog() < ZIP_BACKLOG / 2 ? resolve() : setTimeout(check, 2));
    setTimeout(check, 2);
  });
}

/**
 * The rows as sheet XML bytes into ExcelJS's sheet stream, with its shared strings and its style
 * ids (set up once ExcelJS has written the sheet's first row).
 */
function byteRows(internals: SheetInternals, workbook: WriterInternals, block: Block, kinds: ColumnKind[], formats: string[]): { bytes: (i: number, row: PlanCell[]) => void; out: XmlByteWriter } {
  const styleIds = formats.map((f) => (f === "General" ? 0 : workbook.styles!.addStyleModel({ numFmt: f }, 2)));
  // Per column: `<c r="B` before the row number, `" s="3"` after it.
  const cellStart = block.columns.map((_, k) => ascii(`<c r="${columnLetters(block.left + k)}`));
  const cellStyle = styleIds.map((id) => ascii(id ? `" s="${id}"` : `"`));
  const shared = workbook.sharedStrings!;
  // ExcelJS's add hashes every string; the same few labels repeat on every row, and a column often
  // repeats the row above (an invoice's lines), so remember ids — first the column's last one.
  const known = new Map<string, number>();
  const counted = shared as unknown as { _totalRefs?: number };
  const lastText: (string | undefined)[] = block.columns.map(() => undefined);
  const lastId: number[] = block.columns.map(() => 0);
  const stringId = (v: string, k: number) => {
    if (v === lastText[k]) {
      if (typeof counted._totalRefs === "number") counted._totalRefs++;
      return lastId[k];
    }
    let id = known.get(v);
    if (id === undefined) {
      id = shared.add(v);
      if (known.size < 200_000) known.set(v, id);
    } else if (typeof counted._totalRefs === "number") counted._totalRefs++;
    lastText[k] = v;
    lastId[k] = id;
    return id;
  };
  // ExcelJS's stream copies a chunk into its own buffers when piped in batch mode; otherwise it may
  // hand the chunk on as is, so it gets a copy (the writer's buffer is reused).
  const stream = internals.stream!;
  const sink: ByteSink = { write: (chunk) => stream.write(stream.batch && stream.pipes?.length ? chunk : Buffer.from(chunk)) };
  const out = new XmlByteWriter(sink);
  const top = block.top + (block.header === false ? 0 : 1) + 1; // 1-based sheet row of data row 0
  const bytes = (i: number, row: PlanCell[]) => {
    const r = top + i;
    out.ensure(32);
    out.bytes(ROW_OPEN);
    out.uint(r);
    out.bytes(ROW_OPEN_END);
    for (let k = 0, width = Math.min(row.length, cellStart.length); k < width; ++k) {
      const v = xlsxValue(row[k], kinds[k]);
      if (v === null) continue;
      const formula = typeof v === "object" ? v.formula : null;
      out.ensure(96 + (formula ? 6 * formula.length : 0));
      out.bytes(cellStart[k]);
      out.uint(r);
      out.bytes(cellStyle[k]);
      if (typeof v === "number") {
        out.bytes(NUMBER_OPEN);
        out.number(v);
        out.bytes(VALUE_CLOSE);
      } else if (typeof v === "string") {
        out.bytes(SHARED_OPEN);
        out.uint(stringId(v, k));
        out.bytes(VALUE_CLOSE);
      } else if (typeof v === "boolean") out.bytes(v ? TRUE_CELL : FALSE_CELL);
      else {
        out.bytes(FORMULA_OPEN);
        out.text(formula!);
        out.bytes(FORMULA_CLOSE);
      }
    }
    out.ensure(8);
    out.bytes(ROW_CLOSE);
  };
  return { bytes, out };
}

/**
 * Sheets of several blocks (Summary, Method): each cell gets its own format, titles and headers bold.
 * Headers and wrapped columns wrap, and their rows get the height their lines need (a file carries
 * row heights; viewers do not all recompute them).
 */
function writeSmallBlocks(ws: Worksheet, blocks: Block[], widths: number[], links: Set<string>): void {
  const bottom = blocks.reduce((m, b) => Math.max(m, b.top + blockHeight(b)), 0);
  for (let r = 0; r < bottom; ++r) {
    const row = ws.getRow(r + 1);
    let used = false;
    let lines = 1;
    const widthOf = (col: number, span = 1) => Array.from({ length: span }, (_, j) => widths[col + j] ?? 9).reduce((a, b) => a + b, 0);
    const wrapped = (text: string, col: number, span?: number) => (lines = Math.max(lines, linesOf(text, widthOf(col, span))));
    const merge = (col: number, span?: number) => span && span > 1 && ws.mergeCells(r + 1, col + 1, r + 1, col + span);
    for (const b of blocks) {
      if (r < b.top || r >= b.top + blockHeight(b)) continue;
      used = true;
      const dataTop = blockDataTop(b);
      if (b.title && r === b.top) {
        const cell = row.getCell(b.left + 1);
        cell.value = b.title;
        cell.font = TITLE_FONT;
      } else if (r < dataTop) {
        b.columns.forEach((c, k) => {
          const at = columnAt(b, k);
          const cell = row.getCell(at + 1);
          cell.value = c.title;
          cell.font = links.has(`${r},${at}`) ? { ...HEADER_FONT, ...LINK_FONT } : HEADER_FONT;
          cell.fill = HEADER_FILL;
          cell.alignment = { wrapText: true, vertical: "top" };
          wrapped(c.title, at, c.span);
          merge(at, c.span);
        });
      } else {
        const i = r - dataTop;
        const values = blockRow(b, i);
        b.columns.forEach((c, k) => {
          const kind = cellKind(b, i, k);
          const value = xlsxValue(values[k] ?? null, kind);
          const at = columnAt(b, k);
          merge(at, c.span);
          if (value === null) return;
          const cell = row.getCell(at + 1);
          cell.value = value;
          if (links.has(`${r},${at}`)) cell.font = { name: FONT, size: 11, ...LINK_FONT };
          const format = NUMBER_FORMATS[kind];
          if (format !== "General" && typeof value !== "string") cell.numFmt = format;
          if (c.wrap && typeof value === "string") {
            cell.alignment = { wrapText: true, vertical: "top" };
            wrapped(value, at, c.span);
          } else cell.alignment = { vertical: "top" };
        });
      }
    }
    if (lines > 1) row.height = lines * LINE_HEIGHT;
    if (used) row.commit();
  }
}

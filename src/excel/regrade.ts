/**
 * Regrade in place. After a grade the add-in records, in the workbook's document settings, what it
 * wrote: the sheets (name, role, the used range, a fingerprint of its cells, its tables and charts)
 * and the grade-column range. Grading the same source again finds that record, checks the
 * fingerprints (an edited output is asked about first), and writes into the same sheets and columns.
 *
 * Why document settings (ExcelApi 1.4) and not a hidden sheet or a custom XML part: they travel with
 * the file like the options already kept there, no formula, sort or "Unhide" can reach or break
 * them, and they hold a few hundred bytes per grade (fingerprints, not copies). A hidden sheet could
 * be unhidden and edited; custom XML parts (1.5) would add XML handling for no gain.
 */
import { inBlocks, jsonBytes, rowsPerBlock } from "./chunks";
import { isSetSupported } from "./requirements";
import { readBlockOf, type Block, type SelectionOutcome } from "./selection";
import { boxAddress } from "./writePlan";
import { freeSheetName, officeCellValue } from "./writeBlocks";

export const OUTPUTS_KEY = "customerTiers.outputs";
/** Records kept (one per graded source); the oldest goes first. */
const MAX_RECORDS = 20;

export interface Box {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export interface SheetRecord {
  role: string;
  name: string;
  /** The sheet's used range after writing (0-based). */
  used: Box;
  fingerprint: string;
  tables: { name: string; address: string }[];
  charts: string[];
}

export interface OutputRecord {
  version: 1;
  source: { sheet: string; top: number; left: number; columns: number; headers: string[] };
  asOf: string;
  /** When it was written (ISO time). */
  written: string;
  /** The grade columns: beside the data, or on a Grades sheet the add-in made (then it is also in sheets). */
  gradeColumns: { sheet: string; box: Box; fingerprint: string } | null;
  sheets: SheetRecord[];
}

/** The previous grade's outputs, checked: which are still there and which the user changed since. */
export interface PreviousOutputs {
  record: OutputRecord;
  /** Sheets still in the workbook (by role). */
  present: Map<string, SheetRecord>;
  /** Outputs changed since they were written: sheet names, or the grade-column address. */
  edited: string[];
  gradeColumnsPresent: boolean;
}

const sameSource = (a: OutputRecord["source"], b: OutputRecord["source"]) =>
  a.sheet === b.sheet && a.top === b.top && a.left === b.left && a.columns === b.columns && a.headers.join("\u0000") === b.headers.join("\u0000");

export function sourceOf(block: Block, headers: string[]): OutputRecord["source"] {
  return { sheet: block.sheetName, top: block.top, left: block.left, columns: block.columnCount, headers };
}

export async function loadRecords(context: Excel.RequestContext): Promise<OutputRecord[]> {
  const item = context.workbook.settings.getItemOrNullObject(OUTPUTS_KEY);
  item.load("value");
  await context.sync();
  if (item.isNullObject) return [];
  try {
    const value = typeof item.value === "string" ? JSON.parse(item.value) : item.value;
    return Array.isArray(value) ? value.filter((r) => r && r.version === 1 && r.source && Array.isArray(r.sheets)) : [];
  } catch {
    return []; // not ours or damaged: a regrade then writes new sheets, as a first grade does
  }
}

export async function saveRecord(context: Excel.RequestContext, record: OutputRecord): Promise<void> {
  const records = (await loadRecords(context)).filter((r) => !sameSource(r.source, record.source));
  records.push(record);
  context.workbook.settings.add(OUTPUTS_KEY, JSON.stringify(records.slice(-MAX_RECORDS)));
  await context.sync();
}

/** The record of this source's last grade with what of it is still there and what was edited, or null. */
export async function previousOutputs(context: Excel.RequestContext, source: OutputRecord["source"], signal: AbortSignal): Promise<PreviousOutputs | null> {
  const record = (await loadRecords(context)).find((r) => sameSource(r.source, source));
  if (!record) return null;
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const names = new Set(sheets.items.map((s) => s.name));
  const present = new Map<string, SheetRecord>();
  const edited: string[] = [];
  for (const sheet of record.sheets) {
    if (!names.has(sheet.name)) continue;
    present.set(sheet.role, sheet);
    const used = await usedBox(context, sheet.name);
    if (!used || !sameBox(used, sheet.used) || (await fingerprint(context, sheet.name, sheet.used, signal)) !== sheet.fingerprint) edited.push(sheet.name);
  }
  let gradeColumnsPresent = false;
  const g = record.gradeColumns;
  if (g && names.has(g.sheet)) {
    gradeColumnsPresent = true;
    if ((await fingerprint(context, g.sheet, g.box, signal)) !== g.fingerprint && !edited.includes(g.sheet)) edited.push(`${g.sheet}!${boxAddress(g.box.top, g.box.left, g.box.rows, g.box.cols)}`);
  }
  return { record, present, edited, gradeColumnsPresent };
}

const sameBox = (a: Box, b: Box) => a.top === b.top && a.left === b.left && a.rows === b.rows && a.cols === b.cols;

export async function usedBox(context: Excel.RequestContext, sheetName: string): Promise<Box | null> {
  const used = context.workbook.worksheets.getItem(sheetName).getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  return used.isNullObject ? null : { top: used.rowIndex, left: used.columnIndex, rows: used.rowCount, cols: used.columnCount };
}

/** Rows hashed together: the fingerprint does not depend on how the reads were split into blocks. */
const GROUP_ROWS = 2048;

/**
 * A fingerprint of a box's cells as Excel holds them (`formulas`: constants as values, formulas as
 * their text), read in byte-sized blocks. Each group of rows is hashed with SHA-256 (Web Crypto,
 * native code), and the digest of the groups' digests, in order, is the fingerprint.
 */
export async function fingerprint(context: Excel.RequestContext, sheetName: string, box: Box, signal: AbortSignal): Promise<string> {
  if (box.rows === 0 || box.cols === 0) return "0";
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const encoder = new TextEncoder();
  const digests: Promise<ArrayBuffer>[] = [];
  let pending: string[][] = [];
  const hashGroup = () => {
    digests.push(crypto.subtle.digest("SHA-256", encoder.encode(JSON.stringify(pending))));
    pending = [];
  };
  await inBlocks(context, box.rows, rowsPerBlock([new Array(box.cols).fill("x".repeat(24))]), signal, (start, count) => {
    const range = sheet.getRangeByIndexes(box.top + start, box.left, count, box.cols).load("formulas");
    return () => {
      const rows = range.formulas as unknown[][];
      for (const row of rows) {
        pending.push(row.map(canonical));
        if (pending.length === GROUP_ROWS) hashGroup();
      }
      return jsonBytes(rows);
    };
  });
  if (pending.length) hashGroup();
  const parts = await Promise.all(digests);
  const all = new Uint8Array(parts.length * 32);
  parts.forEach((d, i) => all.set(new Uint8Array(d), i * 32));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A cell's value as text that does not depend on how it was written (an apostrophe prefix, float print). */
function canonical(v: unknown): string {
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "number") return `n${Number(v.toPrecision(15))}`;
  if (typeof v === "boolean") return v ? "t" : "f";
  const s = String(v);
  return `s${s.startsWith("'") ? s.slice(1) : s}`;
}

/**
 * A copy of a box on another sheet, to put back on failure or to keep as a snapshot. Uses
 * Range.copyFrom (ExcelApi 1.9) where the host has it; else the cells go through the add-in.
 */
export interface BoxCopy {
  sheet: string;
  /** Writes the copy back to where it came from. */
  restore(): Promise<void>;
}

export async function copyBox(
  context: Excel.RequestContext,
  from: { sheet: string; box: Box },
  to: { sheet: string; top: number; left: number },
  what: "formulas" | "values",
  signal: AbortSignal,
): Promise<BoxCopy> {
  const { box } = from;
  const source = () => context.workbook.worksheets.getItem(from.sheet).getRangeByIndexes(box.top, box.left, box.rows, box.cols);
  const target = () => context.workbook.worksheets.getItem(to.sheet).getRangeByIndexes(to.top, to.left, box.rows, box.cols);
  if (isSetSupported("ExcelApi", "1.9")) {
    if (what === "formulas") target().copyFrom(source(), "All");
    else {
      target().copyFrom(source(), "Values");
      target().copyFrom(source(), "Formats");
    }
    await context.sync();
    return {
      sheet: to.sheet,
      restore: async () => {
        if (isSetSupported("ExcelApi", "1.9")) source().copyFrom(target(), "All"); // checked above; said again where the call is
        await context.sync();
      },
    };
  }
  // Without copyFrom: read the cells in blocks and write them (number formats are not copied then).
  // Values and formulas both: a formula is a cell whose formula text differs from its value.
  const rows: (string | number | boolean)[][] = new Array(box.rows);
  const sheet = context.workbook.worksheets.getItem(from.sheet);
  await inBlocks(context, box.rows, rowsPerBlock([new Array(box.cols * 2).fill("x".repeat(24))]), signal, (start, count) => {
    const range = sheet.getRangeByIndexes(box.top + start, box.left, count, box.cols).load("values,formulas");
    return () => {
      const values = range.values as (string | number | boolean)[][], formulas = range.formulas as (string | number | boolean)[][];
      values.forEach((row, i) => (rows[start + i] = row.map((v, k) => (what === "formulas" && typeof formulas[i][k] === "string" && String(formulas[i][k]).startsWith("=") && formulas[i][k] !== v ? formulas[i][k] : keepText(v)))));
      return jsonBytes(values) + jsonBytes(formulas);
    };
  });
  const put = async (sheetName: string, top: number, left: number, until: AbortSignal) => {
    const dest = context.workbook.worksheets.getItem(sheetName);
    await inBlocks(context, box.rows, rowsPerBlock(rows.slice(0, 50)), until, (start, count) => {
      const part = rows.slice(start, start + count) as (string | number | boolean)[][];
      context.workbook.application.suspendApiCalculationUntilNextSync();
      dest.getRangeByIndexes(top + start, left, count, box.cols).formulas = part;
      return () => jsonBytes(part);
    });
  };
  await put(to.sheet, to.top, to.left, signal);
  // Putting back runs after a cancel too: it must not stop at the cancelled signal.
  return { sheet: to.sheet, restore: () => put(from.sheet, box.top, box.left, new AbortController().signal) };
}

/** A constant read back, to write through `formulas`: text gets the apostrophe it needs to stay text. */
const keepText = (v: string | number | boolean) => (typeof v === "string" ? officeCellValue(v) : v);

/** A new hidden sheet to keep copies in while replacing, removed after. */
export async function backupSheet(context: Excel.RequestContext): Promise<string> {
  const name = await freeSheetName(context, "Customer Tiers backup");
  const sheet = context.workbook.worksheets.add(name);
  sheet.visibility = "Hidden";
  await context.sync();
  return name;
}

/**
 * A single selected cell expands to its region, and after a grade that region takes in the grade
 * columns written beside the data. When the block is exactly a graded source plus its grade
 * columns, it is narrowed back to the source, so that the regrade reads the same columns.
 */
export async function withoutOwnGradeColumns(context: Excel.RequestContext, outcome: SelectionOutcome): Promise<SelectionOutcome> {
  if (!outcome.ok) return outcome;
  const { block, preview } = outcome;
  const record = (await loadRecords(context)).find((r) => {
    const g = r.gradeColumns;
    return (
      r.source.sheet === block.sheetName && r.source.top === block.top && r.source.left === block.left &&
      g !== null && g.sheet === block.sheetName && g.box.left === block.left + r.source.columns && block.columnCount === r.source.columns + g.box.cols &&
      r.source.headers.join("\u0000") === preview.headers.slice(0, r.source.columns).join("\u0000")
    );
  });
  if (!record) return outcome;
  return readBlockOf(context, block.sheetName, { top: block.top, left: block.left, rows: block.rowCount, cols: record.source.columns }, preview.expandedFrom);
}

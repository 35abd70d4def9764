/** Writing rows to a sheet in blocks under the request limit, with calculation suspended. */
import { excelCellValue } from "../engine/report/cellText";
import { apiFormula } from "../engine/export/formulaSheets";
import { inBlocks, jsonBytes, rowsPerBlock } from "./chunks";

/**
 * Text Excel's values API would read as something else — a number ("00123", "1e5", "12%"), a date
 * ("2024-01-02", "1/2"), a boolean or an error ("#N/A") — gets the same leading apostrophe as
 * formula-like text, so the cell keeps the text exactly (the apostrophe is not part of the value);
 * so does text that starts with an apostrophe, which Excel would otherwise drop.
 */
const COERCED_TEXT = /^\s*[-+$€£¥(]?\s*[.\d]|^\s*(true|false)\s*$|^#/i;

/** The value to hand `range.values` so that it is stored exactly as given. */
export function officeCellValue(value: string | number | boolean | null | undefined): string | number | boolean {
  if (typeof value === "string" && (value.startsWith("'") || COERCED_TEXT.test(value))) return `'${value}`;
  return excelCellValue(value);
}

/** A cell to write: a value, or a formula as the file stores it (`_xlfn.` prefixes, no "="). */
export type OutValue = string | number | boolean | null | { formula: string };

export interface BlockWrite {
  sheet: Excel.Worksheet;
  top: number;
  left: number;
  /** Row i of the output (called once per row, in order). */
  row: (i: number) => OutValue[];
  rowCount: number;
  /** Number format per column ("" = leave as is). */
  formats?: string[];
  /** Number formats of row i, when they differ by row ("" = General). */
  formatsAt?: (i: number) => string[];
}

/**
 * Writes the rows, one `context.sync` per block. Text that would be a formula is written as text
 * (SPEC §8). Calls `onBlock` after each block with the rows written so far.
 */
export async function writeBlocks(context: Excel.RequestContext, job: BlockWrite, signal: AbortSignal, onBlock: (done: number) => void = () => {}): Promise<void> {
  if (job.rowCount === 0) return;
  const sample: OutValue[][] = [];
  for (let i = 0; i < Math.min(job.rowCount, 50); ++i) sample.push(job.row(i));
  const width = sample[0].length;
  const formatsAt = job.formatsAt ?? (job.formats ? () => job.formats! : null);
  // Number formats go only on the columns that have one (a run from the first to the last), so a
  // block of text columns with a few score columns does not carry "General" for every cell.
  let from = width, to = -1;
  if (formatsAt)
    for (let i = 0; i < sample.length; ++i)
      formatsAt(i).forEach((f, k) => {
        if (f !== "" && f !== "General") ((from = Math.min(from, k)), (to = Math.max(to, k)));
      });
  if (job.formatsAt && job.rowCount > sample.length) ((from = 0), (to = width - 1)); // formats by row: later rows may differ from the sample's
  const formatted = to >= from;
  await inBlocks(
    context,
    job.rowCount,
    rowsPerBlock(sample.map((r, i) => (formatted ? [...r, ...formatsAt!(i).slice(from, to + 1)] : r))),
    signal,
    (start, count) => {
      const values: (string | number | boolean)[][] = new Array(count);
      let formulas = false;
      for (let i = 0; i < count; ++i)
        values[i] = job.row(start + i).map((v) => {
          if (typeof v !== "object" || v === null) return officeCellValue(v);
          formulas = true;
          return apiFormula(v.formula);
        });
      const range = job.sheet.getRangeByIndexes(job.top + start, job.left, count, width);
      context.workbook.application.suspendApiCalculationUntilNextSync();
      // With a formula in the block, all of it goes through `formulas` (constants there read as typed, so they keep the same apostrophes).
      if (formulas) range.formulas = values;
      else range.values = values;
      if (formatted) job.sheet.getRangeByIndexes(job.top + start, job.left + from, count, to - from + 1).numberFormat = values.map((_, i) => formatsAt!(start + i).slice(from, to + 1).map((f) => (f === "" ? "General" : f)));
      return () => jsonBytes(values) * (formatted ? 1 + (to - from + 1) / width : 1);
    },
    onBlock,
  );
}

/** A sheet name not yet in the workbook: `base`, then `base (2)`, `base (3)`, … */
export async function freeSheetName(context: Excel.RequestContext, base: string): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let k = 2; ; ++k) if (!taken.has(`${base} (${k})`.toLowerCase())) return `${base} (${k})`;
}

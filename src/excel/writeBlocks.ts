/** Writing rows to a sheet in blocks under the request limit, with calculation suspended. */
import { excelCellValue } from "../engine/report/cellText";
import { inBlocks, jsonBytes, rowsPerBlock } from "./chunks";

export type OutValue = string | number | boolean | null;

export interface BlockWrite {
  sheet: Excel.Worksheet;
  top: number;
  left: number;
  /** Row i of the output (called once per row, in order). */
  row: (i: number) => OutValue[];
  rowCount: number;
  /** Number format per column ("" = leave as is). */
  formats?: string[];
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
  const formatted = job.formats?.some((f) => f !== "") ?? false;
  await inBlocks(
    context,
    job.rowCount,
    rowsPerBlock(sample.map((r) => (formatted ? [...r, ...job.formats!] : r))),
    signal,
    (start, count) => {
      const values: (string | number | boolean)[][] = new Array(count);
      for (let i = 0; i < count; ++i) values[i] = job.row(start + i).map(excelCellValue);
      const range = job.sheet.getRangeByIndexes(job.top + start, job.left, count, width);
      context.workbook.application.suspendApiCalculationUntilNextSync();
      range.values = values;
      if (formatted) range.numberFormat = values.map(() => job.formats!.map((f) => (f === "" ? "General" : f)));
      return () => jsonBytes(values) * (formatted ? 2 : 1);
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

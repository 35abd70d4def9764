/**
 * Reads only the mapped columns of the block, in row blocks under the request limit, one
 * `context.sync` per block; shrinks the block when a response comes back large, and halves it and
 * retries when Excel reports a payload limit.
 */
import type { Cell } from "../engine/common/types";
import { inBlocks, jsonBytes, rowsPerBlock } from "./chunks";

export { CancelledError } from "./chunks";
import type { Block } from "./selection";

/**
 * Rows of the block restricted to `columns` (0-based within the block), header row included —
 * what the engine's `gradeTable` takes.
 */
export async function readColumns(
  context: Excel.RequestContext,
  block: Block,
  columns: readonly number[],
  sample: readonly Cell[][],
  onRows: (done: number) => void,
  signal: AbortSignal,
): Promise<Cell[][]> {
  const sheet = context.workbook.worksheets.getItem(block.sheetName);
  const rows: Cell[][] = new Array(block.rowCount);
  await inBlocks(
    context,
    block.rowCount,
    rowsPerBlock(sample.map((row) => columns.map((c) => row[c]))),
    signal,
    (start, count) => {
      const ranges = columns.map((c) => sheet.getRangeByIndexes(block.top + start, block.left + c, count, 1).load("values"));
      return () => {
        let bytes = 0;
        for (const range of ranges) bytes += jsonBytes(range.values);
        for (let i = 0; i < count; ++i) {
          const row: Cell[] = new Array(columns.length);
          for (let k = 0; k < columns.length; ++k) row[k] = ranges[k].values[i][0] as Cell;
          rows[start + i] = row;
        }
        return bytes;
      };
    },
    onRows,
  );
  return rows;
}

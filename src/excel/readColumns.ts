/**
 * Reads only the mapped columns of the block, in row blocks under the request limit, one
 * `context.sync` per block; shrinks the block when a response comes back large, and halves it and
 * retries when Excel reports a payload limit.
 */
import type { Cell } from "../engine/types";
import { MAX_BLOCK_ROWS, MAX_REQUEST_BYTES, isPayloadLimitError, jsonBytes, rowsPerBlock } from "./chunks";
import type { Block } from "./selection";

export class CancelledError extends Error {
  constructor() {
    super("Cancelled");
  }
}

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
  let size = rowsPerBlock(sample.map((row) => columns.map((c) => row[c])));
  let start = 0;
  while (start < block.rowCount) {
    if (signal.aborted) throw new CancelledError();
    const count = Math.min(size, block.rowCount - start);
    const ranges = columns.map((c) => sheet.getRangeByIndexes(block.top + start, block.left + c, count, 1).load("values"));
    try {
      await context.sync();
    } catch (error) {
      if (isPayloadLimitError(error) && count > 1) {
        size = Math.max(1, Math.floor(count / 2));
        continue;
      }
      throw error;
    }
    let bytes = 0;
    for (const range of ranges) bytes += jsonBytes(range.values);
    for (let i = 0; i < count; ++i) {
      const row: Cell[] = new Array(columns.length);
      for (let k = 0; k < columns.length; ++k) row[k] = ranges[k].values[i][0] as Cell;
      rows[start + i] = row;
    }
    start += count;
    onRows(start);
    // Keep the next response near ¾ of the limit, judged by what this one weighed.
    if (bytes > 0) size = Math.max(1, Math.min(size * 2, MAX_BLOCK_ROWS, Math.floor((count * MAX_REQUEST_BYTES * 0.75) / bytes)));
  }
  return rows;
}

/**
 * Request sizing. Excel on the web rejects a request or response over 5 MB (OFFICE-NOTES), so every
 * read and write is cut into row blocks whose JSON stays under 4 MB, sized by bytes, not rows.
 */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Never more rows than this in one block, whatever their size (keeps each sync short). */
export const MAX_BLOCK_ROWS = 100_000;

const encoder = new TextEncoder();

/** Size of a value as the JSON Office.js sends. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/** Rows per block for rows like `sample`, with room for rows up to 1.5× the sample's largest. */
export function rowsPerBlock(sample: readonly unknown[][], limit = MAX_REQUEST_BYTES): number {
  let largest = 8;
  for (const row of sample) largest = Math.max(largest, jsonBytes(row) + 1);
  return Math.max(1, Math.min(MAX_BLOCK_ROWS, Math.floor(limit / (largest * 1.5))));
}

/** Whether an Office error says a request or response was too large (then retry with fewer rows). */
export function isPayloadLimitError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? "";
  return /PayloadSizeLimitExceeded|RequestPayloadSizeLimitExceeded|ResponsePayloadSizeLimitExceeded/.test(code);
}

export class CancelledError extends Error {
  constructor() {
    super("Cancelled");
  }
}

/**
 * Walks rows [0, total) in blocks with one `context.sync` each. `queue(start, count)` queues the
 * block's requests and returns what to do after the sync (it returns the bytes the block moved). A
 * payload-limit error halves the block and retries it; otherwise the next block is sized to keep
 * requests near ¾ of the limit. Checks `signal` before each block.
 */
export async function inBlocks(
  context: { sync(): Promise<unknown> },
  total: number,
  firstSize: number,
  signal: AbortSignal,
  queue: (start: number, count: number) => () => number,
  onBlock: (done: number) => void = () => {},
): Promise<void> {
  let size = firstSize;
  let start = 0;
  while (start < total) {
    if (signal.aborted) throw new CancelledError();
    const count = Math.min(size, total - start);
    const after = queue(start, count);
    try {
      await context.sync();
    } catch (error) {
      if (isPayloadLimitError(error) && count > 1) {
        size = Math.max(1, Math.floor(count / 2));
        continue;
      }
      throw error;
    }
    const bytes = after();
    start += count;
    onBlock(start);
    if (bytes > 0) size = Math.max(1, Math.min(size * 2, MAX_BLOCK_ROWS, Math.floor((count * MAX_REQUEST_BYTES * 0.75) / bytes)));
  }
}

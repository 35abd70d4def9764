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

/**
 * The streaming CSV reader's row estimate (file size over the head's bytes per line), which sizes
 * the columnar arrays once: given before the first batch, close to the real count on a file of even
 * lines, and not given when it cannot be known from the size (gzip, a file that fits in the head).
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { readCsvFile } from "../../src/cli/csv";
import { tempDir } from "../support/runCli";

function logText(rows: number): string {
  const lines = ["Customer,Date,Amount"];
  for (let i = 0; i < rows; ++i) lines.push(`c${i % 997}@shop.example,2024-01-${String(1 + (i % 28)).padStart(2, "0")},${(i % 89) + 0.25}`);
  return lines.join("\n") + "\n";
}

async function estimateOf(file: string): Promise<{ estimates: number[]; rowsWhenEstimated: number[]; rowCount: number }> {
  const estimates: number[] = [];
  const rowsWhenEstimated: number[] = [];
  let rows = 0;
  const table = await readCsvFile(file, {
    onRowEstimate: (n) => {
      estimates.push(n);
      rowsWhenEstimated.push(rows);
    },
    onRows: (batch) => {
      rows += batch.length;
    },
  });
  return { estimates, rowsWhenEstimated, rowCount: table.rowCount };
}

it("estimates the rows of a big file, once, before the first batch", async () => {
  const file = path.join(tempDir(), "big.csv");
  fs.writeFileSync(file, logText(40_000));
  const { estimates, rowsWhenEstimated, rowCount } = await estimateOf(file);
  expect(rowCount).toBe(40_000);
  expect(estimates).toHaveLength(1);
  expect(rowsWhenEstimated).toEqual([0]);
  // Header included; lines vary by a few characters, so the head's average is close.
  expect(estimates[0]).toBeGreaterThanOrEqual(40_001 * 0.97);
  expect(estimates[0]).toBeLessThanOrEqual(40_001 * 1.08);
});

it("gives no estimate for a gzipped file or one that fits in the head", async () => {
  const dir = tempDir();
  const gz = path.join(dir, "big.csv.gz");
  fs.writeFileSync(gz, zlib.gzipSync(logText(40_000)));
  const small = path.join(dir, "small.csv");
  fs.writeFileSync(small, logText(50));
  for (const [file, rows] of [[gz, 40_000], [small, 50]] as const) {
    const { estimates, rowCount } = await estimateOf(file);
    expect(rowCount).toBe(rows);
    expect(estimates).toEqual([]);
  }
});

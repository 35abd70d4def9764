/**
 * A full sheet (1,048,576 rows × 8 columns) through the adapter and the fake host: every request
 * stays under 4 MB, only the mapped columns are read, and only new cells are written. The figures go
 * to test/artifacts/io-plan.json for the benchmark report.
 */
import * as fs from "fs";
import * as path from "path";
import { createOfficeHost } from "../../src/excel/officeHost";
import { FakeWorkbook } from "../support/fakeExcel";
import { SYNTHETIC_HEADER, syntheticCell } from "../support/syntheticSheet";

const ROWS = 1_048_576;
const LIMIT = 4 * 1024 * 1024;

test("1,048,576 rows × 8 columns: requests ≤ 4 MB, reads only the mapped columns, writes only new cells", async () => {
  const book = new FakeWorkbook();
  const data = book.addSheet("Sheet1", { rows: ROWS, cols: 8, cell: (r, c) => syntheticCell(r, c) });
  book.selection = { sheet: "Sheet1", address: `A1:H${ROWS}` };
  (globalThis as { Excel?: unknown }).Excel = book.excel();
  const readingProgress: number[] = [];
  const response = await createOfficeHost().grade({ mapping: {}, options: {}, lang: "en" }, (p) => p.phase === "reading" && readingProgress.push(p.done), new AbortController().signal);
  if (!response.ok) throw new Error(JSON.stringify(response.issues));

  expect(book.maxSyncBytes).toBeLessThanOrEqual(LIMIT);
  // Mapped: InvoiceNo, Quantity, InvoiceDate, UnitPrice, CustomerID (not StockCode, Description, Country).
  const mapped = [0, 3, 4, 5, 6];
  let mappedBytes = 0;
  const enc = new TextEncoder();
  for (const c of mapped) {
    // JSON of the column as range.values gives it ([[v], [v], …]), measured in slices to bound memory.
    for (let start = 0; start < ROWS; start += 65536) {
      const part = [];
      for (let r = start; r < Math.min(ROWS, start + 65536); ++r) part.push([syntheticCell(r, c)]);
      mappedBytes += enc.encode(JSON.stringify(part)).length;
    }
  }
  // The source read is every read before the first write (after writing, the regrade record reads the grade columns back for their fingerprint).
  const firstWrite = book.syncs.findIndex((s) => s.writes > 0);
  const readSyncs = book.syncs.slice(0, firstWrite < 0 ? undefined : firstWrite).filter((s) => s.reads > 0 && s.writes === 0);
  const readBytes = readSyncs.reduce((sum, s) => sum + s.bytes, 0);
  expect(readBytes).toBeLessThanOrEqual(1.2 * mappedBytes);
  expect(readingProgress.length).toBeGreaterThan(3);
  expect(readingProgress[readingProgress.length - 1]).toBe(ROWS);

  // Only cells right of the data were written on the data sheet.
  expect(Math.min(...data.writtenColumns)).toBe(SYNTHETIC_HEADER.length);
  expect(data.get(0, 8)).toBe("R score");

  const writeSyncs = book.syncs.filter((s) => s.writes > 0);
  const plan = {
    rows: ROWS,
    columns: 8,
    syncs: book.syncs.length,
    readSyncs: readSyncs.length,
    writeSyncs: writeSyncs.length,
    largestSyncBytes: book.maxSyncBytes,
    readBytes,
    mappedColumnsJsonBytes: mappedBytes,
    readRatio: Math.round((readBytes / mappedBytes) * 1000) / 1000,
    writeBytes: writeSyncs.reduce((sum, s) => sum + s.bytes, 0),
    customers: response.report.summary.customers,
  };
  const dir = path.join(__dirname, "..", "artifacts");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "io-plan.json"), JSON.stringify(plan, null, 2));
}, 600_000); // the regrade record reads the grade columns back once more (their fingerprint)

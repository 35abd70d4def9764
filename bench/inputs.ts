/** Bench inputs as the 2D arrays of cell values Excel hands the add-in (numbers, dates as serials). */
import { readCsvFile } from "../src/cli/csv";
import type { Cell } from "../src/engine/common/types";
import { datasetFile } from "../test/support/datasets";
import { syntheticCell } from "../test/support/syntheticSheet";
import type { Layout } from "./peers";

export const LAYOUT: Layout = { order: 0, quantity: 3, date: 4, price: 5, customer: 6 };

/** "2010-12-01 08:26:00" as an Excel serial, as the cell would hold it. */
function serialOf(text: string): number | string {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::\d{2})?$/.exec(text);
  if (!m) return text;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000 + 25569 + (Number(m[4]) * 60 + Number(m[5])) / 1440;
}

/** UCI Online Retail (541,909 rows) as Excel would give it. */
export async function onlineRetailCells(): Promise<Cell[][]> {
  const table = await readCsvFile(datasetFile("online-retail-uci/online_retail.csv.gz"));
  const cells: Cell[][] = [table.header];
  for (const row of table.rows) {
    const out: Cell[] = row.map((v) => v ?? "");
    for (const k of [LAYOUT.quantity, LAYOUT.price]) out[k] = out[k] === "" ? "" : Number(out[k]);
    if (out[LAYOUT.customer] !== "") out[LAYOUT.customer] = Number(out[LAYOUT.customer]);
    out[LAYOUT.date] = serialOf(String(out[LAYOUT.date]));
    cells.push(out);
  }
  return cells;
}

/** The deterministic synthetic log (header + rows − 1 data rows, ~100,000 customers). */
export function syntheticCells(rows: number): Cell[][] {
  const cells: Cell[][] = new Array(rows);
  for (let r = 0; r < rows; ++r) {
    const row: Cell[] = new Array(8);
    for (let c = 0; c < 8; ++c) row[c] = syntheticCell(r, c);
    cells[r] = row;
  }
  return cells;
}

/**
 * The synthetic log with text ids, as order exports write them: customers `C0012345`, one in three an
 * e-mail (`c12345@shop.example`), orders `SO-500001`. Same rows, dates and amounts as syntheticCells,
 * so the two jobs differ only in the ids. Each id cell is its own flat string, as a reader makes them.
 */
export function textIdCells(rows: number): Cell[][] {
  const cells = syntheticCells(rows);
  for (let r = 1; r < rows; ++r) {
    const row = cells[r];
    const id = row[LAYOUT.customer] as number;
    row[LAYOUT.customer] = flat(id % 3 === 0 ? `c${id}@shop.example` : `C${String(id).padStart(7, "0")}`);
    row[LAYOUT.order] = flat(`SO-${row[LAYOUT.order]}`);
  }
  return cells;
}

/**
 * A text as one flat string, as a reader makes it (JSON.parse of Excel's values, a decoded CSV field):
 * a template literal gives a rope of its parts, which every later character read must walk.
 */
function flat(text: string): string {
  return Buffer.from(text, "latin1").toString("latin1");
}

/**
 * The floor: the least any grader must do, touching each mapped cell once (type test, a number's
 * value or a text's length), nothing else. Returns a checksum so the loop cannot be optimised away.
 */
export function touchMappedCells(cells: Cell[][]): number {
  let sum = 0;
  const { customer, date, quantity, price, order } = LAYOUT;
  for (let i = 1, n = cells.length; i < n; ++i) {
    const row = cells[i];
    const c = row[customer], d = row[date], q = row[quantity], p = row[price], o = row[order];
    sum += typeof c === "string" ? c.length : (c as number);
    sum += typeof d === "number" ? d : 1;
    sum += typeof q === "number" ? q : 1;
    sum += typeof p === "number" ? p : 1;
    sum += typeof o === "string" ? o.length : 1;
  }
  return sum;
}

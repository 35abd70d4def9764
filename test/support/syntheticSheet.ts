/**
 * A deterministic Online-Retail-shaped sheet of any size, generated cell by cell (nothing stored), for
 * the fake host's scale tests and the benchmarks: 8 columns, ~1 customer per 10 rows, heavy-tailed
 * quantities and prices, dates as Excel serials over two years.
 */
import type { Cell } from "../../src/engine/common/types";

export const SYNTHETIC_HEADER = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

/** A fast integer hash (so any cell can be generated on its own). */
function hash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

export function syntheticCell(row: number, col: number, customers = 100_000): Cell {
  if (row === 0) return SYNTHETIC_HEADER[col];
  const order = Math.floor(row / 4);
  // Customers drawn with a skew: small ids buy far more often.
  const customer = 10000 + Math.floor(customers * Math.pow(hash(order, 1), 2.2));
  switch (col) {
    case 0: return `${500000 + order}`;
    case 1: return `SKU${Math.floor(hash(row, 2) * 4000)}`;
    case 2: return `Item ${Math.floor(hash(row, 2) * 4000)}`;
    case 3: return 1 + Math.floor(-Math.log(1 - hash(row, 3)) * 6);
    case 4: return 44927 + Math.floor(hash(order, 4) * 730); // 2023-01-01 + up to two years
    case 5: return Math.round(100 * (0.5 + Math.exp(hash(row, 5) * 4))) / 100;
    case 6: return customer;
    case 7: return hash(customer, 7) < 0.9 ? "United Kingdom" : "France";
    default: return "";
  }
}

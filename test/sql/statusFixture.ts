/**
 * A transactions table with order statuses in 淘宝/天猫 and Shopify vocabulary, for the SQL tests of
 * `--status`, `--order-type` and `--returns net` (issue #22): written as a CSV with ISO dates so
 * that DuckDB, PostgreSQL and the CLI read the same typed values. It holds what the status rules
 * must get right — values in other cases and with spaces, unknown values (kept), a value with a
 * quote, Shopify line items whose status is on the order's first line only (all lines of an order
 * on one day, so "first line" and "earliest line" agree), customers whose only orders are cancelled
 * (neither customers nor prospects), negative return rows and positive rows typed 退货.
 */
import * as fs from "fs";
import * as path from "path";
import { seededRandom } from "../../src/engine/cluster/rng";

export const STATUS_HEADER = ["Order", "Customer", "Date", "Amount", "Order Status", "Type"];

/** The status spellings used: sales, exclusions and values no table knows. */
const TAOBAO_SALE = ["交易成功", "卖家已发货，等待买家确认", " 交易成功 "];
const TAOBAO_CANCELLED = ["交易关闭", "交易关闭 "];
const TAOBAO_UNPAID = ["等待买家付款"];
const SHOPIFY_SALE = ["paid", "PAID", "Partially Refunded", "partially_refunded"];
const SHOPIFY_CANCELLED = ["refunded", "Voided"];
const SHOPIFY_UNPAID = ["pending", " Pending "];
const UNKNOWN = ["on the way", "Can't say"];

export interface StatusFixture {
  rows: string[][];
  /** Customers that have a row but only in cancelled or unpaid orders. */
  cancelledOnly: string[];
}

export function statusFixture(): StatusFixture {
  const r = seededRandom(2222);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const customers = Array.from({ length: 80 }, (_, k) => (k === 7 ? "O'Brien" : `C${String(k + 1).padStart(3, "0")}`));
  const cancelledOnly = ["X901", "X902"];
  const rows: string[][] = [];
  const day = () => `2024-${String(1 + Math.floor(r() * 9)).padStart(2, "0")}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`;
  const money = () => (Math.floor(r() * 30000) / 100 + 1).toFixed(2);
  for (let k = 0; k < 700; ++k) {
    const customer = pick(customers);
    const date = day();
    const u = r();
    const shopify = k % 2 === 0;
    const status =
      u < 0.12 ? pick(UNKNOWN) : u < 0.27 ? pick(shopify ? SHOPIFY_CANCELLED : TAOBAO_CANCELLED) : u < 0.37 ? pick(shopify ? SHOPIFY_UNPAID : TAOBAO_UNPAID) : pick(shopify ? SHOPIFY_SALE : TAOBAO_SALE);
    const order = shopify ? `#${1000 + k}` : `TB${700000 + k}`;
    // Shopify: one row per line item, the status on the first line only.
    const lines = shopify ? 1 + Math.floor(r() * 3) : 1;
    for (let l = 0; l < lines; ++l) rows.push([order, customer, date, money(), l === 0 ? status : "", "销售"]);
    // Some sales are followed by a return: a negative row, or a positive row typed 退货.
    if (r() < 0.12) rows.push([`R${order}`, customer, date, r() < 0.5 ? `-${money()}` : money(), "", r() < 0.5 ? "退货" : "销售"]);
  }
  // A customer with only a small sale and a larger return (monetary floored at 0).
  rows.push(["TB1", "Z999", "2024-03-01", "10.00", "交易成功", "销售"], ["TB2", "Z999", "2024-03-02", "-50.00", "", "销售"]);
  for (const [k, c] of cancelledOnly.entries()) rows.push([`TB9${k}`, c, "2024-05-05", "99.00", k ? "等待买家付款" : "交易关闭", "销售"]);
  return { rows, cancelledOnly };
}

const csvField = (s: string) => (/[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

/** Writes the fixture as CSV (header first) into `dir`; returns the file. */
export function writeStatusFixture(dir: string): string {
  const file = path.join(dir, "status-fixture.csv");
  fs.writeFileSync(file, [STATUS_HEADER, ...statusFixture().rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n");
  return file;
}

/** CLI mapping and SQL columns of the fixture. */
export const STATUS_MAPPING = ["--order", "Order", "--customer", "Customer", "--date", "Date", "--amount", "Amount", "--status", "Order Status", "--order-type", "Type", "--amount-per", "line"];
export const STATUS_COLUMNS = { order: "Order", customer: "Customer", date: "Date", amount: "Amount", status: "Order Status", orderType: "Type" };

/** The option sets the fixture is graded with. */
export const STATUS_OPTION_SETS: { name: string; flags: string[] }[] = [
  { name: "--returns net", flags: ["--returns", "net"] },
  { name: "--returns exclude, --exclude-status \"Can't say\", --sale-status voided", flags: ["--exclude-status", "Can't say", "--sale-status", "voided"] },
  { name: "--returns net, --method ntile, --lang zh", flags: ["--returns", "net", "--method", "ntile", "--lang", "zh"] },
];

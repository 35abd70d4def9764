/**
 * Line-item exports that repeat the order's total on every line (Shopify `Total`, WooCommerce
 * `Order Total`, 京东 `订单金额`), SPEC §1: with amount per order, an order's amount counts once,
 * on its first valid line; its other valid lines stay included (they are purchases of that order)
 * with amount 0. "auto" chooses per order when, in most orders with ≥ 2 valid lines, every line has
 * the same amount.
 */
import { ROW_INCLUDED, type Transactions } from "./transactions";

export type AmountPer = "auto" | "order" | "line";

export interface OrderTotalsCheck {
  /** Orders with ≥ 2 valid lines, and those of them whose lines all carry the same amount. */
  multiLineOrders: number;
  repeatedOrders: number;
  /** What was done: amounts counted per order or per line. */
  per: "order" | "line";
  /** Lines whose amount was set to 0 (per order), and the amount that removed from the sums. */
  zeroedLines: number;
  removedAmount: number;
}

/** Counts, for each order, its valid lines and whether their amounts are all the same. */
export function checkOrderTotals(tx: Transactions): { multiLineOrders: number; repeatedOrders: number } {
  const lines = new Int32Array(tx.orderCount);
  const firstAmount = new Float64Array(tx.orderCount);
  const differs = new Uint8Array(tx.orderCount);
  const { order, status, amount } = tx;
  for (let i = 0, n = tx.rowCount; i < n; ++i) {
    if (status[i] !== ROW_INCLUDED) continue;
    const o = order[i];
    if (o < 0) continue;
    if (lines[o]++ === 0) firstAmount[o] = amount[i];
    else if (amount[i] !== firstAmount[o]) differs[o] = 1;
  }
  let multiLineOrders = 0;
  let repeatedOrders = 0;
  for (let o = 0; o < tx.orderCount; ++o)
    if (lines[o] >= 2) {
      ++multiLineOrders;
      if (!differs[o]) ++repeatedOrders;
    }
  return { multiLineOrders, repeatedOrders };
}

/** Applies the amount-per rule to transactions read with an amount column and an order column. */
export function applyOrderTotals(tx: Transactions, per: AmountPer): OrderTotalsCheck {
  const { multiLineOrders, repeatedOrders } = checkOrderTotals(tx);
  const chosen = per === "auto" ? (repeatedOrders * 2 > multiLineOrders ? "order" : "line") : per;
  let zeroedLines = 0;
  let removed = 0;
  if (chosen === "order") {
    const seen = new Uint8Array(tx.orderCount);
    const { order, status, amount } = tx;
    for (let i = 0, n = tx.rowCount; i < n; ++i) {
      if (status[i] !== ROW_INCLUDED) continue;
      const o = order[i];
      if (o < 0) continue;
      if (!seen[o]) seen[o] = 1;
      else {
        removed += amount[i];
        amount[i] = 0;
        ++zeroedLines;
      }
    }
  }
  return { multiLineOrders, repeatedOrders, per: chosen, zeroedLines, removedAmount: Math.round(removed * 100) / 100 };
}

/**
 * An independent computation of SPEC §1's returns = net rule on reference rows (plain Maps, nothing
 * from src/): a customer's monetary is their valid sales plus their returns (negative rows with a
 * customer, a date and an amount, dated before as-of), summed in row order, rounded to 6 decimal
 * places and floored at 0; frequency counts the distinct orders of the sales only.
 */
import type { RefRow } from "./referenceGrader";

export interface NetCustomer {
  frequency: number;
  monetary: number;
  returns: number;
}

export function netReturnsByCustomer(rows: readonly RefRow[], asOfDay: number): Map<string, NetCustomer> {
  const sums = new Map<string, number>();
  const orders = new Map<string, Set<string>>();
  const returns = new Map<string, number>();
  for (const r of rows) {
    if (r.customer === "" || r.day === null || r.amount === null || r.day >= asOfDay || r.amount === 0) continue;
    sums.set(r.customer, (sums.get(r.customer) ?? 0) + r.amount);
    if (r.amount > 0) {
      if (!orders.has(r.customer)) orders.set(r.customer, new Set());
      orders.get(r.customer)!.add(r.order ?? String(r.day));
    } else returns.set(r.customer, (returns.get(r.customer) ?? 0) + 1);
  }
  const out = new Map<string, NetCustomer>();
  for (const [id, set] of orders) out.set(id, { frequency: set.size, monetary: Math.max(0, Math.round(sums.get(id)! * 1e6) / 1e6), returns: returns.get(id) ?? 0 });
  return out;
}

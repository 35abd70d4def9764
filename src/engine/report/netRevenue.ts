/**
 * Revenue with returns = net (SPEC §1), for the Summary and the terminal summary: gross revenue (the
 * valid purchases), the returns (rows with status `return`, ≤ 0) and net revenue — the customers'
 * revenue, Σ monetary, as the headline and the grade notes give it. Net revenue is gross + returns
 * except where a customer's returns exceed their purchases (their monetary is floored at 0) or come
 * from a customer with no purchase (a prospect, with no monetary): `floored` is that difference.
 */
import type { GradeResult } from "../grade/pipeline";
import { includedAmount } from "../read/transactions";

export interface NetRevenue {
  gross: number;
  returns: number;
  net: number;
  /** net − (gross + returns), ≥ 0. */
  floored: number;
}

const cents = (x: number) => Math.round(x * 100) / 100;

/** The figures (in cents, as the summary's revenue), or null when returns are excluded (revenue is then gross sales). */
export function netRevenue(result: Pick<GradeResult, "options" | "transactions" | "report" | "summary">): NetRevenue | null {
  if (result.options.returns !== "net") return null;
  const gross = includedAmount(result.transactions);
  const returns = result.report.returns.amount;
  const net = result.summary.revenue;
  return { gross: cents(gross), returns: cents(returns), net, floored: Math.max(0, cents(net - gross - returns)) };
}

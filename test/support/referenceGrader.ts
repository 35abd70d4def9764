/**
 * An independent, deliberately plain implementation of SPEC §3–6 (objects and Maps, no typed
 * arrays, nothing imported from src/) used as the oracle for the engine on real data.
 */
export interface RefRow {
  customer: string; // "" when missing
  day: number | null; // epoch day, null when the date is unreadable
  amount: number | null; // null when unreadable
  order?: string;
}

export interface RefCustomer {
  id: string;
  prospect: boolean;
  first?: number;
  last?: number;
  recency?: number;
  tenure?: number;
  frequency?: number;
  monetary?: number;
  aov?: number;
  r?: number;
  f?: number;
  m?: number;
  segment?: string;
  rfm8?: string;
  tier?: string;
  freqTier?: string;
  amountTier?: string;
  stage: string;
}

export interface RefOptions {
  asOfDay?: number;
  bins?: number;
  method?: "quantile" | "ntile";
  zeroInclude?: boolean;
}

const cmp = (a: string, b: string) => {
  const x = Array.from(a).map((ch) => ch.codePointAt(0)!);
  const y = Array.from(b).map((ch) => ch.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
};

function percentile(sortedValues: number[], p: number): number {
  // Excel's documented PERCENTILE.INC: rank = p(n − 1) + 1, interpolate between neighbours.
  const rank = p * (sortedValues.length - 1) + 1;
  const lo = Math.floor(rank);
  const frac = rank - lo;
  const a = sortedValues[lo - 1];
  const b = lo < sortedValues.length ? sortedValues[lo] : a;
  return a + frac * (b - a);
}

function quantileScores(values: number[], bins: number, lowerBetter: boolean): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const breaks: number[] = [];
  for (let k = 1; k < bins; k++) breaks.push(percentile(sorted, k / bins));
  return values.map((v) => {
    const above = breaks.filter((b) => v > b).length;
    return lowerBetter ? bins - above : 1 + above;
  });
}

function ntileScores(values: number[], ids: string[], bins: number, lowerBetter: boolean): number[] {
  const idx = values.map((_, i) => i);
  idx.sort((i, j) => (lowerBetter ? values[j] - values[i] : values[i] - values[j]) || cmp(ids[i], ids[j]));
  const out = new Array<number>(values.length);
  idx.forEach((i, pos) => (out[i] = Math.floor((pos * bins) / values.length) + 1));
  return out;
}

const GRID: Record<number, string[]> = {
  5: ["New Customers", "Potential Loyalists", "Potential Loyalists", "Champions", "Champions"],
  4: ["Promising", "Potential Loyalists", "Potential Loyalists", "Loyal Customers", "Loyal Customers"],
  3: ["About to Sleep", "About to Sleep", "Need Attention", "Loyal Customers", "Loyal Customers"],
  2: ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
  1: ["Hibernating", "Hibernating", "At Risk", "At Risk", "Can't Lose Them"],
};

const RFM8: Record<string, string> = {
  HHH: "Important Value", HLH: "Important Development", LHH: "Important Retention", LLH: "Important Win-back",
  HHL: "General Value", HLL: "General Development", LHL: "General Retention", LLL: "General Win-back",
};

export function referenceGrade(rows: RefRow[], options: RefOptions = {}): RefCustomer[] {
  const bins = options.bins ?? 5;
  const valid = (r: RefRow) => r.customer !== "" && r.day !== null && r.amount !== null && (r.amount > 0 || (options.zeroInclude === true && r.amount === 0));
  let asOf = options.asOfDay;
  if (asOf === undefined) asOf = rows.filter(valid).reduce((m, r) => Math.max(m, r.day!), -Infinity) + 1;
  const purchases = rows.filter((r) => valid(r) && r.day! < asOf!);
  const hasOrders = rows.some((r) => r.order !== undefined);

  const byCustomer = new Map<string, RefRow[]>();
  for (const r of purchases) {
    if (!byCustomer.has(r.customer)) byCustomer.set(r.customer, []);
    byCustomer.get(r.customer)!.push(r);
  }
  const customers: RefCustomer[] = [];
  for (const [id, list] of byCustomer) {
    const days = [...new Set(list.map((r) => r.day!))].sort((a, b) => a - b);
    const orders = new Set(list.map((r) => (r.order !== undefined && r.order !== "" ? `o:${r.order}` : `d:${r.day}`)));
    const frequency = hasOrders ? orders.size : days.length;
    const total = list.reduce((s, r) => s + r.amount!, 0);
    const monetary = Math.round(total * 1e6) / 1e6;
    customers.push({
      id, prospect: false, first: days[0], last: days[days.length - 1],
      recency: asOf - days[days.length - 1], tenure: asOf - days[0], frequency, monetary,
      aov: Math.round((monetary / frequency) * 1e6) / 1e6, stage: "",
      ...{ _days: days },
    } as RefCustomer);
  }
  const ids = customers.map((c) => c.id);
  const R = customers.map((c) => c.recency!);
  const F = customers.map((c) => c.frequency!);
  const M = customers.map((c) => c.monetary!);
  const [rs, fs, ms] =
    options.method === "ntile"
      ? [ntileScores(R, ids, bins, true), ntileScores(F, ids, bins, false), ntileScores(M, ids, bins, false)]
      : [quantileScores(R, bins, true), quantileScores(F, bins, false), quantileScores(M, bins, false)];
  const ft = quantileScores(F, 3, false);
  const at = quantileScores(customers.map((c) => c.aov!), 3, false);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [mr, mf, mm] = [mean(R), mean(F), mean(M)];
  const byValue = [...customers].sort((a, b) => b.monetary! - a.monetary! || cmp(a.id, b.id));
  const grand = M.reduce((s, x) => s + x, 0);
  let cum = 0;
  const tierOf = new Map<string, string>();
  for (const c of byValue) {
    const share = cum / grand;
    tierOf.set(c.id, share < 0.8 ? "A" : share < 0.95 ? "B" : "C");
    cum += c.monetary!;
  }
  customers.forEach((c, i) => {
    const five = (s: number) => Math.ceil((s * 5) / bins);
    c.r = rs[i]; c.f = fs[i]; c.m = ms[i];
    c.segment = GRID[five(rs[i])][five(fs[i]) - 1];
    c.rfm8 = RFM8[(c.recency! < mr ? "H" : "L") + (c.frequency! > mf ? "H" : "L") + (c.monetary! > mm ? "H" : "L")];
    c.tier = tierOf.get(c.id);
    c.freqTier = ["Low", "Mid", "High"][ft[i] - 1];
    c.amountTier = ["Small", "Medium", "Large"][at[i] - 1];
    const days = (c as unknown as { _days: number[] })._days;
    const gap = days.length >= 2 ? days[days.length - 1] - days[days.length - 2] : 0;
    c.stage =
      c.recency! > 365 ? "Lost" : c.recency! > 180 ? "Dormant" : c.recency! > 90 ? "At Risk" : c.tenure! <= 90 ? "New"
      : days.length >= 2 && gap > 180 ? "Reactivated" : c.frequency! >= 5 ? "Loyal" : "Active";
    delete (c as unknown as { _days?: number[] })._days;
  });
  // Prospects: seen before as-of (or undated) with no valid purchase.
  const prospects = new Set<string>();
  for (const r of rows) if (r.customer !== "" && !byCustomer.has(r.customer) && (r.day === null || r.day < asOf)) prospects.add(r.customer);
  customers.sort((a, b) => cmp(a.id, b.id));
  const extra = [...prospects].sort(cmp).map((id) => ({ id, prospect: true, stage: "Prospect" }));
  return [...customers, ...extra];
}

/** The reference result as rows of the SPEC §9 CSV (strings), for comparison with the CLI's file. */
export function referenceCsvRows(customers: RefCustomer[]): string[][] {
  const iso = (d?: number) => (d === undefined ? "" : new Date(d * 86400000).toISOString().slice(0, 10));
  const s = (v: unknown) => (v === undefined ? "" : String(v));
  return customers.map((c) => [
    c.id, iso(c.first), iso(c.last), s(c.recency), s(c.tenure), s(c.frequency), s(c.monetary), s(c.aov),
    s(c.r), s(c.f), s(c.m), c.prospect ? "" : `${c.r}${c.f}${c.m}`, s(c.segment), s(c.rfm8), s(c.tier), s(c.freqTier), s(c.amountTier), c.stage,
  ]);
}

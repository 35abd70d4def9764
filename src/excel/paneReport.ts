/** The extra lines of the pane's results (period, CLV, clusters, trends), taken from what the grade computed. */
import { KIND_CUSTOMER } from "../engine/grade/aggregate";
import type { GradeResult } from "../engine/grade/pipeline";
import { INVALID_DAY } from "../engine/common/missing";
import { formatDay } from "../engine/read/days";
import { TRENDS } from "../engine/report/trend";
import { NO_GRADE } from "../engine/common/labels";
import { ROW_INCLUDED } from "../engine/read/transactions";
import type { GradeReport } from "./host";
import type { PlanExtras } from "../engine/report/planExtras";

/** First and last day of the rows that were graded. */
export function gradedPeriod(result: GradeResult): GradeReport["period"] {
  const { day, status, rowCount } = result.transactions;
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < rowCount; ++i) {
    if (status[i] !== ROW_INCLUDED || day[i] === INVALID_DAY) continue;
    if (day[i] < first) first = day[i];
    if (day[i] > last) last = day[i];
  }
  return first <= last ? { first: formatDay(first), last: formatDay(last) } : undefined;
}

/** Totals of the CLV columns (12-month CLV and P(alive) per customer, as the plan writes them, to cents and 4 places). */
export function clvTotals(result: GradeResult, clv: NonNullable<PlanExtras["clv"]>): GradeReport["clv"] {
  const { kind, size } = result.measures;
  let customers = 0, total = 0, alive = 0;
  for (let c = 0; c < size; ++c) {
    if (kind[c] !== KIND_CUSTOMER) continue;
    const pAlive = Math.round(clv.columns.pAlive[c] * 1e4) / 1e4, value = Math.round(clv.columns.clv[c] * 100) / 100;
    if (!Number.isFinite(value) || !Number.isFinite(pAlive)) continue;
    ++customers;
    total += value;
    alive += pAlive;
  }
  return { customers, total12m: Math.round(total * 100) / 100, meanPAlive: customers ? alive / customers : 0 };
}

export function clusterProfiles(extras: PlanExtras): GradeReport["clusters"] {
  return extras.clustering?.profiles.map((p) => ({ name: p.name, customers: p.customers }));
}

export function trendCounts(extras: PlanExtras): GradeReport["trends"] {
  const counts = TRENDS.map((t) => ({ key: t.key, customers: 0 }));
  if (!extras.trends) return counts;
  for (const code of extras.trends.trend) if (code !== NO_GRADE && counts[code]) counts[code].customers++;
  return counts;
}

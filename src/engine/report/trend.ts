/**
 * Value trend and activity index (issue: data-driven segments).
 *
 * Trend: spend in the last `windowDays` before the as-of date (recent) against the `windowDays`
 * before that (previous). New when the first purchase falls inside the recent window (no history
 * before it); otherwise Growing when recent > previous × (1 + threshold), Declining when
 * recent < previous × (1 − threshold), Stable in between (a change of exactly ±threshold is Stable) (both windows empty is Stable: the lifecycle
 * stage says the customer is dormant). Ratios only, so scaling every amount changes no trend.
 *
 * Activity index: purchase days per day in the recent window ÷ purchase days per day over the whole
 * tenure (first purchase to as-of). 1 = buying as usual, < 1 slowing down, > 1 speeding up; none for
 * customers whose tenure is not longer than the window (no long-run rate to compare with).
 */
import { groupIncludedRows, KIND_CUSTOMER } from "../grade/aggregate";
import type { GradeResult } from "../grade/pipeline";
import { NO_GRADE, type Label } from "../common/labels";

export const TRENDS: readonly Label[] = [
  { key: "growing", en: "Growing", zh: "上升" },
  { key: "stable", en: "Stable", zh: "平稳" },
  { key: "declining", en: "Declining", zh: "下降" },
  { key: "new", en: "New", zh: "新" },
];
export const TREND_GROWING = 0, TREND_STABLE = 1, TREND_DECLINING = 2, TREND_NEW = 3;

export interface TrendOptions {
  windowDays: number;
  threshold: number;
}
export const DEFAULT_TREND: TrendOptions = { windowDays: 90, threshold: 0.2 };

export interface Trends {
  /** TRENDS code per customer index (NO_GRADE when not a graded customer). */
  trend: Uint8Array;
  recentSpend: Float64Array;
  previousSpend: Float64Array;
  /** NaN where there is no index (not a customer, or tenure ≤ window). */
  activity: Float64Array;
}

export function customerTrends(result: GradeResult, options: TrendOptions = DEFAULT_TREND): Trends {
  const { measures, transactions: tx, asOfDay } = result;
  const size = measures.size;
  const { offsets, rows } = groupIncludedRows(tx, size);
  const recentFrom = asOfDay - options.windowDays;
  const previousFrom = recentFrom - options.windowDays;
  const trend = new Uint8Array(size).fill(NO_GRADE);
  const recentSpend = new Float64Array(size);
  const previousSpend = new Float64Array(size);
  const activity = new Float64Array(size).fill(NaN);
  const recentDays = new Set<number>();
  for (let c = 0; c < size; ++c) {
    if (measures.kind[c] !== KIND_CUSTOMER) continue;
    let recent = 0, previous = 0;
    recentDays.clear();
    for (let k = offsets[c]; k < offsets[c + 1]; ++k) {
      const i = rows[k];
      const d = tx.day[i];
      if (d >= recentFrom) {
        recent += tx.amount[i];
        recentDays.add(d);
      } else if (d >= previousFrom) previous += tx.amount[i];
    }
    recentSpend[c] = recent;
    previousSpend[c] = previous;
    const t = options.threshold;
    // Compared with a relative tolerance, so that a change of exactly ±threshold is Stable whatever
    // the currency's scale (floating-point products would otherwise flip it).
    const eps = 1e-9 * Math.max(recent, previous);
    trend[c] =
      measures.firstDay[c] >= recentFrom ? TREND_NEW
      : recent - previous * (1 + t) > eps ? TREND_GROWING
      : previous * (1 - t) - recent > eps ? TREND_DECLINING
      : TREND_STABLE;
    const tenure = asOfDay - measures.firstDay[c];
    if (tenure > options.windowDays) activity[c] = recentDays.size / options.windowDays / (measures.purchaseDays[c] / tenure);
  }
  return { trend, recentSpend, previousSpend, activity };
}

/** The three kinds of valuable customers (seed 003): most profitable, growing, declining — with what to do. */
export const VALUABLE_KINDS = [
  { key: "most_profitable", en: "Most profitable (tier A)", zh: "最有价值客户（A 级）", action: { en: "Protect: dedicated contact, early access, no discount needed.", zh: "重点维护：专人联系、优先体验，无需折扣。" } },
  { key: "growing", en: "Growing (tier A or B, spend rising)", zh: "成长型客户（A/B 级，消费上升）", action: { en: "Invest: upsell bundles and membership upgrades while they grow.", zh: "加大投入：在其成长期推荐组合与会员升级。" } },
  { key: "declining", en: "Declining (tier A or B, spend falling)", zh: "下滑型客户（A/B 级，消费下降）", action: { en: "Act now: personal call or offer to find out why spend fell.", zh: "立即行动：电话回访或专属优惠，了解消费下降原因。" } },
] as const;

/** Customers and revenue of each valuable kind (a customer can be both most profitable and growing or declining). */
export function valuableCustomers(result: GradeResult, trends: Trends): { key: string; customers: number; revenue: number }[] {
  const { measures, grades } = result;
  const out = VALUABLE_KINDS.map((k) => ({ key: k.key, customers: 0, revenue: 0 }));
  for (const c of measures.customerIndexes) {
    if (measures.kind[c] !== KIND_CUSTOMER) continue;
    const tier = grades.valueTier[c];
    const add = (k: number) => {
      out[k].customers += 1;
      out[k].revenue += measures.monetary[c];
    };
    if (tier === 0) add(0);
    if (tier <= 1 && trends.trend[c] === TREND_GROWING) add(1);
    if (tier <= 1 && trends.trend[c] === TREND_DECLINING) add(2);
  }
  return out;
}

/** Decimal places the activity index is written with, by the CLI (CSV, JSON, XLSX) and the add-in alike. */
export const ACTIVITY_DECIMALS = 4;
const ACTIVITY_SCALE = 10 ** ACTIVITY_DECIMALS;

/** The activity index as written out (CLI and add-in alike): ACTIVITY_DECIMALS places, null when there is none. */
export function activityValue(activity: number): number | null {
  return Number.isFinite(activity) ? Math.round(activity * ACTIVITY_SCALE) / ACTIVITY_SCALE : null;
}

import type { DateOrder, DateSystem, Lang, ScoreMethod } from "../types";

/** Every grading option. Defaults are those of SPEC.md; tests and benchmarks use them. */
export interface GradeOptions {
  /** First day after the period analysed, `YYYY-MM-DD`; default: the day after the latest valid purchase. */
  asOf?: string;
  /** Score levels per measure, 2–10. */
  bins: number;
  method: ScoreMethod;
  /** With method "fixed": bins − 1 ascending breakpoints per measure. */
  fixedBreaks?: { recency: number[]; frequency: number[]; monetary: number[] };
  /** Count zero-value rows (free items, promotions) as purchases. */
  zeroAmounts: "exclude" | "include";
  dateSystem: DateSystem;
  /** How to read `03/05/2024`: detected from the column when "auto". */
  dateOrder: DateOrder;
  /** Value tier thresholds on the share of revenue held by larger customers (SPEC §5.3). */
  valueTiers: { a: number; b: number };
  /** Lifecycle windows in days and the loyal order count (SPEC §6). */
  lifecycle: { activeDays: number; dormantDays: number; lostDays: number; loyalOrders: number; newDays: number; reactivationGapDays: number };
  lang: Lang;
}

export const DEFAULT_OPTIONS: GradeOptions = {
  bins: 5,
  method: "quantile",
  zeroAmounts: "exclude",
  dateSystem: 1900,
  dateOrder: "auto",
  valueTiers: { a: 0.8, b: 0.95 },
  lifecycle: { activeDays: 90, dormantDays: 180, lostDays: 365, loyalOrders: 5, newDays: 90, reactivationGapDays: 180 },
  lang: "en",
};

export type PartialOptions = Partial<Omit<GradeOptions, "valueTiers" | "lifecycle">> & {
  valueTiers?: Partial<GradeOptions["valueTiers"]>;
  lifecycle?: Partial<GradeOptions["lifecycle"]>;
};

/** Fills in defaults and checks ranges; returns the problems found as plain messages. */
export function resolveOptions(partial: PartialOptions = {}): { options: GradeOptions; problems: string[] } {
  const options: GradeOptions = {
    ...DEFAULT_OPTIONS,
    ...stripUndefined(partial),
    valueTiers: { ...DEFAULT_OPTIONS.valueTiers, ...stripUndefined(partial.valueTiers ?? {}) },
    lifecycle: { ...DEFAULT_OPTIONS.lifecycle, ...stripUndefined(partial.lifecycle ?? {}) },
  };
  const problems: string[] = [];
  if (!Number.isInteger(options.bins) || options.bins < 2 || options.bins > 10) problems.push(`bins must be a whole number from 2 to 10 (got ${options.bins})`);
  if (!["quantile", "ntile", "fixed"].includes(options.method)) problems.push(`method must be quantile, ntile or fixed (got ${options.method})`);
  if (options.method === "fixed") {
    const fb = options.fixedBreaks;
    if (!fb) problems.push("method fixed needs breakpoints for recency, frequency and monetary");
    else
      for (const key of ["recency", "frequency", "monetary"] as const) {
        const b = fb[key];
        if (!Array.isArray(b) || b.length !== options.bins - 1 || b.some((v, i) => !Number.isFinite(v) || (i > 0 && v < b[i - 1])))
          problems.push(`fixed ${key} breakpoints must be ${options.bins - 1} ascending numbers`);
      }
  }
  if (!["exclude", "include"].includes(options.zeroAmounts)) problems.push(`zero amounts must be exclude or include (got ${options.zeroAmounts})`);
  if (options.dateSystem !== 1900 && options.dateSystem !== 1904) problems.push(`date system must be 1900 or 1904`);
  if (!["auto", "dmy", "mdy"].includes(options.dateOrder)) problems.push(`date order must be auto, dmy or mdy (got ${options.dateOrder})`);
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) problems.push(`as-of date must be YYYY-MM-DD (got ${options.asOf})`);
  const { a, b } = options.valueTiers;
  if (!(a > 0 && a < b && b <= 1)) problems.push(`value tier thresholds must satisfy 0 < A < B ≤ 1 (got ${a}, ${b})`);
  for (const [key, value] of Object.entries(options.lifecycle))
    if (!Number.isFinite(value) || value < 0) problems.push(`lifecycle ${key} must be a number ≥ 0 (got ${value})`);
  if (options.lang !== "en" && options.lang !== "zh") problems.push(`language must be en or zh (got ${options.lang})`);
  return { options, problems };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

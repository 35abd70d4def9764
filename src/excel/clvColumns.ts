/** CLV columns and the holdout tracking curve, as the plan's extras; loaded on demand so the pane's first load stays small. */
import { calibrationView, clvForResult, clvTiers, fitClvModels, trackingCurve, type ClvRefusal, type PurchaseModel } from "../engine/clv";
import { formatDay, isoDay } from "../engine/read/days";
import { INVALID_DAY } from "../engine/common/missing";
import type { GradeResult } from "../engine/grade/pipeline";
import type { PlanExtras } from "../engine/report/planExtras";

export function clvExtras(result: GradeResult, model?: PurchaseModel): { ok: true; clv: NonNullable<PlanExtras["clv"]> } | ClvRefusal {
  const clv = clvForResult(result, { unit: "day", model });
  if (!clv.ok) return clv;
  return { ok: true, clv: { columns: clv.columns, tiers: clvTiers(result, clv.columns.clv) } };
}

/** BG/NBD fitted before `holdoutFrom` (YYYY-MM-DD), tracked week by week to the as-of date. */
export function holdoutTracking(result: GradeResult, holdoutFrom: string): { ok: true; tracking: NonNullable<PlanExtras["tracking"]> } | { ok: false; message: string } {
  const end = isoDay(holdoutFrom);
  if (end === INVALID_DAY || end >= result.asOfDay) return { ok: false, message: `the holdout start ${holdoutFrom} must be a date before the as-of date ${formatDay(result.asOfDay)}.` };
  const fitted = fitClvModels(calibrationView(result.transactions, end), end, "week", ["bgnbd"]);
  if (!fitted.ok) return fitted;
  return { ok: true, tracking: { points: trackingCurve(result.transactions, result.asOfDay, end, "week", fitted.fit.bgnbd), calibrationEnd: holdoutFrom } };
}

/** CLV columns and the holdout tracking table; loaded on demand so the pane's first load stays small. */
import { calibrationView, clvForResult, clvTiers, fitClvModels, trackingCurve } from "../engine/clv";
import { formatDay, isoDay } from "../engine/read/days";
import { INVALID_DAY } from "../engine/missing";
import type { GradeResult } from "../engine/grade/pipeline";
import { labelText, NO_GRADE, VALUE_TIERS } from "../engine/labels";
import type { Lang } from "../engine/types";
import type { ExtraCustomerColumns, Tracking } from "./reportTypes";

const HEADERS = {
  en: ["p_alive", "expected_purchases_90d", "expected_spend", "clv_12m", "CLV tier"],
  zh: ["存活概率", "未来90天预期购买次数", "预期单次消费", "12个月客户终身价值", "CLV等级"],
};

export function clvColumns(result: GradeResult, lang: Lang): { ok: true; columns: ExtraCustomerColumns } | { ok: false; message: string } {
  const clv = clvForResult(result, { unit: "day" });
  if (!clv.ok) return clv;
  const { pAlive, expectedPurchases90d, expectedSpend, clv: value } = clv.columns;
  const tiers = clvTiers(result, value);
  const round = (v: number, dp: number) => (Number.isFinite(v) ? Math.round(v * 10 ** dp) / 10 ** dp : null);
  return {
    ok: true,
    columns: {
      header: HEADERS[lang],
      formats: ["0.000", "0.00", "#,##0.00", "#,##0.00", ""],
      values: (c) => [round(pAlive[c], 4), round(expectedPurchases90d[c], 4), round(expectedSpend[c], 2), round(value[c], 2), tiers[c] === NO_GRADE ? null : labelText(VALUE_TIERS, tiers[c], lang)],
    },
  };
}

/** BG/NBD fitted before `holdoutFrom` (YYYY-MM-DD), tracked week by week to the as-of date. */
export function holdoutTracking(result: GradeResult, holdoutFrom: string): { ok: true; tracking: Tracking } | { ok: false; message: string } {
  const end = isoDay(holdoutFrom);
  if (end === INVALID_DAY || end >= result.asOfDay) return { ok: false, message: `the holdout start ${holdoutFrom} must be a date before the as-of date ${formatDay(result.asOfDay)}.` };
  const fitted = fitClvModels(calibrationView(result.transactions, end), end, "week", ["bgnbd"]);
  if (!fitted.ok) return fitted;
  return { ok: true, tracking: { points: trackingCurve(result.transactions, result.asOfDay, end, "week", fitted.fit.bgnbd), calibrationEnd: holdoutFrom } };
}

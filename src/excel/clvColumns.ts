/** CLV columns for the Customers sheet; loaded on demand so the pane's first load stays small. */
import { clvForResult } from "../engine/clv";
import type { GradeResult } from "../engine/grade";
import type { Lang } from "../engine/types";
import type { ExtraCustomerColumns } from "./reportSheets";

const HEADERS = {
  en: ["p_alive", "expected_purchases_90d", "expected_spend", "clv_12m"],
  zh: ["存活概率", "未来90天预期购买次数", "预期单次消费", "12个月客户终身价值"],
};

export function clvColumns(result: GradeResult, lang: Lang): { ok: true; columns: ExtraCustomerColumns } | { ok: false; message: string } {
  const clv = clvForResult(result, { unit: "day" });
  if (!clv.ok) return clv;
  const { pAlive, expectedPurchases90d, expectedSpend, clv: value } = clv.columns;
  const round = (v: number, dp: number) => (Number.isFinite(v) ? Math.round(v * 10 ** dp) / 10 ** dp : null);
  return {
    ok: true,
    columns: {
      header: HEADERS[lang],
      formats: ["0.000", "0.00", "#,##0.00", "#,##0.00"],
      values: (c) => [round(pAlive[c], 4), round(expectedPurchases90d[c], 4), round(expectedSpend[c], 2), round(value[c], 2)],
    },
  };
}

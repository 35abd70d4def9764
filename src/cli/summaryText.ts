/** The short, readable summary `tiers grade` prints to stderr when there is no --out. */
import { asOfText, type GradeResult } from "../engine/grade/pipeline";
import { AMOUNT_TIERS, FREQUENCY_TIERS, LIFECYCLE_STAGES, RF_SEGMENTS, VALUE_TIERS, type Label } from "../engine/common/labels";
import type { GroupCount } from "../engine/grade/summary";
import type { Lang } from "../engine/common/types";
import { reasonZh } from "../engine/common/labels";
import { cliText } from "./optionFlags";
import { EXCLUSION_REASONS } from "../engine/common/types";
import { netRevenue } from "../engine/report/netRevenue";

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

function groupLines(title: string, list: readonly Label[], groups: GroupCount[], lang: Lang): string[] {
  const width = Math.max(...list.map((l) => l[lang].length));
  return [
    `${title}:`,
    ...groups.filter((g) => g.customers > 0).map((g) => `  ${list[g.code][lang].padEnd(width)}  ${String(g.customers).padStart(7)}  ${fmt(g.revenue).padStart(14)}`),
  ];
}

const HEAD = {
  en: { read: "rows read", included: "included", returns: "returns", excluded: "excluded", rows: "rows", asOf: "as of", customers: "customers", prospects: "prospects", revenue: "revenue", gross: "gross revenue", returned: "returns", net: "net revenue", floored: "customers floored at 0:" },
  zh: { read: "读取行数", included: "计入", returns: "退货", excluded: "未计入", rows: "行", asOf: "截止日期", customers: "客户数", prospects: "潜在客户", revenue: "收入", gross: "毛收入", returned: "退货金额", net: "净收入", floored: "不低于0的调整" },
};

export function summaryText(result: GradeResult, lang: Lang): string {
  const { report, summary } = result;
  const h = HEAD[lang];
  const label = (text: string) => text.padEnd(lang === "zh" ? 10 : 14);
  const lines = [`${label(h.read)} ${fmt(report.rowsRead)}`, `${label(h.included)} ${fmt(report.included)}`];
  if (report.returns.count) lines.push(`${label(h.returns)} ${fmt(report.returns.count)}  (${fmt(report.returns.amount)}; ${h.rows} ${report.returns.rows.join(", ")}${report.returns.count > report.returns.rows.length ? ", …" : ""})`);
  lines.push(`${label(h.excluded)} ${fmt(report.rowsRead - report.included - report.returns.count)}`);
  EXCLUSION_REASONS.forEach((reason) => {
    const r = report.excluded[reason];
    const name = lang === "zh" ? reasonZh(reason) : reason;
    if (r.count) lines.push(`  ${name.padEnd(20)} ${fmt(r.count).padStart(9)}  (${r.column ? `${r.column}; ` : ""}${h.rows} ${r.rows.join(", ")}${r.count > r.rows.length ? ", …" : ""})`);
  });
  lines.push(`${label(h.asOf)} ${asOfText(result)}`, `${label(h.customers)} ${fmt(summary.customers)}`, `${label(h.prospects)} ${fmt(summary.prospects)}`, `${label(h.revenue)} ${fmt(summary.revenue)}`);
  // With returns = net: revenue is net; gross and the returns beside it.
  const net = netRevenue(result);
  if (net) lines.push(`${label(h.gross)} ${fmt(net.gross)}`, `${label(h.returned)} ${fmt(net.returns)}${net.floored ? `  (${h.floored} ${fmt(net.floored)})` : ""}`, `${label(h.net)} ${fmt(net.net)}`);
  lines.push("");
  lines.push(...groupLines("segments", RF_SEGMENTS, summary.segments, lang), "");
  lines.push(...groupLines("value tiers", VALUE_TIERS, summary.valueTiers, lang), "");
  lines.push(...groupLines("frequency tiers", FREQUENCY_TIERS, summary.frequencyTiers, lang), "");
  lines.push(...groupLines("amount tiers", AMOUNT_TIERS, summary.amountTiers, lang), "");
  lines.push(...groupLines("lifecycle stages", LIFECYCLE_STAGES, summary.stages, lang));
  for (const [measure, levels] of Object.entries(summary.emptyLevels))
    if (levels.length) lines.push("", `note: no customer got ${measure} score ${levels.join(", ")} (ties); --method ntile spreads them evenly`);
  if (result.notes.length) lines.push("", ...result.notes.map((n) => `note: ${cliText(n, lang)}`));
  return lines.join("\n") + "\n";
}

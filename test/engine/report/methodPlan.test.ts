/**
 * The Method sheet's lines for the options of #21/#22: the breakdown (which column, the
 * majority-revenue rule and its tie), member levels (the ladder as given, inclusive thresholds),
 * returns netted and amounts per order — in English and Chinese, present exactly when used.
 */
import { gradeTable, type GradeResult } from "../../../src/engine/grade/pipeline";
import { customerDimensions } from "../../../src/engine/grade/breakdown";
import { memberLevels, parseLevels } from "../../../src/engine/grade/memberLevels";
import type { PartialOptions } from "../../../src/engine/grade/options";
import { methodSheet } from "../../../src/engine/report/methodPlan";
import type { PlanExtras } from "../../../src/engine/report/planExtras";
import { blockRow, blockRowCount, type Block } from "../../../src/engine/report/workbookPlan";
import { EXCLUSION_REASONS, type Cell } from "../../../src/engine/common/types";
import { reasonZh, ROW_STATUS_WORDS } from "../../../src/engine/common/labels";

const CELLS: Cell[][] = [
  ["Order", "Customer", "Date", "Amount", "Region"],
  ["A1", "c1", "2024-01-05", 100, "North"],
  ["A2", "c1", "2024-02-05", 300, "South"],
  ["A3", "c2", "2024-01-09", 50, "North"],
  ["A4", "c2", "2024-03-01", -20, "North"],
  ["A5", "c3", "2024-03-02", 900, "East"],
];

function grade(options: PartialOptions, lang: "en" | "zh", by = false): GradeResult {
  const outcome = gradeTable({ cells: CELLS, mapping: by ? { dimension: "Region" } : {} }, { ...options, lang });
  if (!outcome.ok) throw new Error(outcome.issues[0].message);
  return outcome.result;
}

const rowsOf = (b: Block) => Array.from({ length: blockRowCount(b) }, (_, i) => blockRow(b, i));
function lines(result: GradeResult, lang: "en" | "zh", extras: PlanExtras = {}) {
  const sheet = methodSheet(result, lang, { generated: "2026-12-01", version: "9.9.9" }, extras);
  const block = (key: string) => sheet.blocks.find((b) => b.key === key)!;
  return { rules: new Map(rowsOf(block("rules")).map((r) => [String(r[0]), String(r[1])])), options: new Map(rowsOf(block("options")).map((r) => [String(r[0]), r[1]])) };
}

describe.each(["en", "zh"] as const)("%s", (lang) => {
  const zh = lang === "zh";
  test("the Rows rule names every exclusion reason, in the order they are checked", () => {
    const line = lines(grade({}, lang), lang).rules.get(zh ? "交易行" : "Rows")!;
    // The engine's one wording of each reason in either language (the pane says them so too).
    const words = EXCLUSION_REASONS.map((r) => (zh ? reasonZh(r) : ROW_STATUS_WORDS[r]));
    expect(words).toHaveLength(EXCLUSION_REASONS.length);
    const at = words.map((w) => line.indexOf(w));
    expect(at.every((k) => k >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  test("breakdown: the column and the majority-revenue rule with its tie", () => {
    const result = grade({}, lang, true);
    const breakdown = customerDimensions(result)!;
    expect(breakdown.column).toBe("Region");
    const { rules } = lines(result, lang, { breakdown });
    const line = rules.get(zh ? "细分维度" : "Breakdown")!;
    expect(line).toContain(zh ? "“Region”" : '"Region"');
    expect(line).toMatch(zh ? /贡献最多有效收入.*金额相同时取其最近一次购买的值/ : /most of their valid revenue; on a tie, the value of their latest purchase/);
    expect(lines(result, lang).rules.has(zh ? "细分维度" : "Breakdown")).toBe(false);
  });

  test("member levels: the ladder as given, on its basis, thresholds inclusive", () => {
    const result = grade({}, lang);
    const parsed = parseLevels("普通:0,银卡:300,金卡:900", "spend:90");
    if (!parsed.ok) throw new Error(parsed.message);
    const { rules } = lines(result, lang, { levels: memberLevels(result, parsed.ladder) });
    const line = rules.get(zh ? "会员等级" : "Member level")!;
    expect(line).toContain(zh ? "普通 自 0，银卡 自 300，金卡 自 900" : "普通 from 0, 银卡 from 300, 金卡 from 900");
    expect(line).toContain(zh ? "截止日期前 90 天内的消费" : "spend in the 90 days before the as-of date");
    expect(line).toContain(zh ? "（含门槛）" : "thresholds inclusive");
  });

  test("returns netted and amounts per order: a rule when used, and both in the options table", () => {
    const net = lines(grade({ returns: "net", amountPer: "order" }, lang), lang);
    expect(net.rules.get(zh ? "退货" : "Returns")).toMatch(zh ? /冲减，最低为 0/ : /netted off their customer's monetary, never below 0/);
    expect(net.rules.get(zh ? "订单金额" : "Order amounts")).toMatch(zh ? /按用户选择/ : /chosen by the user/);
    expect(net.options.get(zh ? "退货（负金额）" : "Returns (negative amounts)")).toBe(zh ? "冲减消费金额" : "netted off monetary");
    expect(net.options.get(zh ? "每行重复的订单总额" : "Order total repeated on each line")).toBe(zh ? "每个订单只计一次" : "counted once per order");
    const plain = lines(grade({}, lang), lang);
    expect(plain.rules.has(zh ? "退货" : "Returns")).toBe(false);
    expect(plain.rules.get(zh ? "订单金额" : "Order amounts")).toMatch(zh ? /自动判断/ : /detected/);
    expect(plain.options.get(zh ? "退货（负金额）" : "Returns (negative amounts)")).toBe(zh ? "排除" : "excluded");
    expect(lines(grade({ amountPer: "line" }, lang), lang).rules.has(zh ? "订单金额" : "Order amounts")).toBe(false);
  });
});

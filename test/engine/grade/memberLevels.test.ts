/** Member levels (会员等级, SPEC §5.5): inclusive thresholds, the three bases, the CLI column and TIERS.LEVEL. */
import fc from "fast-check";
import { gradeTable } from "../../../src/engine/grade/pipeline";
import { levelIndex, memberLevels, parseLevels } from "../../../src/engine/grade/memberLevels";
import { NO_GRADE } from "../../../src/engine/common/labels";
import type { Cell } from "../../../src/engine/common/types";
import * as core from "../../../src/functions/core";

const CELLS: Cell[][] = [
  ["Customer", "Date", "Amount"],
  ["普通甲", "2024-01-10", 999.99],
  ["银卡乙", "2024-01-10", 600], ["银卡乙", "2024-06-01", 400], // exactly 1000: 银卡 (inclusive)
  ["金卡丙", "2023-02-01", 4000], ["金卡丙", "2024-06-20", 1000], // exactly 5000, but only 1000 in the last 365 days
  ["零", "2024-06-29", 0.01],
];

function graded() {
  const outcome = gradeTable({ cells: CELLS }, { asOf: "2024-07-01" });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
  return outcome.result;
}

const levelsById = (basis?: string) => {
  const parsed = parseLevels("普通:0,银卡:1000,金卡:5000", basis);
  if (!parsed.ok) throw new Error(parsed.message);
  const result = graded();
  const { level } = memberLevels(result, parsed.ladder);
  return Object.fromEntries(Array.from(result.measures.customerIndexes, (c) => c).map((c) => [result.measures.ids[c], level[c] === NO_GRADE ? null : parsed.ladder.names[level[c]]]));
};

describe("member levels", () => {
  test("thresholds are inclusive: monetary 1000 is 银卡 and 5000 is 金卡; 999.99 stays 普通", () => {
    expect(levelsById()).toEqual({ 普通甲: "普通", 银卡乙: "银卡", 金卡丙: "金卡", 零: "普通" });
  });

  test("spend:365 counts only the last 365 days before the as-of date; frequency counts purchases", () => {
    expect(levelsById("spend:365")).toEqual({ 普通甲: "普通", 银卡乙: "银卡", 金卡丙: "银卡", 零: "普通" });
    const parsed = parseLevels("one:1,two:2", "frequency");
    if (!parsed.ok) throw new Error();
    const result = graded();
    const { level } = memberLevels(result, parsed.ladder);
    const byId = Object.fromEntries(Array.from(result.measures.customerIndexes, (c) => c).map((c) => [result.measures.ids[c], level[c]]));
    expect(byId).toEqual({ 普通甲: 0, 银卡乙: 1, 金卡丙: 1, 零: 0 });
  });

  test("a value below the first threshold has no level; parse errors name the problem", () => {
    const parsed = parseLevels("银卡:1000,金卡:5000");
    if (!parsed.ok) throw new Error();
    const result = graded();
    const { level } = memberLevels(result, parsed.ladder);
    expect(Array.from(result.measures.customerIndexes).filter((c) => level[c] === NO_GRADE).map((c) => result.measures.ids[c]).sort()).toEqual(["普通甲", "零"].sort());
    expect(parseLevels("a:5,b:1")).toMatchObject({ ok: false, message: expect.stringContaining("rise") });
    expect(parseLevels("a5")).toMatchObject({ ok: false });
    expect(parseLevels("a:0", "spend:x")).toMatchObject({ ok: false, message: expect.stringContaining("levels-on") });
  });

  test("levelIndex is the last threshold ≤ value (property against a filter)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 6 }), fc.double({ min: -100, max: 100, noNaN: true }), (raw, v) => {
        const t = [...raw].sort((a, b) => a - b);
        return levelIndex(v, t) === t.filter((x) => x <= v).length - 1;
      }),
    );
  });

  test("TIERS.LEVEL gives the same name, #N/A below the first threshold, #VALUE! for a bad ladder", () => {
    const th = [[0], [1000], [5000]], names = [["普通"], ["银卡"], ["金卡"]];
    expect([999.99, 1000, 4999, 5000, 1e9].map((v) => core.level(v, th, names))).toEqual(["普通", "银卡", "银卡", "金卡", "金卡"]);
    expect(() => core.level(5, [[10], [20]], [["a"], ["b"]])).toThrow(expect.objectContaining({ kind: "na" }));
    expect(() => core.level(5, [[10], [5]], [["a"], ["b"]])).toThrow(expect.objectContaining({ kind: "value" }));
  });

  test("tiers grade --levels adds member_level after the SPEC columns, in any language", async () => {
    const { runCli, tempDir, readCsv } = await import("../../support/runCli");
    const fs = await import("fs");
    const path = await import("path");
    const dir = tempDir();
    const file = path.join(dir, "t.csv");
    fs.writeFileSync(file, CELLS.map((r) => r.join(",")).join("\n") + "\n");
    const out = path.join(dir, "o.csv");
    expect((await runCli(["grade", file, "--as-of", "2024-07-01", "--lang", "zh", "--levels", "普通:0,银卡:1000,金卡:5000", "--out", out])).code).toBe(0);
    const [header, ...body] = readCsv(out);
    expect(header[18]).toBe("member_level");
    expect(Object.fromEntries(body.map((r) => [r[0], r[18]]))).toEqual({ 普通甲: "普通", 银卡乙: "银卡", 金卡丙: "金卡", 零: "普通" });
    const bad = await runCli(["grade", file, "--levels", "a:5,b:1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("thresholds must rise");
  });
});

test("the workbook plan shows member levels on Customers and as a Summary table with an action per level", async () => {
  const { buildWorkbookPlan } = await import("../../../src/engine/report/buildWorkbookPlan");
  const { blockRow, blockRowCount } = await import("../../../src/engine/report/workbookPlan");
  const parsed = parseLevels("普通:0,银卡:1000,金卡:5000");
  if (!parsed.ok) throw new Error();
  const result = graded();
  const plan = buildWorkbookPlan(result, { lang: "zh", method: { generated: "2024-07-01", version: "test" }, extras: { levels: memberLevels(result, parsed.ladder) } });
  const customers = plan.sheets.find((s) => s.role === "customers")!;
  const table = customers.blocks[0];
  const at = table.columns.findIndex((c) => c.key === "member_level");
  expect(table.columns[at].title).toBe("会员等级");
  const idAt = table.columns.findIndex((c) => c.key === "customer_id");
  const got = Object.fromEntries(Array.from({ length: blockRowCount(table) }, (_, i) => blockRow(table, i)).map((r) => [r[idAt], r[at]]));
  expect(got).toEqual({ 普通甲: "普通", 银卡乙: "银卡", 金卡丙: "金卡", 零: "普通" });
  const summary = plan.sheets.find((s) => s.role === "summary")!;
  const levels = summary.blocks.find((b) => b.key === "memberLevels")!;
  const rows = Array.from({ length: blockRowCount(levels) }, (_, i) => blockRow(levels, i));
  expect(rows.map((r) => [r[0], r[1]])).toEqual([["金卡", 1], ["银卡", 1], ["普通", 2]]);
  expect(rows.every((r) => typeof r[r.length - 1] === "string" && String(r[r.length - 1]).length > 5)).toBe(true);
});

test("tiers grade --levels --out x.xlsx: the member levels are on the Customers sheet and the Summary", async () => {
  const { runCli, tempDir } = await import("../../support/runCli");
  const ExcelJS = (await import("exceljs")).default;
  const fs = await import("fs");
  const path = await import("path");
  const dir = tempDir();
  const file = path.join(dir, "t.csv");
  fs.writeFileSync(file, CELLS.map((r) => r.join(",")).join("\n") + "\n");
  const out = path.join(dir, "o.xlsx");
  expect((await runCli(["grade", file, "--as-of", "2024-07-01", "--lang", "zh", "--levels", "普通:0,银卡:1000,金卡:5000", "--quiet", "--out", out])).code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  const texts = (name: string) => {
    const sheet = book.worksheets.find((s) => s.name === name);
    const all: string[] = [];
    sheet?.eachRow((row) => row.eachCell((cell) => all.push(String(cell.value))));
    return all;
  };
  const names = book.worksheets.map((s) => s.name);
  const customers = names.find((n) => /客户/.test(n) && !/汇总/.test(n))!;
  expect(texts(customers)).toContain("会员等级");
  expect(texts(customers).filter((t) => t === "银卡").length).toBe(1);
  const summary = names.find((n) => /汇总/.test(n))!;
  expect(texts(summary)).toContain("金卡");
});

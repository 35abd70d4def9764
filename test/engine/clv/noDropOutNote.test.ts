/**
 * A fit that finds no drop-out is said, not shown silently as P(alive) = 1: the note (en + zh) on
 * the CLV columns, in `tiers grade`'s summary, and on the Method sheet's lifetime-value line, which
 * also names the model used. On the pane's synthetic sheet (no one leaves; paneNoDropOut.test.ts)
 * MBG/NBD and Pareto/NBD give the note; BG/NBD there, and both on CDNOW, do not.
 */
import * as fs from "fs";
import * as path from "path";
import { gradeTable, type GradeResult } from "../../../src/engine/grade/pipeline";
import { clvForResult, clvTiers, NO_DROP_OUT_P_ALIVE, type PurchaseModel } from "../../../src/engine/clv";
import { methodSheet } from "../../../src/engine/report/methodPlan";
import { summarySheet } from "../../../src/engine/report/summaryPlan";
import { blockRow, blockRowCount, type Block } from "../../../src/engine/report/workbookPlan";
import { paneSheetCells } from "../../support/paneSheet";
import { SYNTHETIC_HEADER } from "../../support/syntheticSheet";
import { gradedCdnowSample } from "../../support/cdnow";
import { runCli, tempDir } from "../../support/runCli";
import { datasetFile } from "../../support/datasets";
import { gradeFile } from "../../../src/cli/grade";
import { parseCommonArgs } from "../../../src/cli/args";
import { clvSummary } from "../../../src/engine/clv";

const EN = /^The data show no customers leaving: the (BG\/NBD|MBG\/NBD|Pareto\/NBD) fit puts drop-out at zero \(its bound\), so P\(alive\) is 1 for everyone \(lowest 0\.9\d{3}|1\.0000\) and the CLV assumes no churn\.$/;
const ZH = /^数据中看不到客户流失：(MBG\/NBD|Pareto\/NBD) 模型拟合的流失率为 0（落在参数边界），因此所有客户的存活概率都是 1（最低 (0\.9\d{3}|1\.0000)），客户终身价值按不流失计算。$/;

function paneResult(): GradeResult {
  const outcome = gradeTable({ cells: paneSheetCells() });
  if (!outcome.ok) throw new Error(outcome.issues[0].message);
  return outcome.result;
}

const rowsOf = (b: Block) => Array.from({ length: blockRowCount(b) }, (_, i) => blockRow(b, i));

describe("the no-drop-out note", () => {
  const pane = paneResult();

  test.each(["mbgnbd", "paretonbd"] as const)("%s on the pane's sheet: every P(alive) ≥ 0.999, and the note says so in both languages", (model: PurchaseModel) => {
    const out = clvForResult(pane, { unit: "day", model });
    if (!out.ok) throw new Error(out.message);
    const { columns } = out;
    let lowest = 1;
    for (const c of pane.measures.customerIndexes) lowest = Math.min(lowest, columns.pAlive[c]);
    expect(lowest).toBeGreaterThanOrEqual(NO_DROP_OUT_P_ALIVE);
    expect(columns.model).toBe(model);
    expect(columns.notes).toHaveLength(1);
    const [note] = columns.notes;
    expect(note.code).toBe("no_drop_out");
    expect(note.message).toMatch(EN);
    expect(note.message).toContain(model === "mbgnbd" ? "MBG/NBD" : "Pareto/NBD");
    expect(note.message).toContain(`lowest ${lowest.toFixed(4)}`);
    expect(note.zh).toMatch(ZH);
  });

  test("BG/NBD on the pane's sheet finds drop-out among repeat buyers (lowest P(alive) well below 1): no note", () => {
    const out = clvForResult(pane, { unit: "day" });
    if (!out.ok) throw new Error(out.message);
    let lowest = 1;
    for (const c of pane.measures.customerIndexes) lowest = Math.min(lowest, out.columns.pAlive[c]);
    expect(lowest).toBeLessThan(0.9);
    expect(out.columns.notes).toEqual([]);
  });

  test("CDNOW (customers do leave): no note from MBG/NBD or Pareto/NBD", async () => {
    const cdnow = await gradedCdnowSample();
    for (const model of ["mbgnbd", "paretonbd"] as const) {
      const out = clvForResult(cdnow, { unit: "week", model });
      if (!out.ok) throw new Error(out.message);
      expect(out.columns.notes).toEqual([]);
    }
  });

  test.each(["en", "zh"] as const)("%s: the Method sheet's lifetime-value line names the model and carries the note; the Summary's CLV table names the model", (lang) => {
    const out = clvForResult(pane, { unit: "day", model: "mbgnbd" });
    if (!out.ok) throw new Error(out.message);
    const extras = { clv: { columns: out.columns, tiers: clvTiers(pane, out.columns.clv) } };
    const sheet = methodSheet(pane, lang, { generated: "2026-12-02", version: "9.9.9" }, extras);
    const rules = new Map(rowsOf(sheet.blocks.find((b) => b.key === "rules")!).map((r) => [String(r[0]), String(r[1])]));
    const line = rules.get(lang === "zh" ? "客户终身价值" : "Lifetime value")!;
    expect(line.startsWith(lang === "zh" ? "MBG/NBD 模型预测未来购买次数" : "MBG/NBD predicts future purchases")).toBe(true);
    expect(line.endsWith(lang === "zh" ? out.columns.notes[0].zh : ` ${out.columns.notes[0].message}`)).toBe(true);
    const summary = summarySheet(pane, lang, extras);
    const clvBlock = summary.blocks.find((b) => b.key === "clv")!;
    expect(JSON.stringify(clvBlock)).toContain(lang === "zh" ? "各分群预测价值（MBG/NBD + Gamma-Gamma" : "Predicted value by segment (MBG/NBD + Gamma-Gamma");
    // BG/NBD on CDNOW-like data with drop-out: the line without a note.
    const bg = clvForResult(pane, { unit: "day" });
    if (!bg.ok) throw new Error(bg.message);
    const plain = methodSheet(pane, lang, { generated: "2026-12-02", version: "9.9.9" }, { clv: { columns: bg.columns, tiers: clvTiers(pane, bg.columns.clv) } });
    const plainLine = new Map(rowsOf(plain.blocks.find((b) => b.key === "rules")!).map((r) => [String(r[0]), String(r[1])])).get(lang === "zh" ? "客户终身价值" : "Lifetime value")!;
    expect(plainLine.endsWith(lang === "zh" ? "帕累托规则。" : "Pareto rule to predicted value.")).toBe(true);
  });

  test("Pareto/NBD on Online Retail, where BG/NBD finds almost no drop-out: fitted (it was refused), drop-out at its bound, the note, and the purchases of the no-drop-out (NBD) limit", async () => {
    const { result } = await gradeFile(parseCommonArgs([datasetFile("online-retail-uci/online_retail.csv.gz")]));
    const bg = clvForResult(result, { unit: "day" });
    if (!bg.ok) throw new Error(bg.message);
    expect(bg.columns.fit.bgnbd.a / (bg.columns.fit.bgnbd.a + bg.columns.fit.bgnbd.b)).toBeLessThan(1e-3);
    const out = clvForResult(result, { unit: "day", model: "paretonbd" });
    if (!out.ok) throw new Error(out.message);
    expect(out.columns.notes.map((n) => n.code)).toEqual(["no_drop_out"]);
    const { r, alpha, s: shape, beta } = out.columns.fit.paretonbd;
    expect(shape / beta).toBeLessThan(1e-6); // mean drop-out rate per day
    // Without drop-out a customer with x repeat purchases in T days buys (r + x)·t / (α + T) in the next t.
    const summary = clvSummary(result.transactions, result.asOfDay, "day");
    let checked = 0;
    summary.customers.forEach((c, i) => {
      if (result.measures.kind[c] !== 1) return;
      const nbd = ((r + summary.x[i]) * 90) / (alpha + summary.T[i]);
      expect(Math.abs(out.columns.expectedPurchases90d[c] - nbd)).toBeLessThan(1e-4 * Math.max(1, nbd));
      ++checked;
    });
    expect(checked).toBe(result.summary.customers);
  }, 60_000);

  test.each(["en", "zh"] as const)("%s: tiers grade --clv --model mbgnbd says the note with its summary", async (lang) => {
    const file = path.join(tempDir(), "pane.csv");
    const serial = (v: unknown) => new Date(Date.UTC(1899, 11, 30) + Number(v) * 86400000).toISOString().slice(0, 10);
    const lines = paneSheetCells().map((row, r) => (r === 0 ? SYNTHETIC_HEADER : row.map((v, c) => (c === 4 ? serial(v) : String(v)))).join(","));
    fs.writeFileSync(file, lines.join("\n") + "\n");
    const { code, stderr } = await runCli(["grade", file, "--clv", "--model", "mbgnbd", "--lang", lang]);
    expect(code).toBe(0);
    const said = stderr.split("\n").find((l) => l.includes(lang === "zh" ? "看不到客户流失" : "no customers leaving"))!;
    expect(said.replace(/^tiers: [^:]+: /, "")).toMatch(lang === "zh" ? ZH : EN);
    const bg = await runCli(["grade", file, "--clv", "--lang", lang]);
    expect(bg.code).toBe(0);
    expect(bg.stderr).not.toContain(lang === "zh" ? "看不到客户流失" : "no customers leaving");
  });
});

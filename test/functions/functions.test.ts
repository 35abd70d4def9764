/**
 * Custom functions: equal to the CLI/engine on Online Retail, errors as #VALUE!/#N/A with a reason,
 * the grading cache, and the generated metadata.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import * as core from "../../src/functions/core";
import { customerRows } from "../../src/engine/report/customerTable";
import { gradeTable } from "../../src/engine/grade/pipeline";
import type { Cell } from "../../src/engine/common/types";
import { readInput } from "../../src/cli/input";
import { datasetFile } from "../support/datasets";

const col = (values: Cell[]) => values.map((v) => [v]);

let sample: Cell[][];
beforeAll(async () => {
  sample = (await readInput(path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx"), { keepAllColumns: true })).cells;
});

function sampleColumns() {
  const header = sample[0].map(String);
  const pick = (name: RegExp) => header.findIndex((h) => name.test(h));
  const [c, d, a, o] = [pick(/customer/i), pick(/date/i), pick(/amount/i), pick(/order/i)];
  const rows = sample.slice(1);
  return { ids: col(rows.map((r) => r[c])), dates: col(rows.map((r) => r[d])), amounts: col(rows.map((r) => r[a])), orders: col(rows.map((r) => r[o])), names: { c, d, a, o } };
}

describe("functions over transactions equal the engine's grades", () => {
  test("RFMTABLE is the Customers table; CUSTOMERRFM and LIFECYCLE agree with it", () => {
    const { ids, dates, amounts, orders, names } = sampleColumns();
    const cells = [["customer", "date", "amount", "order"], ...ids.map((_, i) => [ids[i][0], dates[i][0], amounts[i][0], orders[i][0]])];
    const engine = gradeTable({ cells, mapping: { customer: 0, date: 1, amount: 2, order: 3 } }, {});
    if (!engine.ok) throw new Error("engine failed");
    void names;
    const table = core.rfmTable(core.gradeTransactions(ids, dates, amounts, orders, null, null), "en");
    const want = customerRows(engine.result, "en");
    expect(table.length).toBe(want.length + 1);
    want.forEach((row, i) => expect(table[i + 1].slice(3)).toEqual(row.slice(3).map((v) => (v === null ? "" : v))));
    const entry = core.gradeTransactions(ids, dates, amounts, orders, null, null);
    for (const row of want.slice(0, 40)) {
      if (row[8] === null) continue;
      expect(core.customerScore(row[0], entry)).toBe(row[11]);
      expect(core.customerLifecycle(row[0], entry, "en")).toBe(row[17]);
    }
  });

  test("RFMSCORE on the Customers sheet's columns gives the Customers sheet's scores (quantile, ntile, fixed, rfm)", () => {
    const { ids, dates, amounts } = sampleColumns();
    const breaks = "r=30,90,180,365;f=1,2,5,10;m=250,500,1000,5000";
    const fixed = { recency: [30, 90, 180, 365], frequency: [1, 2, 5, 10], monetary: [250, 500, 1000, 5000] };
    for (const method of ["quantile", "ntile", "fixed", "rfm"] as const) {
      const cells = [["customer", "date", "amount"], ...ids.map((_, i) => [ids[i][0], dates[i][0], amounts[i][0]])];
      const engine = gradeTable({ cells }, method === "fixed" ? { method, fixedBreaks: fixed } : { method });
      if (!engine.ok) throw new Error("engine failed");
      const rows = customerRows(engine.result, "en").filter((r) => r[8] !== null);
      const scores = core.rfmScores(col(rows.map((r) => r[3])), col(rows.map((r) => r[5])), col(rows.map((r) => r[6])), 5, method, method === "fixed" ? breaks : null);
      expect(scores.map((s) => s[0])).toEqual(rows.map((r) => r[11]));
      // SEGMENT, RFM8 and VALUETIER on the same columns.
      rows.slice(0, 60).forEach((r) => {
        expect(core.segment(Number(r[8]), Number(r[9]), 5, "en")).toBe(r[12]);
        expect(core.rfm8(Number(r[3]), Number(r[5]), Number(r[6]), col(rows.map((x) => x[3])), col(rows.map((x) => x[5])), col(rows.map((x) => x[6])), "en")).toBe(r[13]);
      });
      const firstOfValue = new Map<number, string>();
      rows.forEach((r) => firstOfValue.has(Number(r[6])) || firstOfValue.set(Number(r[6]), String(r[14])));
      for (const [value, tier] of [...firstOfValue].slice(0, 80)) expect(core.valueTier(value, col(rows.map((x) => x[6])), "en")).toBe(tier);
    }
  });

  test("a column of single-customer calls grades once (cache keyed on the exact inputs)", () => {
    const { ids, dates, amounts } = sampleColumns();
    const first = core.gradeTransactions(ids, dates, amounts, null, "2024-07-01", 5);
    const customers = Array.from(first.result.measures.customerIndexes.slice(0, 50), (c) => first.result.measures.ids[c]);
    const before = core.gradeCount();
    for (const id of customers) core.customerScore(id, core.gradeTransactions(ids.map((r) => [...r]), dates, amounts, null, "2024-07-01", 5));
    expect(core.gradeCount()).toBe(before);
    // Any change to the inputs regrades.
    const changed = amounts.map((r, i) => (i === 7 ? [Number(r[0]) + 1] : r));
    core.gradeTransactions(ids, dates, changed, null, "2024-07-01", 5);
    expect(core.gradeCount()).toBe(before + 1);
  });

  test("CLV functions give finite numbers, or #N/A with the reason when no model can be fitted", () => {
    // CDNOW's sample log (spend independent of frequency, as Gamma-Gamma needs).
    const lines = fs.readFileSync(datasetFile("cdnow-lifetimes/CDNOW_sample.txt"), "utf8").trim().split(/\r?\n/).map((l) => l.trim().split(/\s+/));
    const day = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
    const entry = core.gradeTransactions(col(lines.map((l) => l[1])), col(lines.map((l) => day(l[2]))), col(lines.map((l) => Number(l[4]))), null, "1998-07-01", null);
    const id = "0001";
    const p = core.customerClv(id, entry, "p_alive");
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(Number.isFinite(core.customerClv(id, entry, "clv_12m"))).toBe(true);
    const single = core.gradeTransactions(col(["a", "b"]), col(["2024-01-01", "2024-01-02"]), col([5, 6]), null, null, null);
    expect(() => core.customerClv("a", single, "clv_12m")).toThrow(expect.objectContaining({ kind: "na", message: expect.stringMatching(/repeat customers/) }));
  });
});

describe("bad arguments are errors with a reason, never exceptions of another kind or NaN", () => {
  test("unequal ranges, bad bins, unknown customer, unknown segment", () => {
    // Every error says it in Chinese too (functions.ts shows that one when Excel's display language is Chinese).
    const err = (f: () => unknown, kind: "value" | "na", pattern: RegExp) => expect(f).toThrow(expect.objectContaining({ kind, message: expect.stringMatching(pattern), zh: expect.stringMatching(/[\u4e00-\u9fff]/) }));
    err(() => core.rfmScores(col([1, 2]), col([1]), col([1, 2])), "value", /same length/);
    err(() => core.rfmScores(col([1]), col([1]), col([1]), 11), "value", /bins/);
    err(() => core.rfmScores(col(["x"]), col([1]), col([1])), "value", /recency_days: item 1 is not a number/);
    err(() => core.gradeTransactions(col(["a"]), col(["2024-01-01", "2024-01-02"]), col([1]), null, null, null), "value", /same length/);
    err(() => core.customerScore("nobody", core.gradeTransactions(col(["a"]), col(["2024-01-01"]), col([1]), null, null, null)), "na", /not in ids/);
    err(() => core.action("Nope", "en"), "value", /not a segment/);
    err(() => core.segment(7, 1, 5, "en"), "value", /whole numbers from 1 to 5/);
    err(() => core.langArg("fr", "en"), "value", /lang/);
    err(() => core.valueTier(12345.678, col([1, 2, 3]), "en"), "na", /not in monetary_range/);
    err(() => core.level(5, col([10, 20]), col(["银卡", "金卡"])), "na", /below the first threshold/);
    err(() => core.level(5, col([10, 20]), col(["银卡"])), "value", /as many thresholds as names/);
    err(() => core.rfmScores(col([1]), col([1]), col([1]), 5, "fixed", "r=oops"), "value", /breaks/);
    err(() => core.customerScore("a", core.gradeTransactions(col(["a", "b"]), col(["2024-01-01", "2024-01-02"]), col([-1, 5]), null, null, null)), "na", /has no valid purchase/);
    err(() => core.gradeTransactions(col(["a"]), col(["2024-01-01"]), col([1]), null, "May 5", null), "value", /as_of must be a date/);
  });

  test("RFMSCORE never throws anything but a FunctionError and never returns NaN (property)", () => {
    const cell = fc.oneof(fc.double({ noNaN: false }), fc.string(), fc.boolean(), fc.constant(""), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 12 }), (rows, bins) => {
        try {
          const out = core.rfmScores(rows.map((r) => [r[0] as Cell]), rows.map((r) => [r[1] as Cell]), rows.map((r) => [r[2] as Cell]), bins);
          return out.every((r) => /^\d{3,6}$/.test(r[0]));
        } catch (error) {
          return error instanceof core.FunctionError;
        }
      }),
      { numRuns: 500 },
    );
  });

  test("functions.ts maps FunctionError to CustomFunctions.Error (#VALUE! / #N/A)", async () => {
    class FakeError extends Error {
      constructor(readonly code: string, message: string) {
        super(message);
      }
    }
    (globalThis as Record<string, unknown>).CustomFunctions = { Error: FakeError, ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" }, associate: () => {} };
    const functions = await import("../../src/functions/functions");
    expect(() => functions.segment(9, 9)).toThrow(expect.objectContaining({ code: "#VALUE!" }));
    expect(() => functions.valueTier(4, [[1], [2]])).toThrow(expect.objectContaining({ code: "#N/A" }));
    expect(functions.action("Champions", "zh")).toMatch(/./);
    expect(functions.segment(5, 5, 5, "zh")).toBe("冠军客户");
    // Excel in Chinese: the message in Chinese; in English: in English.
    (globalThis as Record<string, unknown>).Office = { context: { displayLanguage: "zh-CN" } };
    expect(() => functions.segment(9, 9)).toThrow(expect.objectContaining({ message: expect.stringMatching(/^R、F 评分须为 1 到 5 的整数/) }));
    (globalThis as Record<string, unknown>).Office = { context: { displayLanguage: "en-US" } };
    expect(() => functions.segment(9, 9)).toThrow(expect.objectContaining({ message: expect.stringMatching(/^R and F scores must be whole numbers/) }));
    delete (globalThis as Record<string, unknown>).Office;
  });
});

test("functions.json (generated from the JSDoc, as the build does) declares every TIERS function", async () => {
  const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata/lib/generate");
  const generated = await generateCustomFunctionsMetadata(path.join(__dirname, "..", "..", "src", "functions", "functions.ts"));
  expect(generated.errors).toEqual([]);
  const meta = JSON.parse(generated.metadataJson);
  const ids = meta.functions.map((f: { id: string }) => f.id);
  expect(ids).toEqual(["RFMSCORE", "LEVEL", "CUSTOMERRFM", "RFMTABLE", "SEGMENT", "RFM8", "VALUETIER", "LIFECYCLE", "ACTION", "PALIVE", "EXPECTEDPURCHASES", "CLV"]);
  const rfmTable = meta.functions.find((f: { id: string }) => f.id === "RFMTABLE");
  expect(rfmTable.result.dimensionality).toBe("matrix");
  expect(rfmTable.parameters.map((p: { name: string; optional?: boolean }) => `${p.name}${p.optional ? "?" : ""}`)).toEqual(["ids", "dates", "amounts", "orders?", "as_of?", "bins?", "lang?"]);
  // Every description is bilingual: English, then Chinese.
  for (const f of meta.functions) expect(f.description).toMatch(/[A-Za-z].*[\u4e00-\u9fff]/);
});

describe("as Excel passes them", () => {
  test("serial dates, numbers as text, empty cells: same grades as ISO dates and numbers", () => {
    const iso = [["a", "2024-01-05", 10], ["a", "2024-03-01", 5], ["b", "2024-02-10", 7], ["c", "2024-02-20", 12]] as Cell[][];
    const serial = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86400000 + 25569;
    const excel: Cell[][] = [...iso.map((r) => [r[0], serial(String(r[1])), String(r[2])]), ["", "", ""], ["d", "", 4]];
    const a = core.rfmTable(core.gradeTransactions(col(iso.map((r) => r[0])), col(iso.map((r) => r[1])), col(iso.map((r) => r[2])), null, "2024-04-01", 3), "en");
    const b = core.rfmTable(core.gradeTransactions(col(excel.map((r) => r[0])), col(excel.map((r) => r[1])), col(excel.map((r) => r[2])), null, 45383 /* 2024-04-01 */, 3), "en");
    // Same customers and grades; the row with a missing date makes "d" a prospect.
    expect(b.slice(0, a.length)).toEqual(a);
    expect(b[b.length - 1]).toEqual(["d", ...new Array(16).fill(""), "Prospect"]);
  });
});

describe("on Online Retail", () => {
  test("RFMTABLE equals the CLI's per-customer CSV", async () => {
    const { ONLINE_RETAIL } = await import("../support/onlineRetail");
    const { runCli, tempDir, readCsv } = await import("../support/runCli");
    const { readCsvFile } = await import("../../src/cli/csv");
    const table = await readCsvFile(ONLINE_RETAIL());
    const h = table.header;
    const at = (name: string) => h.indexOf(name);
    const pick = (k: number) => table.rows.map((r) => [r[k] ?? ""] as Cell[]);
    const amounts = table.rows.map((r) => [Number(r[at("Quantity")]) * Number(r[at("UnitPrice")])] as Cell[]);
    const got = core.rfmTable(core.gradeTransactions(pick(at("CustomerID")), pick(at("InvoiceDate")), amounts, pick(at("InvoiceNo")), "2011-12-10", 5), "en");
    const out = require("path").join(tempDir(), "or.csv");
    expect((await runCli(["grade", ONLINE_RETAIL(), "--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price", "UnitPrice", "--order", "InvoiceNo", "--as-of", "2011-12-10", "--out", out])).code).toBe(0);
    const want = readCsv(out).slice(1);
    expect(got.length - 1).toBe(want.length);
    const serialToIso = (v: string | number) => (typeof v === "number" && v > 1000 ? new Date(Math.round((v - 25569) * 86400000)).toISOString().slice(0, 10) : String(v));
    const mismatches = want.filter((row, i) => got[i + 1].map((v, k) => (k === 1 || k === 2 ? serialToIso(v) : typeof v === "number" ? String(Math.round(v * 1e6) / 1e6) : v)).join("|") !== row.map((v, k) => (k >= 3 && k <= 7 && v !== "" ? String(Math.round(Number(v) * 1e6) / 1e6) : v)).join("|"));
    expect(mismatches.slice(0, 3)).toEqual([]);
  }, 60_000);
});

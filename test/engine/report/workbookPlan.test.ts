/**
 * The workbook plan: what a manager sees first, the data sheet keeping the source's types, the
 * Method sheet's formats, the Chinese workbook's labels. Expected values are computed here from the
 * input rows, not taken from the engine.
 */
import fc from "fast-check";
import { gradeTable, type GradeResult } from "../../../src/engine/grade/pipeline";
import { buildWorkbookPlan } from "../../../src/engine/report/buildWorkbookPlan";
import { plainNumber, timeFraction } from "../../../src/engine/report/dataPlan";
import { blockDataTop, blockRow, blockRowCount, blockWidth, cellKind, NUMBER_FORMATS, type Block, type PlanCell, type WorkbookPlan } from "../../../src/engine/report/workbookPlan";
import { EXCLUSION_REASONS, type Cell } from "../../../src/engine/common/types";
import { RF_SEGMENTS, ROW_STATUSES } from "../../../src/engine/common/labels";

const HEADER = ["InvoiceNo", "CustomerID", "InvoiceDate", "Quantity", "UnitPrice", "Note"];
/** 12 customers, 2–4 rows each, plus one row of each exclusion the table can show. */
function table(): Cell[][] {
  const rows: Cell[][] = [HEADER];
  for (let c = 0; c < 12; ++c)
    for (let k = 0; k < 2 + (c % 3); ++k)
      rows.push([String(536000 + c * 10 + k), `${17850 + c}.0`, `2011-0${1 + ((c + k) % 9)}-1${k} 08:2${k}:00`, String(1 + k), (2.55 + c).toFixed(2), c % 2 ? "gift" : ""]);
  rows.push(["536999", "", "2011-05-01 10:00:00", "1", "3.00", ""]); // missing customer
  rows.push(["537000", "17850.0", "not a date", "1", "3.00", ""]); // bad date
  rows.push(["537001", "17851.0", "2011-05-02 10:00:00", "-1", "3.00", "return"]); // non-positive
  return rows;
}

function grade(cells: Cell[][], lang: "en" | "zh" = "en"): GradeResult {
  const outcome = gradeTable({ cells }, { lang });
  if (!outcome.ok) throw new Error(outcome.issues[0].message);
  return outcome.result;
}

const plan = (cells: Cell[][], lang: "en" | "zh", extra: Partial<Parameters<typeof buildWorkbookPlan>[1]> = {}) =>
  buildWorkbookPlan(grade(cells, lang), { lang, source: { cells }, method: { generated: "2026-12-01", version: "9.9.9" }, ...extra });

const sheet = (p: WorkbookPlan, role: string) => p.sheets.find((s) => s.role === role)!;
const block = (p: WorkbookPlan, role: string, key: string) => sheet(p, role).blocks.find((b) => b.key === key)!;
const rowsOf = (b: Block): PlanCell[][] => Array.from({ length: blockRowCount(b) }, (_, i) => blockRow(b, i));
const allText = (p: WorkbookPlan): string[] =>
  p.sheets.flatMap((s) => [s.name, ...s.charts.flatMap((c) => [c.title, ...c.series.map((x) => x.name)]), ...s.blocks.flatMap((b) => [b.title ?? "", ...b.columns.map((c) => c.title), ...rowsOf(b).flat().filter((v): v is string => typeof v === "string")])]);

describe("Summary", () => {
  const cells = table();
  const p = plan(cells, "en");
  const summary = sheet(p, "summary");

  test("opens with the headline, then the segment overview with its chart beside it", () => {
    expect(summary.blocks.map((b) => b.key).slice(0, 2)).toEqual(["headline", "segments"]);
    const [head] = rowsOf(summary.blocks[0]);
    expect(head[0]).toBe(12); // customers: 12 ids with a valid purchase
    const revenue = cells.slice(1).filter((r) => r[1] !== "" && r[2] !== "not a date" && Number(r[3]) > 0).reduce((s, r) => s + Number(r[3]) * Number(r[4]), 0);
    expect(head[1]).toBeCloseTo(revenue, 6);
    expect(head[5]).toBe(cells.length - 1);
    const segments = summary.blocks[1];
    expect(segments.columns.map((c) => c.key)).toEqual(["segment", "customers", "shareCustomers", "revenue", "shareRevenue", "perCustomer", "medianRecency", "action"]);
    const rows = rowsOf(segments);
    expect(rows.reduce((s, r) => s + (r[1] as number), 0)).toBe(12);
    expect(rows.reduce((s, r) => s + (r[2] as number), 0)).toBeCloseTo(1, 12);
    expect(rows.reduce((s, r) => s + (r[4] as number), 0)).toBeCloseTo(1, 12);
    const chart = summary.charts[0];
    expect(chart.anchor.row).toBe(segments.top);
    expect(chart.anchor.col).toBe(segments.left + blockWidth(segments)); // the column right after the (merged) actions
    expect(chart.categories).toMatchObject({ sheet: summary.name, top: blockDataTop(segments), left: 0, rows: 10, cols: 1 });
  });

  test("every chart sits beside its table, on rows the table starts on, and points at that table's cells", () => {
    expect(summary.charts.length).toBeGreaterThanOrEqual(3);
    for (const chart of summary.charts) {
      const owner = summary.blocks.find((b) => b.top === chart.anchor.row)!;
      expect(owner).toBeDefined();
      expect(chart.anchor.col).toBeGreaterThanOrEqual(owner.left + blockWidth(owner));
      expect(chart.anchor.col).toBeLessThanOrEqual(13); // on the first screen, not 27 columns away
      for (const s of chart.series) {
        expect(s.values.top).toBe(blockDataTop(owner));
        expect(s.values.rows).toBe(blockRowCount(owner));
      }
    }
    // Blocks and charts never overlap.
    const bottoms = summary.blocks.map((b) => [b.top, b.top + (b.title ? 1 : 0) + 1 + blockRowCount(b)]);
    for (let i = 1; i < bottoms.length; ++i) expect(bottoms[i][0]).toBeGreaterThanOrEqual(bottoms[i - 1][1]);
    const sorted = [...summary.charts].sort((a, b) => a.anchor.row - b.anchor.row);
    for (let i = 1; i < sorted.length; ++i) expect(sorted[i].anchor.row).toBeGreaterThanOrEqual(sorted[i - 1].anchor.row + sorted[i - 1].size.rows);
  });

  test("the data-cleaning table comes last and lists every exclusion reason with its rows", () => {
    const last = summary.blocks[summary.blocks.length - 1];
    expect(last.key).toBe("rowStatus");
    const rows = rowsOf(last);
    expect(rows.length).toBe(1 + EXCLUSION_REASONS.length);
    expect(rows.reduce((s, r) => s + (r[1] as number), 0)).toBe(cells.length - 1);
    const byLabel = Object.fromEntries(rows.map((r) => [r[0], r[1]]));
    expect(byLabel["Missing customer"]).toBe(1);
    expect(byLabel["Bad date"]).toBe(1);
    expect(byLabel["Non-positive amount"]).toBe(1);
  });

  test("the heat map averages monetary per R×F cell", () => {
    const counts = rowsOf(block(p, "summary", "rfGrid"));
    const money = rowsOf(block(p, "summary", "rfGridMonetary"));
    const n = counts.reduce((s, r) => s + r.slice(1).reduce((a: number, v) => a + (v as number), 0), 0);
    expect(n).toBe(12);
    const total = money.reduce((s, r, i) => s + r.slice(1).reduce((a: number, v, k) => a + (v === null ? 0 : (v as number) * (counts[i][k + 1] as number)), 0), 0);
    expect(total).toBeCloseTo(rowsOf(summary.blocks[0])[0][1] as number, 6);
    expect(sheet(p, "summary").conditionalFormats.filter((c) => c.type === "colorScale").length).toBeGreaterThanOrEqual(2);
  });
});

describe("a Chinese workbook", () => {
  const p = plan(table(), "zh");
  test("shows no row-status code and no English status words", () => {
    const codes = ["included", ...EXCLUSION_REASONS];
    for (const text of allText(p)) for (const code of codes) expect(text).not.toContain(code);
    const statuses = rowsOf(block(p, "summary", "rowStatus")).map((r) => r[0]);
    expect(statuses).toContain("已计入");
    expect(statuses).toContain("缺少客户ID");
  });
  test("names its sheets and the eight RFM classes in Chinese, in full", () => {
    expect(p.sheets.map((s) => s.name)).toEqual(["交易", "客户", "汇总", "方法"]);
    const classes = rowsOf(block(p, "summary", "rfm8")).map((r) => r[0]);
    expect(classes).toEqual(expect.arrayContaining(["重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户"]));
  });
});

describe("the data sheet keeps the source's types", () => {
  const cells = table();
  const p = plan(cells, "en");
  const data = sheet(p, "data").blocks[0];
  const rows = rowsOf(data);

  test("numbers become numbers, dates the engine read become dates with their time, ids with leading zeros stay text", () => {
    expect(data.columns.map((c) => c.kind).slice(0, 6)).toEqual(["number", "number", "datetime", "number", "number", "text"]);
    expect(rows[0][0]).toBe(536000);
    expect(rows[0][1]).toBe(17850);
    expect(rows[0][3]).toBe(1);
    expect(rows[0][4]).toBe(2.55);
    // 2011-01-10 08:20:00 as epoch days.
    expect(rows[0][2] as number).toBeCloseTo(Date.UTC(2011, 0, 10, 8, 20) / 86400000, 9);
    const bad = rows.find((r) => r[2] === "not a date");
    expect(bad).toBeDefined(); // a date the engine could not read stays the user's text
    expect(rows.length).toBe(cells.length - 1);
    expect(rows[0].slice(6)).toHaveLength(8); // the grade columns follow
  });

  test("a column with an id like 00042 or a code like C536379 stays text, cell for cell", () => {
    const mixed = table();
    mixed[1][0] = "C536379";
    mixed[2][5] = "00042";
    const q = plan(mixed, "en");
    const d = sheet(q, "data").blocks[0];
    expect(d.columns[0].kind).toBe("text");
    const r = rowsOf(d);
    r.forEach((row, i) => expect(row[0]).toBe(mixed[i + 1][0]));
    expect(r[1][5]).toBe("00042");
  });

  test("plainNumber reads exactly the texts that are plain decimal numbers", () => {
    // Any number with at most 12 significant digits, written plainly, reads back as itself.
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        const text = String(Number(x.toPrecision(12)));
        if (!text.includes("e")) expect(plainNumber(text)).toBe(Number(text));
      }),
    );
    for (const text of ["00042", "+1", "1,000", "1.2.3", "0x10", " ", "", "1234567890123456", "=1+1", "1e0001", "2E+0010", "5e-0003", "1.", ".5", "-", "1e", "01.5"]) expect(plainNumber(text)).toBeNull();
    expect(plainNumber("17850.0")).toBe(17850);
    expect(plainNumber("-3")).toBe(-3);
    // Any text: the same answer as the definition written as a regular expression.
    const definition = (text: string): number | null => {
      const c = text.charCodeAt(0);
      if (!((c >= 48 && c <= 57) || c === 45 || c === 32 || c === 9)) return null;
      const t = text.trim();
      if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d{1,3})?$/.test(t)) return null;
      if (t.replace(/[eE].*$/, "").replace(/[-.]/g, "").replace(/^0+/, "").length > 15) return null;
      const n = Number(t);
      return Number.isFinite(n) ? n : null;
    };
    const unit = fc.constantFrom("0", "1", "5", "9", "-", "+", ".", "e", "E", " ", "\t", "\u00a0", "x", ",");
    const texts = fc.oneof(fc.array(unit, { maxLength: 22 }).map((u) => u.join("")), fc.double().map(String), fc.integer().map((k) => `${k}.${"0".repeat(k & 7)}5e${k % 400}`));
    fc.assert(fc.property(texts, (text) => Object.is(plainNumber(text), definition(text))), { numRuns: 20000 });
    expect(timeFraction("2010-12-01 08:26:00")).toBeCloseTo((8 * 60 + 26) / 1440, 12);
    expect(timeFraction("2010-12-01")).toBe(0);
    expect(timeFraction("12/1/2010 6:05 PM")).toBeCloseTo((18 * 60 + 5) / 1440, 12);
  });
});

describe("Method sheet", () => {
  const p = plan(table(), "en");
  const method = sheet(p, "method");
  test("numbers shown through a format with fixed decimals; the cell keeps the exact value", () => {
    const breaks = method.blocks.find((b) => b.key === "breaks")!;
    rowsOf(breaks).forEach((row, i) =>
      row.forEach((v, k) => {
        if (typeof v !== "number") return;
        const format = NUMBER_FORMATS[cellKind(breaks, i, k)];
        expect(format).toMatch(/0\.0/); // a fixed number of decimals, never General
      }),
    );
    for (const text of allText({ ...p, sheets: [method] })) {
      expect(text).not.toMatch(/\d\.\d{7,}/);
      expect(text).not.toMatch(/docs\/|\.md\b|methodology/);
    }
  });
  test("states the date, version and as-of date", () => {
    const about = rowsOf(method.blocks[0]);
    expect(about).toEqual(expect.arrayContaining([["Made on", "2026-12-01"], ["Customer Tiers version", "9.9.9"]]));
  });
});

describe("formula mode", () => {
  test("Customers holds score formulas and the Breaks and Segment map sheets follow Summary", () => {
    const p = plan(table(), "en", { formulas: true });
    expect(p.sheets.map((s) => s.name)).toEqual(["Transactions", "Customers", "Summary", "Breaks", "Segment map", "Method"]);
    const customers = sheet(p, "customers").blocks[0];
    const first = blockRow(customers, 0);
    expect(first[8]).toEqual({ formula: expect.stringContaining("COUNTIF('Breaks'!$B$2") });
    expect(customers.table).toBe("Customers");
  });
});

describe("widths fit the longest label a column can show (the rendered workbook cut them)", () => {
  // Display width counted here: CJK characters two columns, everything else one.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  test.each(["en", "zh"] as const)("%s: the data sheet's segment, tier, stage and row-status columns; the Method options", (lang) => {
    const p = plan(table(), lang);
    const data = sheet(p, "data").blocks[0];
    const statuses = ROW_STATUSES.map((s) => s[lang]);
    const statusColumn = data.columns[data.columns.length - 1];
    expect(statusColumn.width!).toBeGreaterThanOrEqual(Math.max(...statuses.map(width)) + 1);
    const segmentColumn = data.columns[data.columns.length - 4];
    expect(segmentColumn.width!).toBeGreaterThanOrEqual(Math.max(...RF_SEGMENTS.map((s) => width(s[lang]))) + 1);
    const options = block(p, "method", "options");
    expect(options.columns[0].width!).toBeGreaterThanOrEqual(Math.max(...options.rows.map((r) => width(String(r[0])))) + 1);
  });
});

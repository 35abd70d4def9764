/**
 * writePlan on the fake Excel host, on a small hand-made plan: every cell, format, width, frozen
 * pane, table, conditional format, chart and link lands where the plan says, in byte-sized syncs.
 */
import type { WorkbookPlan } from "../../src/engine/report/workbookPlan";
import { NUMBER_FORMATS } from "../../src/engine/report/workbookPlan";
import { charsToPoints, writePlan } from "../../src/excel/writePlan";
import { FakeWorkbook } from "../support/fakeExcel";

/** 2024-01-15 as epoch days, and its 1900-system serial, computed here from the calendar. */
const DAY = Date.UTC(2024, 0, 15) / 86400000;
const SERIAL_1900 = (Date.UTC(2024, 0, 15) - Date.UTC(1899, 11, 30)) / 86400000;

function plan(): WorkbookPlan {
  return {
    lang: "en",
    sheets: [
      {
        name: "Customers",
        role: "customers",
        freeze: { rows: 1, cols: 1 },
        blocks: [
          {
            key: "customers",
            top: 0,
            left: 0,
            table: "Customers",
            columns: [
              { key: "id", title: "Customer", kind: "text", width: 14 },
              { key: "last", title: "Last purchase", kind: "date", width: 12 },
              { key: "monetary", title: "Monetary", kind: "money", width: 12 },
              { key: "r", title: "R", kind: "score" },
            ],
            rows: [
              ["00123", DAY, 1234.5, 5],
              ["=cmd|' /C calc'!A0", DAY + 1, 10, 1],
              ["'quoted", null, 0.25, 3],
            ],
          },
        ],
        charts: [],
        conditionalFormats: [{ type: "dataBar", range: { sheet: "Customers", top: 1, left: 2, rows: 3, cols: 1 }, color: "0F6CBD" }],
        links: [],
      },
      {
        name: "Summary",
        role: "summary",
        widths: { 5: 30 },
        blocks: [
          {
            key: "segments",
            title: "Segments",
            top: 0,
            left: 0,
            columns: [
              { key: "segment", title: "Segment", kind: "text", width: 20 },
              { key: "customers", title: "Customers", kind: "count" },
              { key: "share", title: "Share of revenue", kind: "share" },
            ],
            rows: [
              ["Champions", 10, 0.5],
              ["Lost", 3, 0.1],
            ],
            kinds: [[null, null, null], [null, null, "number"]],
          },
          {
            key: "grid",
            title: "R × F",
            top: 6,
            left: 0,
            columns: [
              { key: "r", title: "R \\ F", kind: "text" },
              { key: "f1", title: "F1", kind: "count" },
              { key: "f2", title: "F2", kind: "count" },
            ],
            rows: [
              ["R2", 1, 2],
              ["R1", 3, 4],
            ],
          },
        ],
        charts: [
          {
            kind: "bar",
            title: "Customers per segment",
            categories: { sheet: "Summary", top: 2, left: 0, rows: 2, cols: 1 },
            series: [{ name: "Customers", values: { sheet: "Summary", top: 2, left: 1, rows: 2, cols: 1 } }],
            anchor: { row: 0, col: 4 },
            size: { rows: 15, cols: 7 },
            yTitle: "Customers",
          },
          {
            kind: "scatter",
            title: "Spend",
            series: [
              { name: "A", values: { sheet: "Customers", top: 1, left: 2, rows: 3, cols: 1 }, xValues: { sheet: "Customers", top: 1, left: 3, rows: 3, cols: 1 } },
              { name: "B", values: { sheet: "Summary", top: 8, left: 2, rows: 2, cols: 1 }, xValues: { sheet: "Summary", top: 8, left: 1, rows: 2, cols: 1 } },
            ],
            anchor: { row: 16, col: 4 },
            size: { rows: 10, cols: 6 },
          },
        ],
        conditionalFormats: [
          { type: "colorScale", range: { sheet: "Summary", top: 8, left: 1, rows: 2, cols: 2 }, colors: ["F3F9FD", "0F6CBD"] },
          { type: "colorScale", range: { sheet: "Summary", top: 8, left: 1, rows: 2, cols: 2 }, colors: ["FF0000", "FFFFFF", "00FF00"] },
        ],
        links: [{ row: 2, col: 0, toSheet: "Customers", toCell: "A1" }],
      },
    ],
  };
}

async function written(excelApi = 1.7, dateSystem: 1900 | 1904 = 1900) {
  const book = new FakeWorkbook();
  book.excelApi = excelApi;
  book.addSheet("Customers (2)");
  book.addSheet("Summary");
  let out: Awaited<ReturnType<typeof writePlan>> = [];
  await book.excel().run(async (ctx) => {
    out = await writePlan(ctx as Excel.RequestContext, plan(), { signal: new AbortController().signal, dateSystem, sheetName: (s) => (s.name === "Customers" ? "Customers (2)" : s.name) });
  });
  return { book, out };
}

describe("writePlan", () => {
  test("cells: header, rows, dates as serials, text kept as text (numbers-looking, formula-like, apostrophe)", async () => {
    const { book } = await written();
    const customers = book.sheet("Customers (2)");
    expect(customers.values("A1:D4")).toEqual([
      ["Customer", "Last purchase", "Monetary", "R"],
      ["00123", SERIAL_1900, 1234.5, 5],
      ["=cmd|' /C calc'!A0", SERIAL_1900 + 1, 10, 1],
      ["'quoted", "", 0.25, 3],
    ]);
    expect(book.sheets.flatMap((s) => [...s.columns.values()].flat()).some((v) => typeof v === "string" && v.startsWith("FORMULA:"))).toBe(false);
    const summary = book.sheet("Summary");
    expect(summary.values("A1:C4")).toEqual([
      ["Segments", "", ""],
      ["Segment", "Customers", "Share of revenue"],
      ["Champions", 10, 0.5],
      ["Lost", 3, 0.1],
    ]);
    expect(summary.values("A7:C10")).toEqual([["R × F", "", ""], ["R \\ F", "F1", "F2"], ["R2", 1, 2], ["R1", 3, 4]]);
    expect(book.calculationSuspensions).toBeGreaterThan(0);
  });

  test("the 1904 date system shifts date serials by 1,462 days", async () => {
    const { book } = await written(1.7, 1904);
    expect(book.sheet("Customers (2)").get(1, 1)).toBe(SERIAL_1900 - 1462);
  });

  test("number formats per column kind, per-cell overrides, widths, frozen panes", async () => {
    const { book } = await written();
    const customers = book.sheet("Customers (2)");
    expect(customers.formats.get("1:1")).toBe(NUMBER_FORMATS.date);
    expect(customers.formats.get("1:2")).toBe(NUMBER_FORMATS.money);
    expect(customers.formats.get("3:3")).toBe(NUMBER_FORMATS.score);
    expect(customers.formats.get("1:0") ?? "General").toBe("General"); // text: no format written, General
    expect(customers.formats.get("0:2") ?? "General").toBe("General"); // header row
    const summary = book.sheet("Summary");
    expect(summary.formats.get("2:2")).toBe("0.0%");
    expect(summary.formats.get("3:2")).toBe(NUMBER_FORMATS.number); // the per-cell override
    expect(summary.formats.get("2:1")).toBe("#,##0");
    expect(customers.columnWidths.get(0)).toBe(charsToPoints(14));
    expect(summary.columnWidths.get(0)).toBe(charsToPoints(20));
    expect(summary.columnWidths.get(5)).toBe(charsToPoints(30));
    expect(charsToPoints(10)).toBeCloseTo(56.25, 5); // 10 chars = 75 px = 56.25 pt at Calibri 11
    expect([customers.frozenRows, customers.frozenColumns]).toEqual([1, 1]);
    expect([summary.frozenRows, summary.frozenColumns]).toEqual([0, 0]);
    expect(summary.bold.has("0:0") && summary.bold.has("1:0") && !customers.bold.has("0:0")).toBe(true); // title and header; a table styles its own header
  });

  test("tables, conditional formats, charts next to their tables, links", async () => {
    const { book, out } = await written();
    const customers = book.sheet("Customers (2)");
    expect(customers.tables).toEqual([{ name: "Customers", address: "A1:D4", hasHeaders: true, style: "TableStyleMedium2" }]);
    expect(out.map((s) => [s.name, s.tables])).toEqual([["Customers (2)", ["Customers"]], ["Summary", []]]);
    expect(customers.conditionalFormats).toEqual([{ address: "C2:C4", type: "DataBar", fillColor: "#0F6CBD" }]);
    const summary = book.sheet("Summary");
    expect(summary.conditionalFormats).toEqual([
      { address: "B9:C10", type: "ColorScale", criteria: { minimum: { type: "LowestValue", color: "#F3F9FD" }, maximum: { type: "HighestValue", color: "#0F6CBD" } } },
      { address: "B9:C10", type: "ColorScale", criteria: { minimum: { type: "LowestValue", color: "#FF0000" }, midpoint: { type: "Percentile", formula: "50", color: "#FFFFFF" }, maximum: { type: "HighestValue", color: "#00FF00" } } },
    ]);
    expect(summary.charts.map(({ type, title, series, position, legendVisible, yTitle }) => ({ type, title, series, position, legendVisible, yTitle }))).toEqual([
      { type: "BarClustered", title: "Customers per segment", series: [{ name: "Customers", values: "Summary!B3:B4", xValues: "Summary!A3:A4" }], position: ["E1", "K15"], legendVisible: false, yTitle: "Customers" },
      {
        type: "XYScatter",
        title: "Spend",
        series: [
          { name: "A", values: "Customers (2)!C2:C4", xValues: "Customers (2)!D2:D4" },
          { name: "B", values: "Summary!C9:C10", xValues: "Summary!B9:B10" },
        ],
        position: ["E17", "J26"],
        legendVisible: true,
        yTitle: undefined,
      },
    ]);
    expect(summary.links.get("2:0")).toEqual({ documentReference: "'Customers (2)'!A1", textToDisplay: "Champions" });
    expect(summary.get(2, 0)).toBe("Champions");
  });

  test("a table name already in the workbook gets a suffix instead of failing", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Customers");
    book.addSheet("Summary");
    book.addSheet("Old");
    book.sheet("Old").tables.push({ name: "Customers", address: "A1:B2", hasHeaders: true });
    let out: Awaited<ReturnType<typeof writePlan>> = [];
    await book.excel().run(async (ctx) => {
      out = await writePlan(ctx as Excel.RequestContext, plan(), { signal: new AbortController().signal, dateSystem: 1900 });
    });
    expect(out[0].tables).toEqual(["Customers_2"]);
    expect(book.sheet("Customers").tables[0].name).toBe("Customers_2");
  });

  test("lazy rows, a block without a header, formula cells, wrapped text, date-times, the active sheet", async () => {
    const book = new FakeWorkbook();
    book.addTable("Data", [["Customer", "Amount"], ["a", 1], ["b", 2]]);
    book.addSheet("Out");
    const lazy: WorkbookPlan = {
      lang: "en",
      activeSheet: "Out",
      sheets: [
        { name: "Data", role: "data", existing: true, blocks: [{ key: "grades", top: 1, left: 2, header: false, columns: [{ key: "r", title: "R", kind: "score" }], rows: [], rowCount: 2, rowAt: (i) => [5 - i] }], charts: [], conditionalFormats: [], links: [] },
        {
          name: "Out",
          role: "breaks",
          blocks: [{ key: "b", top: 0, left: 0, columns: [{ key: "q", title: "Quantile", kind: "share" }, { key: "v", title: "Value", kind: "decimal" }, { key: "t", title: "When", kind: "datetime", wrap: true }], rows: [[0.2, { formula: "_xlfn.PERCENTILE.INC(Data!$B$2:$B$3,A2)" }, DAY + 0.5]] }],
          charts: [],
          conditionalFormats: [],
          links: [],
        },
      ],
    };
    await book.excel().run(async (ctx) => {
      await writePlan(ctx as Excel.RequestContext, lazy, { signal: new AbortController().signal, dateSystem: 1900 });
    });
    expect(book.sheet("Data").values("A1:C3")).toEqual([["Customer", "Amount", ""], ["a", 1, 5], ["b", 2, 4]]);
    const out = book.sheet("Out");
    expect(out.values("A2:C2")).toEqual([[0.2, "FORMULA:=PERCENTILE.INC(Data!$B$2:$B$3,A2)", SERIAL_1900 + 0.5]]);
    expect([out.formats.get("1:1"), out.formats.get("1:2")]).toEqual([NUMBER_FORMATS.decimal, NUMBER_FORMATS.datetime]);
    expect(out.wrapped.has("1:2") && !out.wrapped.has("0:2")).toBe(true);
    expect(book.activeSheet).toBe("Out");
  });

  test("large blocks go in several syncs, each under the request limit", async () => {
    const book = new FakeWorkbook();
    book.addSheet("Big");
    const rows = Array.from({ length: 60_000 }, (_, i) => [`customer-${i}-${"x".repeat(40)}`, i, i / 7]);
    const big: WorkbookPlan = { lang: "en", sheets: [{ name: "Big", role: "customers", blocks: [{ key: "b", top: 0, left: 0, columns: [{ key: "a", title: "A", kind: "text" }, { key: "b", title: "B", kind: "count" }, { key: "c", title: "C", kind: "money" }], rows }], charts: [], conditionalFormats: [], links: [] }] };
    await book.excel().run(async (ctx) => {
      await writePlan(ctx as Excel.RequestContext, big, { signal: new AbortController().signal, dateSystem: 1900 });
    });
    expect(book.syncs.length).toBeGreaterThan(3);
    expect(book.maxSyncBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(book.sheet("Big").get(60_000, 1)).toBe(59_999);
  });
});

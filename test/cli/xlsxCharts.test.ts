/**
 * Native charts added to an ExcelJS workbook: the package parts and relationships, each series'
 * references and cached values (checked against the data the test wrote), well-formed XML that
 * ExcelJS still reads, and LibreOffice (headless) drawing the charts and keeping them on a round trip.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DOMParser } from "@xmldom/xmldom";
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { addChartsToXlsx, addChartsToXlsxFile, rangeFormula, XlsxPackageError } from "../../src/cli/xlsxCharts";
import type { ChartSpec } from "../../src/engine/report/workbookPlan";
import { EN_SHEET, MONTHS, PARETO, SEGMENTS, TIERS, ZH_SHEET, testCharts, testWorkbook } from "../support/chartWorkbook";
import { tempDir } from "../support/runCli";

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));
const C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "http://schemas.openxmlformats.org/package/2006/content-types";
const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

function parse(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: { error: (m) => errors.push(m), fatalError: (m) => errors.push(m) } }).parseFromString(xml, "text/xml");
  if (errors.length) throw new Error(errors.join("\n"));
  return doc as unknown as Document;
}

const all = (node: Document | Element, ns: string, name: string) => Array.from(node.getElementsByTagNameNS(ns, name));
const one = (node: Document | Element, ns: string, name: string) => {
  const found = all(node, ns, name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0];
};
const child = (node: Element, ns: string, name: string) => Array.from(node.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === ns);

async function part(zip: JSZip, p: string): Promise<Document> {
  const file = zip.file(p);
  if (!file) throw new Error(`no part ${p}`);
  return parse(await file.async("string"));
}

function resolve(from: string, target: string): string {
  const out = from.split("/").slice(0, -1);
  for (const s of target.split("/")) s === ".." ? out.pop() : out.push(s);
  return out.join("/");
}

async function rels(zip: JSZip, p: string): Promise<Map<string, { type: string; target: string }>> {
  const slash = p.lastIndexOf("/");
  const doc = await part(zip, `${p.slice(0, slash)}/_rels/${p.slice(slash + 1)}.rels`);
  return new Map(all(doc, PKG, "Relationship").map((e) => [e.getAttribute("Id")!, { type: e.getAttribute("Type")!, target: resolve(p, e.getAttribute("Target")!) }]));
}

interface FoundChart {
  sheet: string;
  path: string;
  doc: Document;
  anchor: Element;
}

/** Every chart reachable from each worksheet: sheet → drawing → chart, the way a reader finds them. */
async function chartsOf(zip: JSZip): Promise<FoundChart[]> {
  const workbook = await part(zip, "xl/workbook.xml");
  const bookRels = await rels(zip, "xl/workbook.xml");
  const out: FoundChart[] = [];
  for (const sheet of all(workbook, SML, "sheet")) {
    const sheetPath = bookRels.get(sheet.getAttributeNS(R, "id")!)!.target;
    const drawings = all(await part(zip, sheetPath), SML, "drawing");
    if (drawings.length === 0) continue;
    expect(drawings).toHaveLength(1);
    const drawingRel = (await rels(zip, sheetPath)).get(drawings[0].getAttributeNS(R, "id")!)!;
    expect(drawingRel.type).toBe(`${R}/drawing`);
    const drawing = await part(zip, drawingRel.target);
    const drawingRels = await rels(zip, drawingRel.target);
    for (const anchor of all(drawing, XDR, "twoCellAnchor")) {
      const ref = all(anchor, C, "chart")[0];
      if (!ref) continue;
      const chartRel = drawingRels.get(ref.getAttributeNS(R, "id")!)!;
      expect(chartRel.type).toBe(`${R}/chart`);
      out.push({ sheet: sheet.getAttribute("name")!, path: chartRel.target, doc: await part(zip, chartRel.target), anchor });
    }
  }
  return out;
}

/** The chart's own title (c:chart/c:title), not an axis title. */
const titleOf = (doc: Document) => all(child(one(doc, C, "chart"), C, "title")!, A, "t").map((t) => t.textContent).join("");
const formulas = (doc: Document) => all(doc, C, "f").map((f) => f.textContent);
function cache(ref: Element): (string | number)[] {
  const numeric = ref.localName === "numRef";
  const points = all(ref, C, "pt");
  const count = Number(one(ref, C, "ptCount").getAttribute("val"));
  const out: (string | number)[] = new Array(count).fill(null);
  for (const pt of points) {
    const v = one(pt, C, "v").textContent!;
    out[Number(pt.getAttribute("idx"))] = numeric ? Number(v) : v;
  }
  return out;
}
const marker = (anchor: Element, which: "from" | "to") => {
  const m = child(anchor, XDR, which)!;
  return { row: Number(child(m, XDR, "row")!.textContent), col: Number(child(m, XDR, "col")!.textContent) };
};

describe.each(["workbook", "stream"] as const)("addChartsToXlsx on an ExcelJS %s-written file", (writer) => {
  let out: Buffer;
  let zip: JSZip;
  let found: FoundChart[];
  beforeAll(async () => {
    out = await addChartsToXlsx(await testWorkbook(writer), testCharts());
    zip = await JSZip.loadAsync(out);
    found = await chartsOf(zip);
  });

  it("reaches one chart per spec from its sheet, through the sheet's and the drawing's relationships", () => {
    expect(found.map((f) => [f.sheet, titleOf(f.doc)])).toEqual(testCharts().map((c) => [c.sheet, c.chart.title]));
  });

  it("declares every chart and drawing part in [Content_Types].xml", async () => {
    const types = await part(zip, "[Content_Types].xml");
    const overrides = new Map(all(types, CT, "Override").map((o) => [o.getAttribute("PartName"), o.getAttribute("ContentType")]));
    for (const f of found) expect(overrides.get(`/${f.path}`)).toBe("application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    const drawings = Object.keys(zip.files).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p));
    expect(drawings).toHaveLength(2);
    for (const d of drawings) expect(overrides.get(`/${d}`)).toBe("application/vnd.openxmlformats-officedocument.drawing+xml");
  });

  it("writes the kind of each chart: clustered columns, horizontal bars, a pie, a line, a scatter", () => {
    const kinds = found.map((f) => {
      const plot = one(f.doc, C, "plotArea");
      const chart = Array.from(plot.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName.endsWith("Chart"))!;
      const dir = chart.localName === "barChart" ? `/${one(chart, C, "barDir").getAttribute("val")}` : "";
      return chart.localName + dir;
    });
    expect(kinds).toEqual(["barChart/col", "barChart/bar", "pieChart", "lineChart", "scatterChart"]);
  });

  it("points each series at its cells, the sheet name quoted with its apostrophes doubled", () => {
    expect(found.map((f) => formulas(f.doc))).toEqual([
      ["'Segment summary'!$A$2:$A$6", "'Segment summary'!$B$2:$B$6"],
      ["'Segment summary'!$A$2:$A$6", "'Segment summary'!$C$2:$C$6"],
      ["'客户 & ''月度'' 汇总'!$E$2:$E$4", "'客户 & ''月度'' 汇总'!$F$2:$F$4"],
      ["'客户 & ''月度'' 汇总'!$A$2:$A$7", "'客户 & ''月度'' 汇总'!$B$2:$B$7", "'客户 & ''月度'' 汇总'!$A$2:$A$7", "'客户 & ''月度'' 汇总'!$C$2:$C$7"],
      ["'客户 & ''月度'' 汇总'!$H$2:$H$51", "'客户 & ''月度'' 汇总'!$I$2:$I$51"],
    ]);
  });

  it("caches the values the cells hold, so a viewer that does not recalculate draws the data", () => {
    const [column, bar, pie, line, scatter] = found.map((f) => f.doc);
    const refs = (doc: Document, tag: string) => all(doc, C, tag).map((e) => Array.from(e.childNodes).find((n): n is Element => n.nodeType === 1)!);
    expect(refs(column, "cat").map(cache)).toEqual([SEGMENTS.names]);
    expect(refs(column, "val").map(cache)).toEqual([SEGMENTS.customers]);
    expect(refs(bar, "val").map(cache)).toEqual([SEGMENTS.revenue]);
    expect(refs(pie, "cat").map(cache)).toEqual([TIERS.labels]);
    expect(refs(pie, "val").map(cache)).toEqual([TIERS.revenue]);
    expect(refs(line, "cat").map(cache)).toEqual([MONTHS.labels, MONTHS.labels]);
    expect(refs(line, "val").map(cache)).toEqual([MONTHS.revenue, MONTHS.orders]);
    expect(refs(scatter, "xVal").map(cache)).toEqual([PARETO.x]);
    expect(refs(scatter, "yVal").map(cache)).toEqual([PARETO.y]);
    // The cells' number formats travel with the cache, so the axes read as money and percentages.
    expect(all(bar, C, "formatCode").map((e) => e.textContent)).toEqual(["#,##0.00"]);
    expect(all(scatter, C, "formatCode").map((e) => e.textContent)).toEqual(["0%", "0.0%"]);
  });

  it("formats the value axis as the cells it plots, or as the spec's valueFormat", () => {
    const [, bar, , , scatter] = found.map((f) => f.doc);
    const axisFormats = (doc: Document) => all(doc, C, "valAx").map((ax) => { const f = child(ax, C, "numFmt")!; return `${f.getAttribute("formatCode")} ${f.getAttribute("sourceLinked")}`; });
    expect(axisFormats(bar)).toEqual(["#,##0.00 1"]);
    expect(axisFormats(scatter)).toEqual(["0% 1", "0% 0"]);
  });

  it("draws a legend when the spec asks, and by default only for more than one series", async () => {
    const [column] = testCharts();
    const withLegend = await addChartsToXlsx(await testWorkbook(writer), [{ ...column, chart: { ...column.chart, legend: true } }]);
    const charts = await chartsOf(await JSZip.loadAsync(withLegend));
    expect(all(charts[0].doc, C, "legendPos").map((e) => e.getAttribute("val"))).toEqual(["b"]);
  });

  it("names the series, titles the axes, and gives a legend to the pie and to the chart of two series", () => {
    const [column, bar, pie, line, scatter] = found.map((f) => f.doc);
    const seriesNames = (doc: Document) => all(doc, C, "ser").map((s) => one(s, C, "tx").textContent);
    expect(seriesNames(line)).toEqual(["收入", "订单数"]);
    expect(seriesNames(pie)).toEqual(["收入"]);
    const axisTitles = (doc: Document) => [...all(doc, C, "catAx"), ...all(doc, C, "valAx")].map((ax) => all(ax, A, "t").map((t) => t.textContent).join(""));
    expect(axisTitles(column)).toEqual(["", "Customers"]);
    expect(axisTitles(bar)).toEqual(["Segment", "Revenue"]);
    expect(axisTitles(scatter)).toEqual(["客户占比", "收入占比"]);
    expect(found.map((f) => all(f.doc, C, "legend").length)).toEqual([0, 0, 1, 1, 0]);
  });

  it("anchors each chart at its cell, spanning its size in cells", () => {
    found.forEach((f, i) => {
      const { anchor, size } = testCharts()[i].chart;
      expect(marker(f.anchor, "from")).toEqual(anchor);
      expect(marker(f.anchor, "to")).toEqual({ row: anchor.row + size.rows, col: anchor.col + size.cols });
    });
  });

  it("places <drawing> where CT_Worksheet wants it: after pageSetup, before tableParts", async () => {
    for (const sheetPath of ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]) {
      const root = (await part(zip, sheetPath)).documentElement;
      const names = Array.from(root.childNodes).filter((n) => n.nodeType === 1).map((n) => (n as Element).localName);
      const at = names.indexOf("drawing");
      expect(at).toBeGreaterThan(names.indexOf("sheetData"));
      if (names.includes("pageSetup")) expect(at).toBeGreaterThan(names.indexOf("pageSetup"));
      if (names.includes("tableParts")) expect(at).toBeLessThan(names.indexOf("tableParts"));
    }
  });

  it("writes parts xmllint finds well-formed, in a file ExcelJS still reads with its cells (and table and image) intact", async () => {
    const dir = tempDir();
    const xmlParts = Object.keys(zip.files).filter((p) => /^xl\/(charts|drawings|worksheets)\/.*\.xml(\.rels)?$|_rels\/.*\.rels$/.test(p) || p === "[Content_Types].xml");
    for (const p of xmlParts) {
      const file = path.join(dir, p.replace(/[/[\]]/g, "_"));
      fs.writeFileSync(file, await zip.file(p)!.async("nodebuffer"));
      execFileSync("xmllint", ["--noout", file]);
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(out as unknown as ExcelJS.Buffer);
    const en = book.getWorksheet(EN_SHEET)!;
    const zh = book.getWorksheet(ZH_SHEET)!;
    expect(SEGMENTS.names.map((_, i) => en.getRow(i + 2).values)).toEqual(SEGMENTS.names.map((n, i) => [undefined, n, SEGMENTS.customers[i], SEGMENTS.revenue[i]]));
    expect(zh.getCell("I51").value).toBe(PARETO.y[49]);
    if (writer === "workbook") {
      expect(en.getTables().length).toBe(1);
      expect(zh.getImages().length).toBe(1);
    }
  });
});

describe("addChartsToXlsx and an existing drawing", () => {
  it("appends its charts to the drawing that holds the image, keeping the image and its relationship", async () => {
    const zip = await JSZip.loadAsync(await addChartsToXlsx(await testWorkbook("workbook"), testCharts()));
    const found = (await chartsOf(zip)).filter((f) => f.sheet === ZH_SHEET);
    expect(found).toHaveLength(2);
    const drawingPath = "xl/drawings/drawing1.xml";
    const drawing = await part(zip, drawingPath);
    expect(all(drawing, XDR, "pic")).toHaveLength(1);
    const drawingRels = await rels(zip, drawingPath);
    expect(drawingRels.get("rId1")).toEqual({ type: `${R}/image`, target: "xl/media/image1.png" });
    const ids = all(drawing, XDR, "cNvPr").map((e) => e.getAttribute("id"));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("adds to the charts of an earlier call: new part names, relationship ids and shape ids", async () => {
    const once = await addChartsToXlsx(await testWorkbook("workbook"), testCharts());
    const zip = await JSZip.loadAsync(await addChartsToXlsx(once, testCharts()));
    const found = await chartsOf(zip);
    expect(found.map((f) => titleOf(f.doc))).toEqual(["Customers by segment", "Revenue by segment", "收入（按价值层级）", "Customers by segment", "Revenue by segment", "收入（按价值层级）", "月度收入与订单", "帕累托曲线", "月度收入与订单", "帕累托曲线"]);
    expect(new Set(found.map((f) => f.path)).size).toBe(10);
    for (const drawingPath of ["xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"]) {
      const ids = all(await part(zip, drawingPath), XDR, "cNvPr").map((e) => e.getAttribute("id"));
      expect(new Set(ids).size).toBe(ids.length);
      const relIds = all(await part(zip, `xl/drawings/_rels/${drawingPath.split("/").pop()}.rels`), PKG, "Relationship").map((e) => e.getAttribute("Id"));
      expect(new Set(relIds).size).toBe(relIds.length);
    }
    const types = all(await part(zip, "[Content_Types].xml"), CT, "Override").map((o) => o.getAttribute("PartName"));
    expect(new Set(types).size).toBe(types.length);
  });
});

describe("addChartsToXlsx and a sheet with conditional formats, links and a table", () => {
  it("puts <drawing> after pageSetup and before tableParts and the sheet's extLst, not inside a cfRule's extLst", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Formats");
    for (let i = 1; i <= 5; ++i) sheet.addRow([`S${i}`, i * 2]);
    sheet.addConditionalFormatting({ ref: "B1:B5", rules: [{ type: "dataBar", cfvo: [{ type: "min" }, { type: "max" }], color: { argb: "FF638EC6" } } as unknown as ExcelJS.ConditionalFormattingRule] });
    sheet.getCell("C1").value = { text: "top", hyperlink: "#'Formats'!A1" };
    sheet.addTable({ name: "T", ref: "E1", columns: [{ name: "a" }], rows: [[1], [2]] });
    const input = Buffer.from(await book.xlsx.writeBuffer());
    const range = (col: number) => ({ sheet: "Formats", top: 0, left: col, rows: 5, cols: 1 });
    const chart: ChartSpec = { kind: "bar", title: "Bars", categories: range(0), series: [{ name: "n", values: range(1) }], anchor: { row: 7, col: 0 }, size: { rows: 10, cols: 6 } };
    const zip = await JSZip.loadAsync(await addChartsToXlsx(input, [{ sheet: "Formats", chart }]));
    const root = (await part(zip, "xl/worksheets/sheet1.xml")).documentElement;
    const names = Array.from(root.childNodes).filter((n) => n.nodeType === 1).map((n) => (n as Element).localName);
    expect(names.slice(names.indexOf("pageSetup"))).toEqual(["pageSetup", "drawing", "tableParts", "extLst"]);
    expect(all(one(root as unknown as Document, SML, "cfRule"), SML, "drawing")).toHaveLength(0);
    const relElements = all(await part(zip, "xl/worksheets/_rels/sheet1.xml.rels"), PKG, "Relationship");
    const ids = relElements.map((e) => e.getAttribute("Id"));
    expect(new Set(ids).size).toBe(ids.length);
    expect(relElements.map((e) => e.getAttribute("Type")!.split("/").pop()).sort()).toEqual(["drawing", "hyperlink", "table"]);
    const sheetRels = await rels(zip, "xl/worksheets/sheet1.xml");
    expect(sheetRels.get(one(root as unknown as Document, SML, "drawing").getAttributeNS(R, "id")!)!.type).toBe(`${R}/drawing`);
    expect(await chartsOf(zip)).toHaveLength(1);
  });
});

describe("addChartsToXlsx and a series along a row", () => {
  it("reads a one-row range left to right, for the categories and the values", async () => {
    const range = (top: number) => ({ sheet: EN_SHEET, top, left: 1, rows: 1, cols: 2 });
    const chart: ChartSpec = { kind: "column", title: "Champions", categories: range(0), series: [{ name: "Champions", values: range(1) }], anchor: { row: 40, col: 0 }, size: { rows: 10, cols: 5 } };
    const [found] = await chartsOf(await JSZip.loadAsync(await addChartsToXlsx(await testWorkbook("stream"), [{ sheet: ZH_SHEET, chart }])));
    expect(found.sheet).toBe(ZH_SHEET);
    expect(formulas(found.doc)).toEqual(["'Segment summary'!$B$1:$C$1", "'Segment summary'!$B$2:$C$2"]);
    const first = (tag: string) => cache(Array.from(one(found.doc, C, tag).childNodes).find((n): n is Element => n.nodeType === 1)!);
    expect(first("cat")).toEqual(["Customers", "Revenue"]);
    expect(first("val")).toEqual([SEGMENTS.customers[0], SEGMENTS.revenue[0]]);
  });
});

describe("addChartsToXlsx and dates as categories", () => {
  it("caches date cells as numbers with their date format, and the category axis shows that format", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Trend");
    sheet.getColumn(1).numFmt = "yyyy-mm-dd";
    sheet.addRow([new Date(Date.UTC(2024, 0, 1)), 10]);
    sheet.addRow([new Date(Date.UTC(2024, 1, 1)), 12]);
    const range = (col: number) => ({ sheet: "Trend", top: 0, left: col, rows: 2, cols: 1 });
    const chart: ChartSpec = { kind: "line", title: "Trend", categories: range(0), series: [{ name: "n", values: range(1) }], anchor: { row: 3, col: 0 }, size: { rows: 10, cols: 6 } };
    const [found] = await chartsOf(await JSZip.loadAsync(await addChartsToXlsx(Buffer.from(await book.xlsx.writeBuffer()), [{ sheet: "Trend", chart }])));
    const cat = Array.from(one(found.doc, C, "cat").childNodes).find((n): n is Element => n.nodeType === 1)!;
    expect(cat.localName).toBe("numRef");
    // Excel's serial days: 2024-01-01 is 45292, 2024-02-01 is 45323.
    expect(cache(cat)).toEqual([45292, 45323]);
    expect(one(cat, C, "formatCode").textContent).toBe("yyyy-mm-dd");
    expect(child(one(found.doc, C, "catAx"), C, "numFmt")!.getAttribute("formatCode")).toBe("yyyy-mm-dd");
  });
});

describe("addChartsToXlsxFile", () => {
  it("rewrites the file with its charts, and leaves it byte for byte as it was when it refuses", async () => {
    const dir = tempDir();
    const file = path.join(dir, "book.xlsx");
    const original = await testWorkbook("stream");
    fs.writeFileSync(file, original);
    const [column] = testCharts();
    await expect(addChartsToXlsxFile(file, [{ ...column, sheet: "Missing" }])).rejects.toThrow(XlsxPackageError);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
    await addChartsToXlsxFile(file, [column]);
    expect((await chartsOf(await JSZip.loadAsync(fs.readFileSync(file)))).map((f) => titleOf(f.doc))).toEqual([column.chart.title]);
    expect(fs.readdirSync(dir)).toEqual(["book.xlsx"]);
  });
});

describe("addChartsToXlsx refuses a chart it cannot draw, naming it", () => {
  const chart = testCharts()[0].chart;
  const cases: [string, { sheet: string; chart: ChartSpec }, RegExp][] = [
    ["a sheet the workbook lacks", { sheet: "Nope", chart }, /chart "Customers by segment" on sheet "Nope": the workbook has no worksheet of that name \(worksheets: "Segment summary", "客户 & '月度' 汇总"\)/],
    ["values on a missing sheet", { sheet: EN_SHEET, chart: { ...chart, series: [{ name: "x", values: { ...chart.series[0].values, sheet: "Gone" } }] } }, /series "x" refer to sheet "Gone"/],
    ["a block of values", { sheet: EN_SHEET, chart: { ...chart, series: [{ name: "x", values: { ...chart.series[0].values, cols: 2 } }] } }, /one row or one column, not 5×2 cells/],
    ["values longer than the categories", { sheet: EN_SHEET, chart: { ...chart, series: [{ name: "x", values: { ...chart.series[0].values, rows: 6 } }] } }, /have 6 cells where the categories have 5/],
    ["a pie of two series", { sheet: EN_SHEET, chart: { ...chart, kind: "pie", series: [chart.series[0], chart.series[0]] } }, /a pie chart draws one series, not 2/],
    ["a scatter without x values", { sheet: EN_SHEET, chart: { ...chart, kind: "scatter", categories: undefined } }, /has no x values/],
    ["a chart of no series", { sheet: EN_SHEET, chart: { ...chart, series: [] } }, /it has no series/],
    ["an anchor off the sheet", { sheet: EN_SHEET, chart: { ...chart, anchor: { row: -1, col: 0 } } }, /is not a cell of a sheet/],
  ];
  it.each(cases)("%s", async (_, item, message) => {
    const input = await testWorkbook("stream");
    const copy = Buffer.from(input);
    const err = await addChartsToXlsx(input, [testCharts()[1], item]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxPackageError);
    expect((err as Error).message).toMatch(message);
    expect(input.equals(copy)).toBe(true);
  });

  it("returns the package untouched when there are no charts", async () => {
    const input = await testWorkbook("stream");
    expect(await addChartsToXlsx(input, [])).toBe(input);
  });

  it("says a file that is not a zip is not an .xlsx package", async () => {
    await expect(addChartsToXlsx(Buffer.from("Customer,Date\n1,2024-01-01\n"), testCharts())).rejects.toThrow(/not an \.xlsx package/);
  });
});

describe("rangeFormula", () => {
  it("quotes any sheet name so that unquoting gives it back, and names the cells in A1 style", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 31 }), fc.integer({ min: 0, max: 1_048_575 }), fc.integer({ min: 0, max: 16_383 }), (sheet, top, left) => {
        const formula = rangeFormula({ sheet, top, left, rows: 1, cols: 1 });
        const match = /^'((?:[^']|'')*)'!\$([A-Z]+)\$(\d+)$/.exec(formula);
        expect(match).not.toBeNull();
        expect(match![1].replace(/''/g, "'")).toBe(sheet);
        expect(Number(match![3])).toBe(top + 1);
        const col = [...match![2]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        expect(col).toBe(left);
      }),
    );
    expect(rangeFormula({ sheet: "S", top: 0, left: 25, rows: 1, cols: 2 })).toBe("'S'!$Z$1:$AA$1");
    expect(rangeFormula({ sheet: "S", top: 0, left: 16_383, rows: 3, cols: 1 })).toBe("'S'!$XFD$1:$XFD$3");
  });
});

describe("LibreOffice and the charts", () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    if (!SOFFICE) throw new Error("LibreOffice is not installed: apt-get install -y libreoffice-calc-nogui (.ci/run does)");
    dir = tempDir();
    file = path.join(dir, "charts.xlsx");
    fs.writeFileSync(file, await addChartsToXlsx(await testWorkbook("workbook"), testCharts()));
  });
  const soffice = (format: string, outDir: string) =>
    execFileSync(SOFFICE!, ["--headless", `-env:UserInstallation=file://${dir}/lo-profile`, "--convert-to", format, "--outdir", outDir, file], { stdio: "ignore", timeout: 180_000 });

  it("keeps every chart, of its kind and with its ranges, when it saves the workbook again", async () => {
    soffice("xlsx", path.join(dir, "roundtrip"));
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "roundtrip", "charts.xlsx")));
    const found = await chartsOf(zip);
    const summary = (doc: Document) => {
      const kind = ["barChart", "pieChart", "lineChart", "scatterChart"].find((k) => all(doc, C, k).length > 0);
      // LibreOffice writes the series names as literal formulas ("收入"); the cell ranges must come back as ours.
      return `${kind} ${titleOf(doc)} ${formulas(doc).filter((f) => f!.includes("!")).sort().join(" ")}`;
    };
    const want = await chartsOf(await JSZip.loadAsync(fs.readFileSync(file)));
    expect(found.map((f) => summary(f.doc)).sort()).toEqual(want.map((f) => summary(f.doc)).sort());
  }, 200_000);

  it("draws them: the chart titles, which only the charts hold, are on the PDF pages", () => {
    soffice("pdf", dir);
    const text = execFileSync("pdftotext", [path.join(dir, "charts.pdf"), "-"], { encoding: "utf8" });
    for (const { chart } of testCharts()) expect(text).toContain(chart.title);
  }, 200_000);
});

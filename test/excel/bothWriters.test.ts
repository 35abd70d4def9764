/**
 * One workbook, two writers: the plan `tiers grade … --out x.xlsx` builds is written through the
 * add-in's writer (writePlan on the fake Excel host) and through the CLI's .xlsx writer (the file read
 * back with ExcelJS, and the table, conditional-format, chart, drawing and hyperlink parts parsed
 * here), both brought to one shape and compared one to one: sheet names and order, every cell's value
 * and type, number formats, column widths, frozen panes, tables, conditional formats, charts and links.
 *
 * What one writer legitimately does differently is listed in ALLOWED below, with the reason; nothing
 * else may differ.
 */
import * as fs from "fs";
import * as path from "path";
import { DOMParser } from "@xmldom/xmldom";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cliWorkbookPlan } from "../../src/cli/grade";
import { writePlanXlsx } from "../../src/cli/writeXlsx";
import { addChartsToZip } from "../../src/cli/xlsxCharts";
import { parseCellRef } from "../../src/cli/xlsxCells";
import { readRelationships, resolveTarget, workbookParts } from "../../src/cli/xlsxPackage";
import type { WorkbookPlan } from "../../src/engine/report/workbookPlan";
import { ROW_STATUSES } from "../../src/engine/common/labels";
import { EXCLUSION_REASONS } from "../../src/engine/common/types";
import { CHART_TYPES, writePlan } from "../../src/excel/writePlan";
import { CDNOW_SAMPLE_ARGS } from "../support/cdnow";
import { datasetFile } from "../support/datasets";
import { FakeWorkbook, letters, parseAddress } from "../support/fakeExcel";
import { tempDir } from "../support/runCli";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx");

/** Everything a workbook shows, as plain data both writers can be brought to. */
interface Shape {
  sheets: string[];
  /** "Sheet!A1" → "n:1234.5" | "s:text" | "b:true" | "f:FORMULA" (empty cells left out). */
  cells: Map<string, string>;
  /** "Sheet!A1" → number format, for number cells (a format does not change how text shows). */
  formats: Map<string, string>;
  /** "Sheet!col" → width in pixels (Calibri 11: 7 px a character + 5). */
  widths: Map<string, number>;
  freeze: Map<string, string>;
  tables: string[];
  conditionalFormats: string[];
  charts: string[];
  links: string[];
  merges: string[];
}

const emptyShape = (): Shape => ({ sheets: [], cells: new Map(), formats: new Map(), widths: new Map(), freeze: new Map(), tables: [], conditionalFormats: [], charts: [], links: [], merges: [] });

const DATE_FORMAT = /(^|[^\\"])[ymdhs]/i;
/** Date serials to the millisecond (ExcelJS reads date cells as Date objects, which carry no more). */
const dateSerial = (serial: number) => Math.round(serial * 86_400_000) / 86_400_000;
const formulaText = (f: string) => f.replace(/^=/, "").replace(/_xlfn\./g, "");
const range = (r: { top: number; left: number; rows: number; cols: number }) => `${letters(r.left)}${r.top + 1}:${letters(r.left + r.cols - 1)}${r.top + r.rows}`;
const unquote = (ref: string) => ref.replace(/\$/g, "").replace(/^'((?:[^']|'')*)'!/, (_, s: string) => `${s.replace(/''/g, "'")}!`);
/** "Sheet!A1:A1" and "Sheet!A1" are the same cell. */
const sameRange = (ref: string) => ref.replace(/!([A-Z]+\d+):\1$/, "!$1");
const chartKinds = Object.fromEntries(Object.entries(CHART_TYPES).map(([k, v]) => [v, k])) as Record<string, string>;

// ---- the add-in's writer, on the fake host ----

async function fakeShape(plan: WorkbookPlan): Promise<Shape> {
  const book = new FakeWorkbook();
  for (const s of plan.sheets) book.addSheet(s.name);
  await book.excel().run(async (ctx) => {
    await writePlan(ctx as Excel.RequestContext, plan, { signal: new AbortController().signal, dateSystem: 1900 });
  });
  const shape = emptyShape();
  shape.sheets = book.sheets.map((s) => s.name);
  for (const sheet of book.sheets) {
    const name = sheet.name;
    for (const [c, column] of sheet.columns)
      column.forEach((v, r) => {
        if (v === "" || v === null || v === undefined) return;
        const at = `${name}!${letters(c)}${r + 1}`;
        const format = sheet.formats.get(`${r}:${c}`) || "General";
        if (typeof v === "string" && v.startsWith("FORMULA:")) shape.cells.set(at, `f:${formulaText(v.slice(8))}`);
        else if (typeof v === "number") {
          shape.cells.set(at, `n:${DATE_FORMAT.test(format) ? dateSerial(v) : v}`);
          shape.formats.set(at, format);
        } else shape.cells.set(at, `${typeof v === "boolean" ? "b" : "s"}:${v}`);
      });
    for (const [c, points] of sheet.columnWidths) shape.widths.set(`${name}!${c}`, Math.round(points / 0.75));
    if (sheet.frozenRows || sheet.frozenColumns) shape.freeze.set(name, `${sheet.frozenRows}x${sheet.frozenColumns}`);
    for (const t of sheet.tables) shape.tables.push(`${name}!${t.address} ${t.name} header=${t.hasHeaders}`);
    for (const cf of sheet.conditionalFormats) shape.conditionalFormats.push(`${name}!${cf.address} ${cf.type[0].toLowerCase()}${cf.type.slice(1)}`);
    for (const chart of sheet.charts) {
      const [from, to] = chart.position!.map(parseAddress);
      const kind = chart.type === "XYScatterLinesNoMarkers" ? "scatter" : chartKinds[chart.type];
      const series = chart.series.map((s) => `${s.name}: ${sameRange(s.values)} x ${s.xValues ? sameRange(s.xValues) : "-"}`);
      const details = `legend=${Boolean(chart.legendVisible)} x="${chart.xTitle ?? ""}" y="${chart.yTitle ?? ""}" max=${chart.xMax ?? "-"},${chart.yMax ?? "-"}`;
      shape.charts.push(`${name} ${kind} "${chart.title}" at ${range({ top: from.top, left: from.left, rows: to.top - from.top + 1, cols: to.left - from.left + 1 })} [${series.join("; ")}] ${details}`);
    }
    for (const m of sheet.merged) shape.merges.push(`${name}!${m}`);
    for (const [rc, link] of sheet.links) {
      const [r, c] = rc.split(":").map(Number);
      shape.links.push(`${name}!${letters(c)}${r + 1} → ${link.documentReference}`);
    }
  }
  return shape;
}

// ---- the CLI's writer, the file read back ----

const dom = (xml: string) => new DOMParser().parseFromString(xml, "text/xml") as unknown as Document;
const byName = (node: Document | Element, name: string) => Array.from(node.getElementsByTagName("*")).filter((e) => e.localName === name);
const childNamed = (node: Element, name: string) => Array.from(node.childNodes).find((n): n is Element => n.nodeType === 1 && (n as Element).localName === name);
const textOf = (node: Element | undefined) => (node ? byName(node, "t").map((t) => t.textContent).join("") : "");

async function xlsxShape(plan: WorkbookPlan, file: string): Promise<Shape> {
  await writePlanXlsx(file, plan, { addCharts: addChartsToZip });
  const shape = emptyShape();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  shape.sheets = wb.worksheets.map((w) => w.name);
  for (const ws of wb.worksheets) {
    const name = ws.name;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Merge) return; // a merged cell shows its master's value
        const at = `${name}!${cell.address}`;
        const v = cell.value as unknown;
        const format = cell.numFmt || "General";
        if (v instanceof Date) {
          shape.cells.set(at, `n:${dateSerial(v.getTime() / 86_400_000 + 25569)}`);
          shape.formats.set(at, format);
        } else if (typeof v === "number") {
          shape.cells.set(at, `n:${v}`);
          shape.formats.set(at, format);
        } else if (typeof v === "boolean") shape.cells.set(at, `b:${v}`);
        else if (typeof v === "string") shape.cells.set(at, `s:${v}`);
        else if (v && typeof v === "object" && "formula" in v) shape.cells.set(at, `f:${formulaText(String((v as { formula: string }).formula))}`);
        else if (v && typeof v === "object" && "text" in v) shape.cells.set(at, `s:${(v as { text: string }).text}`);
        else if (v !== null && v !== undefined) shape.cells.set(at, `?:${JSON.stringify(v)}`);
      }),
    );
    (ws.columns ?? []).forEach((c, k) => c.width !== undefined && shape.widths.set(`${name}!${k}`, Math.round(c.width * 7 + 5)));
    for (const m of (ws.model as { merges?: string[] }).merges ?? []) shape.merges.push(`${name}!${m}`);
    const view = ws.views[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
    if (view?.state === "frozen" && (view.xSplit || view.ySplit)) shape.freeze.set(name, `${view.ySplit ?? 0}x${view.xSplit ?? 0}`);
  }

  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const book = await workbookParts(zip);
  for (const [name, part] of book.sheets) {
    const sheet = dom(await zip.file(part)!.async("string"));
    const rels = await readRelationships(zip, part);
    for (const cf of byName(sheet, "conditionalFormatting"))
      for (const rule of byName(cf, "cfRule")) shape.conditionalFormats.push(`${name}!${cf.getAttribute("sqref")} ${rule.getAttribute("type")}`);
    for (const link of byName(sheet, "hyperlink")) shape.links.push(`${name}!${link.getAttribute("ref")} → ${link.getAttribute("location")}`);
    for (const rel of rels.filter((r) => r.type.endsWith("/table"))) {
      const table = dom(await zip.file(resolveTarget(part, rel.target))!.async("string")).documentElement;
      shape.tables.push(`${name}!${table.getAttribute("ref")} ${table.getAttribute("name")} header=${(table.getAttribute("headerRowCount") ?? "1") !== "0"}`);
    }
    for (const rel of rels.filter((r) => r.type.endsWith("/drawing"))) {
      const drawingPath = resolveTarget(part, rel.target);
      const drawing = dom(await zip.file(drawingPath)!.async("string"));
      const drawingRels = await readRelationships(zip, drawingPath);
      for (const anchor of byName(drawing, "twoCellAnchor")) {
        const marker = (tag: string) => {
          const m = childNamed(anchor, tag)!;
          return { col: Number(childNamed(m, "col")!.textContent), row: Number(childNamed(m, "row")!.textContent) };
        };
        const from = marker("from"), to = marker("to");
        const chartRef = byName(anchor, "chart")[0];
        const id = Array.from({ length: chartRef.attributes.length }, (_, i) => chartRef.attributes[i]).find((a) => a.localName === "id")!.value;
        const chart = dom(await zip.file(resolveTarget(drawingPath, drawingRels.find((r) => r.id === id)!.target))!.async("string"));
        const plot = byName(chart, "plotArea")[0];
        const group = Array.from(plot.childNodes).find((n): n is Element => n.nodeType === 1 && /Chart$/.test((n as Element).localName))!;
        const kind = group.localName === "barChart" ? (childNamed(group, "barDir")!.getAttribute("val") === "bar" ? "bar" : "column") : group.localName.replace(/Chart$/, "");
        const title = textOf(childNamed(chart.documentElement.getElementsByTagNameNS("*", "chart")[0] ?? chart.documentElement, "title") ?? byName(chart, "title")[0]);
        const series = byName(group, "ser").map((ser) => {
          const f = (tag: string) => {
            const el = childNamed(ser, tag);
            return el ? sameRange(unquote(byName(el, "f")[0].textContent!)) : "-";
          };
          const seriesName = byName(childNamed(ser, "tx")!, "v")[0]?.textContent ?? "";
          return kind === "scatter" ? `${seriesName}: ${f("yVal")} x ${f("xVal")}` : `${seriesName}: ${f("val")} x ${f("cat")}`;
        });
        // The group's first axis is the category (x) axis, its second the value (y) axis.
        const axisTitle = (k: number) => {
          const id = Array.from(group.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === "axId")[k]?.getAttribute("val");
          const axis = Array.from(plot.childNodes).find((n): n is Element => n.nodeType === 1 && /Ax$/.test((n as Element).localName) && childNamed(n as Element, "axId")?.getAttribute("val") === id);
          return axis ? textOf(childNamed(axis, "title")) : "";
        };
        const axisMax = (k: number) => {
          const id = Array.from(group.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === "axId")[k]?.getAttribute("val");
          const axis = Array.from(plot.childNodes).find((n): n is Element => n.nodeType === 1 && /Ax$/.test((n as Element).localName) && childNamed(n as Element, "axId")?.getAttribute("val") === id);
          const max = axis ? byName(axis, "max")[0] : undefined;
          return max ? Number(max.getAttribute("val")) : "-";
        };
        const legend = byName(chart, "legend").length > 0;
        const details = `legend=${legend} x="${axisTitle(0)}" y="${axisTitle(1)}" max=${axisMax(0)},${axisMax(1)}`;
        shape.charts.push(`${name} ${kind} "${title}" at ${range({ top: from.row, left: from.col, rows: to.row - from.row, cols: to.col - from.col })} [${series.join("; ")}] ${details}`);
      }
    }
  }
  return shape;
}

// ---- the comparison ----

/**
 * What may differ, and why: each entry names the shape field and a test of the key; everything not
 * matched here must be equal. None is needed today (an entry no case uses fails the run: see afterAll).
 * The 9-character column ExcelJS used to drop as its default, the empty-text cells the .xlsx had where
 * Excel's values API leaves the cell empty, and the columns after a merged (spanned) column, which
 * the add-in wrote one column too far left and did not merge, were all fixed in the writers instead.
 *
 * Not compared, on purpose:
 * - a chart's value-axis number format: Office.js sets it only from ExcelApi 1.8 (writePlan checks
 *   the requirement set; the fake host runs 1.7, the add-in's floor), and the .xlsx links it to the
 *   cells' own format when the plan gives none;
 * - row heights: the .xlsx writer sets the height wrapped text needs (a file carries heights; not
 *   every viewer recomputes them), Excel sizes rows itself when the add-in writes;
 * - fonts and fills (bold titles and headers): styling, not content.
 */
const ALLOWED: { field: keyof Shape; why: string; matches: (key: string, fake: string | number | undefined, xlsx: string | number | undefined) => boolean }[] = [];

const USED = new Set<string>();

function differences(fake: Shape, xlsx: Shape): string[] {
  const out: string[] = [];
  if (JSON.stringify(fake.sheets) !== JSON.stringify(xlsx.sheets)) out.push(`sheets: fake ${JSON.stringify(fake.sheets)} xlsx ${JSON.stringify(xlsx.sheets)}`);
  for (const field of ["cells", "formats", "widths", "freeze"] as const) {
    const a = fake[field] as Map<string, string | number>, b = xlsx[field] as Map<string, string | number>;
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(key), y = b.get(key);
      const allowed = ALLOWED.find((e) => e.field === field && e.matches(key, x, y));
      if (allowed) USED.add(allowed.why);
      if (x === y || allowed) continue;
      out.push(`${field} ${key}: fake ${JSON.stringify(x)} xlsx ${JSON.stringify(y)}`);
    }
  }
  for (const field of ["tables", "conditionalFormats", "charts", "links", "merges"] as const) {
    const a = [...fake[field]].sort(), b = [...xlsx[field]].sort();
    for (const item of a) if (!b.includes(item)) out.push(`${field}: only the fake host has ${item}`);
    for (const item of b) if (!a.includes(item)) out.push(`${field}: only the .xlsx has ${item}`);
  }
  return out;
}

const dir = tempDir();
const CASES: [string, string[]][] = [
  ["the sample, English, with trend and clusters", [SAMPLE, "--trend", "--clusters", "auto"]],
  ["the sample, Chinese, with formulas (Breaks and Segment map sheets)", [SAMPLE, "--lang", "zh", "--formulas", "--trend"]],
  ["CDNOW's sample with CLV, Chinese", [datasetFile("cdnow-lifetimes/CDNOW_sample.txt"), ...CDNOW_SAMPLE_ARGS, "--clv", "--lang", "zh"]],
];

afterAll(() => {
  // An allowance no case needs is stale: take it out.
  for (const e of ALLOWED) if (!USED.has(e.why)) throw new Error(`unused allowance: ${e.why}`);
});

describe.each(CASES)("%s through both writers", (label, argv) => {
  let fake: Shape;
  let xlsx: Shape;
  let plan: WorkbookPlan;
  beforeAll(async () => {
    plan = await cliWorkbookPlan(argv);
    fake = await fakeShape(plan);
    xlsx = await xlsxShape(plan, path.join(dir, `${CASES.findIndex((c) => c[0] === label)}.xlsx`));
  }, 300_000);

  test("the two workbooks are one: no difference outside the listed ones", () => {
    expect(differences(fake, xlsx).slice(0, 40)).toEqual([]);
  });

  test("and there is something to compare: every plan sheet, its charts, tables, formats and links", () => {
    expect(fake.sheets).toEqual(plan.sheets.map((s) => s.name));
    expect(fake.charts.length).toBe(plan.sheets.reduce((n, s) => n + s.charts.length, 0));
    expect(fake.charts.length).toBeGreaterThanOrEqual(3);
    expect(fake.tables.length).toBeGreaterThanOrEqual(1);
    expect(fake.conditionalFormats.length).toBeGreaterThanOrEqual(1);
    expect(fake.links.length).toBeGreaterThanOrEqual(1);
    expect(fake.freeze.size).toBeGreaterThanOrEqual(1);
    expect(fake.merges.length).toBeGreaterThanOrEqual(1);
    expect(fake.cells.size).toBeGreaterThan(10_000);
    expect([...fake.formats.values()].some((f) => f === "0.0%")).toBe(true);
  });

  test("a Chinese workbook shows its row statuses in Chinese, in both writers (the two are equal)", () => {
    if (!argv.includes("zh")) return;
    const codes = new RegExp(`^s:(${["included", ...EXCLUSION_REASONS].join("|")})$`);
    const statuses = ROW_STATUSES.map((s) => `s:${s.zh}`);
    const dataSheet = plan.sheets.find((s) => s.role === "data")!.name;
    const cells = [...fake.cells].filter(([at]) => at.startsWith(`${dataSheet}!`)).map(([, v]) => v);
    expect(cells.filter((v) => codes.test(v))).toEqual([]);
    expect(cells.filter((v) => statuses.includes(v)).length).toBeGreaterThan(1000);
  });
});

test("the comparison sees a dropped element: a chart, a table, a link or a cell missing on one side", () => {
  const base = emptyShape();
  base.sheets = ["S"];
  base.cells.set("S!A1", "s:x");
  base.charts.push('S bar "T" at A1:B2 [a: S!A1 x -]');
  base.tables.push("S!A1:B2 T header=true");
  base.links.push("S!A1 → 'S'!A1");
  const copy = (s: Shape): Shape => ({ ...s, sheets: [...s.sheets], merges: [...s.merges], cells: new Map(s.cells), formats: new Map(s.formats), widths: new Map(s.widths), freeze: new Map(s.freeze), charts: [...s.charts], tables: [...s.tables], links: [...s.links], conditionalFormats: [...s.conditionalFormats] });
  expect(differences(base, copy(base))).toEqual([]);
  for (const drop of [(s: Shape) => s.charts.pop(), (s: Shape) => s.tables.pop(), (s: Shape) => s.links.pop(), (s: Shape) => s.cells.clear(), (s: Shape) => s.sheets.pop()]) {
    const other = copy(base);
    drop(other);
    expect(differences(base, other).length).toBeGreaterThan(0);
    expect(differences(other, base).length).toBeGreaterThan(0);
  }
  expect(parseCellRef("B2")).toEqual({ row: 1, col: 1 });
});

/**
 * Native charts for an .xlsx that ExcelJS wrote (ExcelJS cannot write charts). For each sheet that
 * gets charts: a drawing part (or the sheet's existing one, extended), one chart part per ChartSpec,
 * the relationships sheet → drawing → chart, the sheet's `<drawing r:id>` element in its schema place,
 * and content-type overrides. Series cache the cell values read from the package itself.
 *
 * Hand-written rather than a library: the npm packages that write charts (xlsx-chart, office-chart)
 * build whole workbooks from their own templates and cannot add a chart to one ExcelJS wrote; the
 * chart parts are a few hundred lines of schema-ordered XML.
 */
import * as fs from "fs";
import JSZip from "jszip";
import type { CellRange, ChartSpec } from "../engine/report/workbookPlan";
import { chartAnchorXml, chartSpaceXml, emptyDrawingXml, type CachedRange, type ChartData } from "./chartXml";
import { cellFormats, columnLetters, readCells, sharedStrings, type ReadCell, type Rect } from "./xlsxCells";
import {
  NS, PACKAGE_OUTPUT, XlsxPackageError, writePackageOver, addContentTypes, addRelationships, freePartName, freeRelationshipId, insertBeforeRootEnd,
  insertWorksheetElement, topLevelAfterSheetData, readPart, readRelationships, relativeTarget, resolveTarget, workbookParts, type Relationship, type WorkbookParts,
} from "./xlsxPackage";

export { XlsxPackageError };

export interface SheetChart {
  sheet: string;
  chart: ChartSpec;
}

/** The largest sheet Excel has: 1,048,576 rows by 16,384 columns (XFD). */
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/**
 * Adds `charts` to the workbook in `xlsx` and returns the new package. Refuses (XlsxPackageError,
 * naming the chart and sheet) before changing anything when a sheet is missing or a range cannot be
 * a series.
 */
export async function addChartsToXlsx(xlsx: Buffer, charts: readonly SheetChart[]): Promise<Buffer> {
  if (charts.length === 0) return xlsx;
  const zip = await loadPackage(xlsx);
  await addChartsToZip(zip, charts);
  return zip.generateAsync(PACKAGE_OUTPUT);
}

async function loadPackage(xlsx: Buffer): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(xlsx);
  } catch (err) {
    throw new XlsxPackageError(`not an .xlsx package (${(err as Error).message})`);
  }
}

/** addChartsToXlsx on a package already loaded (the workbook writer adds tables, links and charts in one load). */
export async function addChartsToZip(zip: JSZip, charts: readonly SheetChart[]): Promise<void> {
  if (charts.length === 0) return;
  const book = await workbookParts(zip);
  for (const item of charts) checkChart(item, book);

  const data = await cachedData(zip, book, charts);
  const taken = new Set<string>();
  const overrides: { part: string; type: string }[] = [];
  const bySheet = new Map<string, number[]>();
  charts.forEach((item, i) => bySheet.set(item.sheet, [...(bySheet.get(item.sheet) ?? []), i]));

  for (const [sheet, indexes] of bySheet) {
    const sheetPath = book.sheets.get(sheet)!;
    const sheetXml = (await readPart(zip, sheetPath))!;
    const sheetRels = await readRelationships(zip, sheetPath);
    const existing = existingDrawing(sheetXml, sheetRels, sheetPath);
    const drawingPath = existing ?? freePartName(zip, "xl/drawings", "drawing", taken);
    let drawingXml = existing ? await readPart(zip, existing) : emptyDrawingXml();
    if (drawingXml === null) throw new XlsxPackageError(`${sheetPath}: its drawing part ${drawingPath} is missing`);
    const drawingRels: Relationship[] = await readRelationships(zip, drawingPath);
    const added: Relationship[] = [];
    let shapeId = maxShapeId(drawingXml);
    let anchors = "";
    for (const i of indexes) {
      const chartPath = freePartName(zip, "xl/charts", "chart", taken);
      zip.file(chartPath, chartSpaceXml(charts[i].chart, data[i]));
      overrides.push({ part: chartPath, type: NS.chartType });
      const rel: Relationship = { id: freeRelationshipId([...drawingRels, ...added]), type: NS.chartRel, target: relativeTarget(drawingPath, chartPath), external: false };
      added.push(rel);
      anchors += chartAnchorXml(charts[i].chart, rel.id, ++shapeId);
    }
    drawingXml = insertBeforeRootEnd(drawingXml, "wsDr", anchors, drawingPath);
    zip.file(drawingPath, drawingXml);
    await addRelationships(zip, drawingPath, added);
    if (!existing) {
      overrides.push({ part: drawingPath, type: NS.drawingType });
      const rel: Relationship = { id: freeRelationshipId(sheetRels), type: NS.drawingRel, target: relativeTarget(sheetPath, drawingPath), external: false };
      await addRelationships(zip, sheetPath, [rel]);
      zip.file(sheetPath, withDrawingElement(sheetXml, rel.id, sheetPath));
    }
  }
  await addContentTypes(zip, overrides);
}

/**
 * addChartsToXlsx on a file in place: the new package goes to a temporary file beside it, renamed
 * over the original only once complete, so a refusal or a crash leaves the file as it was.
 */
export async function addChartsToXlsxFile(file: string, charts: readonly SheetChart[]): Promise<void> {
  if (charts.length === 0) return;
  const zip = await loadPackage(await fs.promises.readFile(file));
  await addChartsToZip(zip, charts);
  await writePackageOver(zip, file);
}

function checkChart({ sheet, chart }: SheetChart, book: WorkbookParts): void {
  const where = `chart "${chart.title}" on sheet "${sheet}"`;
  const fail = (why: string): never => {
    throw new XlsxPackageError(`${where}: ${why}`);
  };
  const names = () => [...book.sheets.keys()].map((n) => `"${n}"`).join(", ");
  if (!book.sheets.has(sheet)) fail(`the workbook has no worksheet of that name (worksheets: ${names()})`);
  if (!["bar", "column", "pie", "line", "scatter"].includes(chart.kind)) fail(`unknown chart kind "${chart.kind}"`);
  if (chart.series.length === 0) fail("it has no series");
  if (chart.kind === "pie" && chart.series.length > 1) fail(`a pie chart draws one series, not ${chart.series.length}`);
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (!whole(chart.anchor.row) || !whole(chart.anchor.col) || chart.anchor.row >= MAX_ROWS || chart.anchor.col >= MAX_COLS) fail(`anchor ${JSON.stringify(chart.anchor)} is not a cell of a sheet`);
  if (!whole(chart.size.rows) || !whole(chart.size.cols) || chart.size.rows < 1 || chart.size.cols < 1) fail(`size ${JSON.stringify(chart.size)} must be at least one row and one column`);
  const checkRange = (range: CellRange, what: string, length?: number) => {
    if (!book.sheets.has(range.sheet)) fail(`${what} refer to sheet "${range.sheet}", which the workbook has not (worksheets: ${names()})`);
    if (![range.top, range.left, range.rows, range.cols].every(whole) || range.rows < 1 || range.cols < 1) fail(`${what} are not a range of cells (${JSON.stringify(range)})`);
    if (range.top + range.rows > MAX_ROWS || range.left + range.cols > MAX_COLS) fail(`${what} reach past the last row or column of a sheet`);
    if (range.rows !== 1 && range.cols !== 1) fail(`${what} must be one row or one column, not ${range.rows}×${range.cols} cells`);
    if (length !== undefined && rangeLength(range) !== length) fail(`${what} have ${rangeLength(range)} cells where the categories have ${length}`);
  };
  if (chart.kind === "scatter" && chart.categories) fail("a scatter chart takes x values per series, not categories");
  if (chart.categories) checkRange(chart.categories, "the categories");
  const categoryCount = chart.categories ? rangeLength(chart.categories) : undefined;
  for (const series of chart.series) {
    checkRange(series.values, `the values of series "${series.name}"`, categoryCount);
    if (chart.kind === "scatter") {
      if (!series.xValues) fail(`series "${series.name}" of a scatter chart has no x values`);
      checkRange(series.xValues!, `the x values of series "${series.name}"`, rangeLength(series.values));
    } else if (series.xValues) fail(`series "${series.name}" has x values, which only a scatter chart takes`);
  }
}

function rangeLength(range: CellRange): number {
  return range.rows * range.cols;
}

/** `'Sheet name'!$B$2:$B$9`: the name always quoted, its apostrophes doubled. */
export function rangeFormula(range: CellRange): string {
  const cell = (row: number, col: number) => `$${columnLetters(col)}$${row + 1}`;
  const start = cell(range.top, range.left);
  const end = cell(range.top + range.rows - 1, range.left + range.cols - 1);
  return `'${range.sheet.replace(/'/g, "''")}'!${start === end ? start : `${start}:${end}`}`;
}

/** Every chart's ranges with the values and formats of their cells, each sheet read once. */
async function cachedData(zip: JSZip, book: WorkbookParts, charts: readonly SheetChart[]): Promise<ChartData[]> {
  const rectsBySheet = new Map<string, Rect[]>();
  const ranges = (c: ChartSpec) => [c.categories, ...c.series.flatMap((s) => [s.values, s.xValues])].filter((r): r is CellRange => r !== undefined);
  for (const { chart } of charts) for (const r of ranges(chart)) rectsBySheet.set(r.sheet, [...(rectsBySheet.get(r.sheet) ?? []), r]);

  let strings: string[] | null = null;
  const sharedXml = book.sharedStringsPath ? await readPart(zip, book.sharedStringsPath) : null;
  const lazyStrings = () => (strings ??= sharedStrings(sharedXml));
  const formats = cellFormats(book.stylesPath ? await readPart(zip, book.stylesPath) : null);
  const cells = new Map<string, Map<string, ReadCell>>();
  for (const [sheet, rects] of rectsBySheet) {
    const xml = await readPart(zip, book.sheets.get(sheet)!);
    if (xml === null) throw new XlsxPackageError(`sheet "${sheet}": its part ${book.sheets.get(sheet)} is missing`);
    cells.set(sheet, readCells(xml, rects, lazyStrings, formats));
  }

  const cached = (range: CellRange): CachedRange => {
    const sheetCells = cells.get(range.sheet)!;
    const points: (string | number | null)[] = [];
    let formatCode: string | null = null;
    for (let r = 0; r < range.rows; ++r) {
      for (let c = 0; c < range.cols; ++c) {
        const cell = sheetCells.get(`${range.top + r},${range.left + c}`);
        const value = cell?.value ?? null;
        points.push(typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : value);
        if (formatCode === null && typeof value === "number") formatCode = cell!.format;
      }
    }
    return { formula: rangeFormula(range), points, formatCode: formatCode ?? "General" };
  };
  return charts.map(({ chart }) => ({
    categories: chart.categories ? cached(chart.categories) : undefined,
    series: chart.series.map((s) => ({ name: s.name, values: cached(s.values), xValues: s.xValues ? cached(s.xValues) : undefined })),
  }));
}

function existingDrawing(sheetXml: string, rels: readonly Relationship[], sheetPath: string): string | null {
  const drawing = topLevelAfterSheetData(sheetXml, sheetPath).find((e) => e.name === "drawing");
  if (!drawing) return null;
  const id = /\b[\w.-]+:id\s*=\s*"([^"]*)"/.exec(drawing.tag)?.[1];
  const rel = rels.find((r) => r.id === id && r.type === NS.drawingRel && !r.external);
  if (!rel) throw new XlsxPackageError(`${sheetPath}: its drawing element points at no drawing relationship`);
  return resolveTarget(sheetPath, rel.target);
}

/** The sheet with `<drawing r:id>` inserted in its schema place. */
function withDrawingElement(sheetXml: string, relId: string, sheetPath: string): string {
  const root = /<worksheet\b[^>]*>/.exec(sheetXml);
  if (!root) throw new XlsxPackageError(`${sheetPath}: no <worksheet> root element`);
  const declared = new RegExp(`xmlns:r\\s*=\\s*"${NS.rel.replace(/[.]/g, "\\.")}"`).test(root[0]);
  const element = declared ? `<drawing r:id="${relId}"/>` : `<drawing xmlns:r="${NS.rel}" r:id="${relId}"/>`;
  return insertWorksheetElement(sheetXml, "drawing", element, sheetPath);
}

/** The largest cNvPr id in a drawing part, so new shapes get ids of their own. */
function maxShapeId(drawingXml: string): number {
  let max = 0;
  for (const m of drawingXml.matchAll(/<(?:[\w.-]+:)?cNvPr\b[^>]*?\bid="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/**
 * Writes a workbook plan (src/engine/report/workbookPlan.ts) with Office.js: values in byte-sized
 * blocks with calculation suspended, one number format per column kind, widths, merged (spanned)
 * columns, frozen panes,
 * Excel tables, colour scales and data bars, charts and links. The plan decides every title, format
 * and chart; this file only places them. Stays within ExcelApi 1.7 (charts' series API, freezePanes
 * and hyperlinks are 1.7; conditional formats 1.6) except a chart's value-axis number format (1.8),
 * which is set only where the host supports it.
 */
import { dayToSerial } from "../engine/read/days";
import { blockDataTop, blockHeight, blockRow, blockRowCount, blockWidth, cellKind, columnAt, isFormula, NUMBER_FORMATS, type Block, type CellRange, type ChartKind, type ChartSpec, type ColumnKind, type PlanCell, type SheetPlan, type WorkbookPlan } from "../engine/report/workbookPlan";
import { isSetSupported } from "./requirements";
import { columnName } from "./selection";
import { writeBlocks } from "./writeBlocks";

/** The Office.js chart type for each plan chart kind. */
export const CHART_TYPES: Record<ChartKind, string> = {
  bar: "BarClustered",
  column: "ColumnClustered",
  pie: "Pie",
  line: "Line",
  scatter: "XYScatter",
};

/** A scatter of many points is a curve (the Pareto curve has one per percentile): lines, no markers — as the .xlsx writer draws it. */
export const CURVE_POINTS = 40;

export function officeChartType(spec: ChartSpec): string {
  if (spec.kind === "scatter" && spec.series.some((s) => s.values.rows * s.values.cols > CURVE_POINTS)) return "XYScatterLinesNoMarkers";
  return CHART_TYPES[spec.kind];
}

export const TABLE_STYLE = "TableStyleMedium2";

/**
 * Excel's column width in characters (the unit of the plan and of .xlsx files) as the points
 * Office.js's `format.columnWidth` takes: a character is the default font's digit width, 7 px for
 * Calibri 11, plus 5 px of padding; 1 px = 0.75 pt.
 */
export function charsToPoints(chars: number): number {
  return Math.round(chars * 7 + 5) * 0.75;
}

/** "A1:B3" of a 0-based rectangle. */
export const boxAddress = (top: number, left: number, rows: number, cols: number): string =>
  rows === 1 && cols === 1 ? `${columnName(left)}${top + 1}` : `${columnName(left)}${top + 1}:${columnName(left + cols - 1)}${top + rows}`;

/** A sheet name as Excel writes it in a reference: quoted, quotes doubled. */
export const sheetReference = (name: string): string => `'${name.replace(/'/g, "''")}'`;

export interface PlanWriteOptions {
  signal: AbortSignal;
  /** The workbook's date system, for date cells (the plan holds epoch days). */
  dateSystem: 1900 | 1904;
  /** The sheet each plan sheet is written to (the caller made or chose it); defaults to the plan's name. */
  sheetName?: (plan: SheetPlan) => string;
  /** Called after each sheet with the number of sheets written. */
  onSheet?: (done: number, total: number) => void;
  /** Plan table name → a table already in the workbook at that block (a regrade): it is resized (ExcelApi 1.13), not added. */
  existingTables?: Map<string, string>;
}

/** What one sheet got: its real table names (a name already in the workbook gets a suffix). */
export interface WrittenSheet {
  plan: SheetPlan;
  name: string;
  tables: string[];
}

/** The rectangle a block covers: title row (if any), header row (unless it has none), rows. */
export function blockExtent(block: Block): { top: number; left: number; rows: number; cols: number } {
  return { top: block.top, left: block.left, rows: blockHeight(block), cols: Math.max(1, blockWidth(block)) };
}

/** The value a plan cell is written as: dates (epoch days, a fraction is the time) become serials of the workbook's date system. */
export function planCellValue(value: PlanCell, kind: ColumnKind, dateSystem: 1900 | 1904): PlanCell {
  if ((kind === "date" || kind === "datetime") && typeof value === "number" && Number.isFinite(value)) {
    const day = Math.floor(value);
    return dayToSerial(day, dateSystem) + (value - day);
  }
  return value;
}

export async function writePlan(context: Excel.RequestContext, plan: WorkbookPlan, options: PlanWriteOptions): Promise<WrittenSheet[]> {
  const nameOf = options.sheetName ?? ((s: SheetPlan) => s.name);
  const names = new Map(plan.sheets.map((s) => [s.name, nameOf(s)]));
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  const takenTables = new Set(tables.items.map((t) => t.name.toLowerCase()));
  const out: WrittenSheet[] = [];
  for (const sheetPlan of plan.sheets) {
    out.push(await writeSheetPlan(context, sheetPlan, { ...options, names, takenTables }));
    options.onSheet?.(out.length, plan.sheets.length);
  }
  if (plan.activeSheet) {
    context.workbook.worksheets.getItem(names.get(plan.activeSheet) ?? plan.activeSheet).activate();
    await context.sync();
  }
  return out;
}

interface SheetContext extends PlanWriteOptions {
  names: Map<string, string>;
  takenTables: Set<string>;
}

async function writeSheetPlan(context: Excel.RequestContext, plan: SheetPlan, options: SheetContext): Promise<WrittenSheet> {
  const { signal, dateSystem, names } = options;
  const name = names.get(plan.name) ?? plan.name;
  const sheet = context.workbook.worksheets.getItem(name);
  const rangeOf = (r: CellRange) => context.workbook.worksheets.getItem(names.get(r.sheet) ?? r.sheet).getRangeByIndexes(r.top, r.left, r.rows, r.cols);

  for (const block of plan.blocks) {
    const width = Math.max(1, blockWidth(block));
    // Sheet column (from the block's left) of each block column: a column with a span takes several.
    const at = block.columns.map((_, k) => columnAt(block, k) - block.left);
    const spans = block.columns.some((c) => (c.span ?? 1) > 1);
    const spread = <T,>(row: readonly T[], empty: T): T[] => {
      if (!spans) return row.length >= width ? row.slice(0, width) : [...row, ...new Array<T>(width - row.length).fill(empty)];
      const out = new Array<T>(width).fill(empty);
      at.forEach((c, k) => k < row.length && (out[c] = row[k]));
      return out;
    };
    const pad = (row: PlanCell[]) => spread<PlanCell>(row, null);
    const withHeader = block.header !== false;
    const head = (block.title ? 1 : 0) + (withHeader ? 1 : 0);
    const count = blockRowCount(block);
    const header = block.columns.map((c) => c.title);
    const body = (i: number) => pad(blockRow(block, i).map((v, k) => (isFormula(v) ? v : planCellValue(v, cellKind(block, i, k), dateSystem))));
    if (head > 0) await writeBlocks(context, { sheet, top: block.top, left: block.left, rowCount: head, row: (i) => (block.title && i === 0 ? spread<PlanCell>([block.title], null) : pad(header)) }, signal);
    const columnFormats = spread(block.columns.map((c) => formatOf(c.kind)), "");
    await writeBlocks(
      context,
      {
        sheet,
        top: block.top + head,
        left: block.left,
        rowCount: count,
        row: body,
        // One format per column, unless the block overrides kinds cell by cell.
        ...(block.kinds ? { formatsAt: (i: number) => spread(block.columns.map((_, k) => formatOf(cellKind(block, i, k))), "") } : { formats: columnFormats }),
      },
      signal,
    );
    if (block.title) sheet.getRangeByIndexes(block.top, block.left, 1, 1).format.font.bold = true;
    if (withHeader && !block.table) sheet.getRangeByIndexes(block.top + head - 1, block.left, 1, width).format.font.bold = true;
    block.columns.forEach((c, k) => {
      const col = block.left + at[k];
      const span = c.span ?? 1;
      // A merged column's width is its columns' widths (the sheet's), as the .xlsx writer has it.
      if (c.width && span === 1) sheet.getRangeByIndexes(0, col, 1, 1).format.columnWidth = charsToPoints(c.width);
      if (c.wrap && count > 0) sheet.getRangeByIndexes(block.top + head, col, count, span).format.wrapText = true;
      if (span > 1) {
        const top = withHeader ? blockDataTop(block) - 1 : blockDataTop(block);
        const rows = count + (withHeader ? 1 : 0);
        if (rows > 0) sheet.getRangeByIndexes(top, col, rows, span).merge(true);
      }
    });
  }
  for (const [col, chars] of Object.entries(plan.widths ?? {})) sheet.getRangeByIndexes(0, Number(col), 1, 1).format.columnWidth = charsToPoints(chars);

  const tables: string[] = [];
  for (const block of plan.blocks) {
    if (!block.table) continue;
    const top = block.top + (block.title ? 1 : 0);
    // A table needs a data row: an empty block gets one empty row.
    const address = boxAddress(top, block.left, 1 + Math.max(1, blockRowCount(block)), Math.max(1, blockWidth(block)));
    const kept = options.existingTables?.get(block.table);
    if (kept && isSetSupported("ExcelApi", "1.13")) {
      context.workbook.tables.getItem(kept).resize(address);
      tables.push(kept);
      continue;
    }
    const table = sheet.tables.add(address, true);
    const tableName = freeTableName(block.table, options.takenTables);
    table.name = tableName;
    table.style = TABLE_STYLE;
    tables.push(tableName);
  }

  for (const format of plan.conditionalFormats) {
    const range = rangeOf(format.range);
    if (format.type === "colorScale") {
      const cf = range.conditionalFormats.add("ColorScale");
      const [low, mid, high] = format.colors.length === 3 ? format.colors : [format.colors[0], undefined, format.colors[1]];
      cf.colorScale.criteria = {
        minimum: { type: "LowestValue", color: `#${low}` },
        ...(mid ? { midpoint: { type: "Percentile", formula: "50", color: `#${mid}` } } : {}),
        maximum: { type: "HighestValue", color: `#${high}` },
      };
    } else {
      const cf = range.conditionalFormats.add("DataBar");
      cf.dataBar.positiveFormat.fillColor = `#${format.color}`;
    }
  }

  for (const link of plan.links) {
    const text = cellText(plan, link.row, link.col);
    sheet.getRangeByIndexes(link.row, link.col, 1, 1).hyperlink = { documentReference: `${sheetReference(names.get(link.toSheet) ?? link.toSheet)}!${link.toCell}`, ...(text ? { textToDisplay: text } : {}) };
  }

  for (const spec of plan.charts) addChart(sheet, spec, rangeOf);

  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.cols > 0)) {
    const { rows, cols } = plan.freeze;
    if (rows > 0 && cols > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, rows, cols));
    else if (rows > 0) sheet.freezePanes.freezeRows(rows);
    else sheet.freezePanes.freezeColumns(cols);
  }
  await context.sync();
  return { plan, name, tables };
}

const formatOf = (kind: ColumnKind): string => (NUMBER_FORMATS[kind] === "General" ? "" : NUMBER_FORMATS[kind]);

function freeTableName(base: string, taken: Set<string>): string {
  let name = base;
  for (let k = 2; taken.has(name.toLowerCase()); ++k) name = `${base}_${k}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The text the plan puts at a cell (for a link's display text), or null. */
function cellText(plan: SheetPlan, row: number, col: number): string | null {
  for (const block of plan.blocks) {
    const e = blockExtent(block);
    if (row < e.top || row >= e.top + e.rows || col < e.left || col >= e.left + e.cols) continue;
    const r = row - e.top, k = block.columns.findIndex((_, j) => columnAt(block, j) === col);
    const titled = block.title ? 1 : 0, headed = block.header === false ? 0 : 1;
    if (r < titled) return col === block.left ? block.title! : null;
    if (k < 0) return null;
    const v = r < titled + headed ? block.columns[k].title : blockRow(block, r - titled - headed)?.[k];
    return v === null || v === undefined || isFormula(v) ? null : String(v);
  }
  return null;
}

function addChart(sheet: Excel.Worksheet, spec: ChartSpec, rangeOf: (r: CellRange) => Excel.Range): void {
  if (!spec.series.length) return;
  const [first, ...more] = spec.series;
  const chart = sheet.charts.add(officeChartType(spec) as Excel.ChartType, rangeOf(first.values), "Columns");
  chart.title.text = spec.title;
  chart.legend.visible = spec.legend ?? spec.series.length > 1;
  const fill = (series: Excel.ChartSeries, s: (typeof spec.series)[number]) => {
    series.name = s.name;
    series.setValues(rangeOf(s.values));
    const x = spec.kind === "scatter" ? s.xValues : spec.categories;
    if (x) series.setXAxisValues(rangeOf(x));
  };
  fill(chart.series.getItemAt(0), first);
  for (const s of more) fill(chart.series.add(s.name), s);
  if (spec.kind !== "pie") {
    if (spec.xTitle) chart.axes.categoryAxis.title.text = spec.xTitle;
    if (spec.yTitle) chart.axes.valueAxis.title.text = spec.yTitle;
    if (spec.valueFormat && isSetSupported("ExcelApi", "1.8")) chart.axes.valueAxis.numberFormat = spec.valueFormat;
    if (spec.axisMax?.y !== undefined) chart.axes.valueAxis.maximum = spec.axisMax.y;
    // A scatter's x axis is Office.js's category axis.
    if (spec.axisMax?.x !== undefined && spec.kind === "scatter") chart.axes.categoryAxis.maximum = spec.axisMax.x;
  }
  const { row, col } = spec.anchor;
  chart.setPosition(`${columnName(col)}${row + 1}`, `${columnName(col + Math.max(1, spec.size.cols) - 1)}${row + Math.max(1, spec.size.rows)}`);
}

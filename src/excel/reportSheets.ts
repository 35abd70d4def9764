/**
 * The Customers, Summary and Method sheets, with native charts and the R×F heat map. All content
 * comes from the engine (customerRows, summaryTables, methodLines, paretoCurve); this file only
 * places it.
 */
import { CUSTOMER_COLUMN_TITLES, CUSTOMER_COLUMNS, customerRow, type OutCell } from "../engine/report/customerTable";
import { KIND_CUSTOMER } from "../engine/grade/aggregate";
import { dayToSerial } from "../engine/read/days";
import type { GradeResult } from "../engine/grade/pipeline";
import { paretoCurve } from "../engine/report/paretoCurve";
import { methodLines, summaryTables } from "../engine/report/reportTables";
import type { Lang } from "../engine/types";
import type { ExtraCustomerColumns, Scatter, Tracking } from "./reportTypes";
import type { SheetTable } from "../engine/report/reportTables";
import { columnName } from "./selection";
import { writeBlocks, type OutValue } from "./writeBlocks";
import { inBlocks, jsonBytes } from "./chunks";
import { apiFormula, formulaPlan } from "../engine/export/formulaSheets";

const DATE_FORMAT = "yyyy-mm-dd";
const MONEY_FORMAT = "#,##0.00";

const address = (top: number, left: number, rows: number, cols: number) => `${columnName(left)}${top + 1}:${columnName(left + cols - 1)}${top + rows}`;

export async function writeCustomersSheet(context: Excel.RequestContext, sheet: Excel.Worksheet, result: GradeResult, lang: Lang, extra: ExtraCustomerColumns | null, signal: AbortSignal): Promise<void> {
  const { measures } = result;
  const system = result.options.dateSystem;
  const header = [...CUSTOMER_COLUMNS.map((k) => CUSTOMER_COLUMN_TITLES[k][lang]), ...(extra?.header ?? [])];
  const formats: string[] = CUSTOMER_COLUMNS.map((k): string => (k === "first_date" || k === "last_date" ? DATE_FORMAT : k === "monetary" || k === "aov" ? MONEY_FORMAT : "")).concat(extra?.formats ?? []);
  const order = result.outputOrder;
  await writeBlocks(context, { sheet, top: 0, left: 0, rowCount: 1, row: () => header }, signal);
  await writeBlocks(
    context,
    {
      sheet,
      top: 1,
      left: 0,
      rowCount: order.length,
      formats,
      row: (i) => {
        const c = order[i];
        const row = customerRow(result, c, lang) as OutValue[];
        if (measures.kind[c] === KIND_CUSTOMER) {
          row[1] = dayToSerial(measures.firstDay[c], system);
          row[2] = dayToSerial(measures.lastDay[c], system);
        }
        return extra ? [...row, ...(extra.values(c) as OutValue[])] : row;
      },
    },
    signal,
  );
  const table = sheet.tables.add(address(0, 0, order.length + 1, header.length), true);
  table.style = "TableStyleMedium2";
  sheet.freezePanes.freezeRows(1);
  await context.sync();
}

/** Summary: one block per table (title, header, rows) down column A, the charts to the right. */
export async function writeSummarySheet(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  result: GradeResult,
  lang: Lang,
  signal: AbortSignal,
  tracking: Tracking | null = null,
  extraTables: SheetTable[] = [],
  scatter: Scatter | null = null,
): Promise<void> {
  const zh = lang === "zh";
  const base = summaryTables(result, lang);
  const tables = [...base, ...extraTables];
  const rows: OutValue[][] = [];
  const at: number[] = [];
  for (const table of tables) {
    at.push(rows.length);
    rows.push([table.title]);
    rows.push(table.header);
    for (const r of table.rows) rows.push(r);
    rows.push([]);
  }
  const curve = paretoCurve(result);
  const curveTop = rows.length;
  rows.push([zh ? "帕累托曲线" : "Pareto curve"]);
  rows.push([zh ? "客户占比(按收入从高到低)" : "Share of customers (largest first)", zh ? "累计收入占比" : "Cumulative share of revenue"]);
  for (const [x, y] of curve) rows.push([Math.round(x * 10000) / 10000, Math.round(y * 10000) / 10000]);
  const scatterTop = rows.length + 1;
  if (scatter) {
    rows.push([]);
    rows.push([zh ? "聚类散点：购买次数（横轴）与消费金额（纵轴）" : "Clusters: frequency (x) against monetary (y)"]);
    rows.push(scatter.header);
    for (const r of scatter.rows) rows.push(r);
  }
  const trackingTop = rows.length + 1;
  if (tracking) {
    rows.push([]);
    rows.push([zh ? `留出期检验：BG/NBD 拟合至 ${tracking.calibrationEnd}，之后为留出期` : `Holdout test: BG/NBD fitted on purchases before ${tracking.calibrationEnd}; later weeks are the holdout`]);
    rows.push([zh ? "周" : "Week", zh ? "实际累计重复购买" : "Actual cumulative repeat purchases", zh ? "模型预期累计重复购买" : "Expected cumulative repeat purchases", zh ? "阶段" : "Period"]);
    for (const p of tracking.points) rows.push([p.period, p.actual, Math.round(p.expected * 10) / 10, p.calibration ? (zh ? "拟合期" : "calibration") : zh ? "留出期" : "holdout"]);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 1);
  await writeBlocks(context, { sheet, top: 0, left: 0, rowCount: rows.length, row: (i) => [...rows[i], ...new Array(width - rows[i].length).fill(null)] }, signal);

  for (const top of at) sheet.getRangeByIndexes(top, 0, 1, 1).format.font.bold = true;
  sheet.getRangeByIndexes(curveTop, 0, 1, 1).format.font.bold = true;
  // Money and share formats where the tables say, and on the curve.
  const formatColumn = (k: number, column: number | undefined, format: string) => {
    if (column !== undefined && tables[k].rows.length) sheet.getRangeByIndexes(at[k] + 2, column, tables[k].rows.length, 1).numberFormat = tables[k].rows.map(() => [format]);
  };
  tables.forEach((table, k) => {
    formatColumn(k, table.moneyColumn, MONEY_FORMAT);
    formatColumn(k, table.shareColumn, "0.0%");
  });
  sheet.getRangeByIndexes(curveTop + 2, 0, curve.length, 2).numberFormat = curve.map(() => ["0%", "0%"]);

  const segment = 1; // summaryTables order: rows, segments, RFM classes, value, frequency, amount tiers, stages, R×F grid
  const stage = base.length - 2;
  const chartAt = (chart: Excel.Chart, row: number) => chart.setPosition(`${columnName(width + 1)}${row + 1}`, `${columnName(width + 8)}${row + 16}`);
  /** A chart of a table's first two columns (label, customers), without a legend. */
  const countChart = (type: "BarClustered" | "ColumnClustered", k: number, title: string, row: number) => {
    if (!tables[k].rows.length) return;
    const chart = sheet.charts.add(type, sheet.getRangeByIndexes(at[k] + 1, 0, tables[k].rows.length + 1, 2), "Columns");
    chart.title.text = title;
    chart.legend.visible = false;
    chartAt(chart, row);
  };

  countChart("BarClustered", segment, zh ? "各分群客户数" : "Customers per segment", 0);
  const curveChart = sheet.charts.add("XYScatterLinesNoMarkers", sheet.getRangeByIndexes(curveTop + 1, 0, curve.length + 1, 2), "Columns");
  curveChart.title.text = zh ? "帕累托曲线：收入集中度" : "Pareto curve: how concentrated revenue is";
  curveChart.legend.visible = false;
  chartAt(curveChart, 17);
  countChart("ColumnClustered", stage, zh ? "各生命周期阶段客户数" : "Customers per lifecycle stage", 34);
  if (scatter && scatter.rows.length) {
    sheet.getRangeByIndexes(scatterTop, 0, 1, 1).format.font.bold = true;
    const chart = sheet.charts.add("XYScatter", sheet.getRangeByIndexes(scatterTop + 1, 0, scatter.rows.length + 1, scatter.header.length), "Columns");
    chart.title.text = zh ? "聚类：购买次数与消费金额" : "Clusters: frequency and monetary";
    chartAt(chart, 68);
  }
  if (tracking && tracking.points.length) {
    sheet.getRangeByIndexes(trackingTop, 0, 1, 1).format.font.bold = true;
    const chart = sheet.charts.add("Line", sheet.getRangeByIndexes(trackingTop + 1, 1, tracking.points.length + 1, 2), "Columns");
    chart.title.text = zh ? "累计重复购买：实际与预期" : "Cumulative repeat purchases: actual vs expected";
    chartAt(chart, 51);
  }
  // Heat maps (the R×F grid, migration, cohorts): a colour scale on the tables that ask for one.
  tables.forEach((table, k) => {
    const from = table.heatFromColumn;
    if (from === undefined || !table.rows.length || table.header.length <= from) return;
    const heat = sheet.getRangeByIndexes(at[k] + 2, from, table.rows.length, table.header.length - from).conditionalFormats.add("ColorScale");
    heat.colorScale.criteria = {
      minimum: { type: "LowestValue", color: "#F3F9FD" },
      maximum: { type: "HighestValue", color: "#0F6CBD" },
    };
  });
  sheet.getRangeByIndexes(0, 0, rows.length, width).format.autofitColumns();
  await context.sync();
}

export async function writeMethodSheet(context: Excel.RequestContext, sheet: Excel.Worksheet, result: GradeResult, lang: Lang, signal: AbortSignal): Promise<void> {
  const lines = methodLines(result, lang);
  const width = Math.max(...lines.map((l) => l.length));
  await writeBlocks(context, { sheet, top: 0, left: 0, rowCount: lines.length, row: (i) => [...lines[i], ...new Array(width - lines[i].length).fill(null)] }, signal);
  sheet.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
  await context.sync();
}

/**
 * Formula-only grades (issue: formula mode): Breaks and Segment map sheets, and columns I–M of the
 * Customers sheet rewritten as PERCENTILE.INC / COUNTIF / INDEX formulas, so the grades recompute in
 * Excel without the add-in.
 */
export async function writeFormulaGrades(
  context: Excel.RequestContext,
  customers: { sheet: Excel.Worksheet; name: string },
  breaks: { sheet: Excel.Worksheet; name: string },
  map: { sheet: Excel.Worksheet; name: string },
  result: GradeResult,
  lang: Lang,
  signal: AbortSignal,
): Promise<void> {
  const plan = formulaPlan(result, customers.name, lang, { breaks: breaks.name, map: map.name });
  const asApi = (v: string | number | { formula: string }) => (typeof v === "object" ? apiFormula(v.formula) : v);
  const rowsOf = (rows: (string | number | { formula: string })[][]) => rows.map((r) => r.map(asApi));
  const breakRows = rowsOf(plan.breaksRows);
  breaks.sheet.getRangeByIndexes(0, 0, breakRows.length, breakRows[0].length).formulas = breakRows;
  map.sheet.getRangeByIndexes(0, 0, plan.mapRows.length, plan.mapRows[0].length).values = plan.mapRows;
  await context.sync();
  const n = result.summary.customers;
  await inBlocks(context, n, 20_000, signal, (start, count) => {
    const formulas = Array.from({ length: count }, (_, i) => plan.scoreFormulas(start + i + 2).map((f) => apiFormula(f.formula)));
    customers.sheet.getRangeByIndexes(1 + start, 8, count, 5).formulas = formulas;
    return () => jsonBytes(formulas);
  });
}

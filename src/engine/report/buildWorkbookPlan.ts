/**
 * The whole graded workbook as a plan: the data sheet (grade columns; the CLI also copies the
 * source columns with their types), Customers, Summary, the Breaks and Segment map sheets of formula
 * mode, and Method. Both writers — the add-in (src/excel) and the CLI's .xlsx — walk this plan.
 */
import type { GradeResult } from "../grade/pipeline";
import type { Cell, Lang } from "../common/types";
import { FORMULA_SHEETS, formulaPlan } from "../export/formulaSheets";
import { customersSheet, CUSTOMERS_SHEET } from "./customersPlan";
import { dataSheet, type SourceRows } from "./dataPlan";
import { methodSheet, METHOD_SHEET, type MethodInfo } from "./methodPlan";
import type { PlanExtras } from "./planExtras";
import { summarySheet, SUMMARY_SHEET } from "./summaryPlan";
import type { Block, SheetPlan, WorkbookPlan } from "./workbookPlan";

export interface WorkbookPlanOptions {
  lang: Lang;
  /** CLI: the source rows (header first) to copy onto the data sheet, in memory or read again from the file. */
  source?: { cells?: readonly (readonly Cell[])[]; rows?: SourceRows; sheetName?: string };
  /** Add-in: the user's sheet and where the grade columns go beside the data. */
  gradeColumns?: { sheet: string; top: number; left: number; header: boolean };
  extras?: PlanExtras;
  /** Scores and segments as formulas (quantile or fixed method only: the formulas are PERCENTILE.INC breaks and COUNTIF "<"). */
  formulas?: boolean;
  method: MethodInfo;
  /** Sheet names to use instead of the defaults (the add-in's free names when keeping both). */
  names?: Partial<Record<"data" | "customers" | "summary" | "method" | "breaks" | "map", string>>;
}

export function buildWorkbookPlan(result: GradeResult, options: WorkbookPlanOptions): WorkbookPlan {
  const { lang } = options;
  const extras = options.extras ?? {};
  const names = {
    customers: options.names?.customers ?? CUSTOMERS_SHEET[lang],
    summary: options.names?.summary ?? SUMMARY_SHEET[lang],
    method: options.names?.method ?? METHOD_SHEET[lang],
    breaks: options.names?.breaks ?? FORMULA_SHEETS[lang].breaks,
    map: options.names?.map ?? FORMULA_SHEETS[lang].map,
  };
  const formulas = options.formulas && (result.options.method === "quantile" || result.options.method === "fixed") ? { breaks: names.breaks, map: names.map } : null;
  const sheets: SheetPlan[] = [];
  if (options.source) sheets.push(dataSheet(result, lang, { cells: options.source.cells, source: options.source.rows, name: options.names?.data ?? options.source.sheetName }));
  else if (options.gradeColumns) sheets.push(dataSheet(result, lang, { name: options.gradeColumns.sheet, at: options.gradeColumns }));
  sheets.push(customersSheet(result, lang, { name: names.customers, extras, formulas }));
  const summary = summarySheet(result, lang, extras);
  summary.name = names.summary;
  for (const chart of summary.charts) renameRanges(chart, SUMMARY_SHEET[lang], names.summary);
  sheets.push(summary);
  // The headline's "Customers" header goes to the Customers table.
  const headline = summary.blocks.find((b) => b.key === "headline");
  if (headline) summary.links.push({ row: headline.top + (headline.title ? 1 : 0), col: headline.left, toSheet: names.customers, toCell: "A1" });
  if (formulas) sheets.push(...formulaSheets(result, lang, names.customers, formulas));
  const method = methodSheet(result, lang, { ...options.method, formulas }, extras);
  method.name = names.method;
  sheets.push(method);
  for (const sheet of sheets) for (const cf of sheet.conditionalFormats) cf.range.sheet = sheet.name;
  return { lang, sheets, activeSheet: names.summary };
}

function renameRanges(chart: SheetPlan["charts"][number], from: string, to: string): void {
  const fix = (r: { sheet: string } | undefined) => r && r.sheet === from && (r.sheet = to);
  fix(chart.categories);
  for (const s of chart.series) {
    fix(s.values);
    fix(s.xValues);
  }
}

/** Breaks (PERCENTILE.INC formulas, or the fixed breaks) and the Segment map, at the cells the score formulas point to. */
function formulaSheets(result: GradeResult, lang: Lang, customers: string, names: { breaks: string; map: string }): SheetPlan[] {
  const plan = formulaPlan(result, customers, lang, names);
  const sheet = (name: string, role: SheetPlan["role"], rows: (string | number | { formula: string })[][], kinds: ("share" | "decimal" | "text" | "count")[]): SheetPlan => {
    const [header, ...body] = rows;
    const block: Block = { key: role, top: 0, left: 0, columns: header.map((h, k) => ({ key: `c${k}`, title: String(h), kind: kinds[k] ?? kinds[kinds.length - 1], width: k === 0 ? 10 : 20 })), rows: body };
    return { name, role, blocks: [block], charts: [], conditionalFormats: [], links: [], freeze: { rows: 1, cols: 1 } };
  };
  return [
    sheet(names.breaks, "breaks", plan.breaksRows, ["share", "decimal"]),
    sheet(names.map, "segmentMap", plan.mapRows, ["count", "text"]),
  ];
}

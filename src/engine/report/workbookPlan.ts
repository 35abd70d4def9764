/**
 * The graded workbook as plain data: sheets → blocks of cells with a kind per column, widths, frozen
 * panes, Excel tables, conditional formats, charts and links. The report layer builds it; two writers
 * walk it — src/excel/ (Office.js) and the CLI's .xlsx writer — and neither decides a title, a number
 * format or a chart. No Office, no ExcelJS here.
 */
import type { Lang } from "../types";

/** How a column's cells are shown; each writer maps a kind to one number format (NUMBER_FORMATS). */
export type ColumnKind = "text" | "count" | "number" | "money" | "share" | "date" | "score" | "days";

/** A cell value: text, a number, a date as epoch days (kind "date"), or null for an empty cell. */
export type PlanCell = string | number | boolean | null;

/** A rectangle of a sheet, 0-based. */
export interface CellRange {
  sheet: string;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export type ChartKind = "bar" | "column" | "pie" | "line" | "scatter";

export interface ChartSeries {
  /** The series name as shown in the legend. */
  name: string;
  /** One column (or row) of numbers. */
  values: CellRange;
  /** Scatter only: the x values of this series. */
  xValues?: CellRange;
}

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /** Category labels (bar, column, pie, line). */
  categories?: CellRange;
  series: ChartSeries[];
  /** Top-left cell the chart is anchored at (0-based) and its size in cells. */
  anchor: { row: number; col: number };
  size: { rows: number; cols: number };
  xTitle?: string;
  yTitle?: string;
}

export interface PlanColumn {
  key: string;
  title: string;
  kind: ColumnKind;
  /** Width in characters (Excel's column width unit). */
  width?: number;
}

export type ConditionalFormat =
  | { type: "colorScale"; range: CellRange; /** low → high colours, hex "RRGGBB" */ colors: [string, string] | [string, string, string] }
  | { type: "dataBar"; range: CellRange; color: string };

/** A link from a cell to a place in the workbook (another sheet's cell). */
export interface PlanLink {
  row: number;
  col: number;
  toSheet: string;
  toCell: string;
}

/** A titled table of cells at a position of its sheet. */
export interface Block {
  key: string;
  title?: string;
  /** Where the block starts (title row first when there is one), 0-based. */
  top: number;
  left: number;
  columns: PlanColumn[];
  rows: PlanCell[][];
  /** Written as an Excel table (ListObject) with this name. */
  table?: string;
  /** Optional per-cell overrides of the column kind, by [row][col] index into rows. */
  kinds?: (ColumnKind | null)[][];
}

export interface SheetPlan {
  name: string;
  /** What the sheet is for, so that a regrade can find its own sheets again. */
  role: "data" | "customers" | "summary" | "method" | "breaks" | "segmentMap" | "grades";
  blocks: Block[];
  charts: ChartSpec[];
  conditionalFormats: ConditionalFormat[];
  links: PlanLink[];
  /** Rows and columns frozen at the top-left (e.g. { rows: 1, cols: 1 } for a header and an id column). */
  freeze?: { rows: number; cols: number };
  /** Widths in characters by 0-based column, for columns not covered by a block's column widths. */
  widths?: Record<number, number>;
}

export interface WorkbookPlan {
  lang: Lang;
  sheets: SheetPlan[];
}

/** The one number format per kind, used by both writers. */
export const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: "General",
  count: "#,##0",
  number: "0.######",
  money: "#,##0.00",
  share: "0.0%",
  date: "yyyy-mm-dd",
  score: "0",
  days: "#,##0",
};

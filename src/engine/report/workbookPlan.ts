/**
 * The graded workbook as plain data: sheets → blocks of cells with a kind per column, widths, frozen
 * panes, Excel tables, conditional formats, charts and links. The report layer builds it; two writers
 * walk it — src/excel/ (Office.js) and the CLI's .xlsx writer — and neither decides a title, a number
 * format or a chart. No Office, no ExcelJS here.
 */
import type { Lang } from "../common/types";

/** How a column's cells are shown; each writer maps a kind to one number format (NUMBER_FORMATS). */
export type ColumnKind = "text" | "count" | "number" | "money" | "share" | "date" | "score" | "days" | "datetime" | "decimal" | "ratio";

/** A formula as the file stores it (`_xlfn.` prefixes kept, no leading "="); the Office.js writer converts it with apiFormula. */
export interface PlanFormula {
  formula: string;
}

/**
 * A cell value: text, a number, a date as epoch days (kinds "date" and "datetime"; a fraction is the
 * time of day), or null for an empty cell. A string in a date column is written as text (a date the
 * engine could not read stays as the user typed it). Text that would be a formula is written as text
 * (SPEC §8); only a PlanFormula is a formula.
 */
export type PlanCell = string | number | boolean | null | PlanFormula;

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
  /** Show a legend (default: only when there is more than one series). */
  legend?: boolean;
  /** Number format of the value axis (e.g. "0%"); default General. */
  valueFormat?: string;
  /** Largest value an axis shows (a share axis ends at 100%, where viewers' own scaling goes to 120%): x (a scatter's x axis) and y (the value axis). */
  axisMax?: { x?: number; y?: number };
}

export interface PlanColumn {
  key: string;
  title: string;
  kind: ColumnKind;
  /** Width in characters (Excel's column width unit). */
  width?: number;
  /** Wrap long text in the data cells (row heights grow to fit). */
  wrap?: boolean;
  /**
   * Its cells (header and data) are merged across this many sheet columns, so that a long text (an
   * action) gets room without widening a column other tables use. The block's later columns start
   * after the merged cells: find sheet columns with columnAt / blockWidth.
   */
  span?: number;
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
  /**
   * Large blocks (the data sheet, Customers) give their rows on demand instead of in `rows`:
   * `rowAt(i)` for i in 0 … rowCount − 1, called in order, as often as a writer needs. Read a block's
   * rows through blockRowCount / blockRow, which handle both forms.
   */
  rowCount?: number;
  rowAt?: (i: number) => PlanCell[];
  /**
   * Or the rows as a stream (the CLI's data sheet, read again from the source file rather than kept):
   * hands the rowCount rows in order, in batches, to `write`, awaiting what it returns (room for the
   * writer to catch up). Only the CLI's .xlsx writer walks such a block, once.
   */
  rowStream?: (write: (rows: PlanCell[][]) => void | Promise<void>) => Promise<void>;
  /** The header row is written (default true); false for a block that continues a sheet's own header (grade columns beside data without one). */
  header?: boolean;
}

/** Rows of a block (rows.length, or rowCount for a lazy block). */
export function blockRowCount(block: Block): number {
  return block.rowAt || block.rowStream ? block.rowCount ?? 0 : block.rows.length;
}

/** Row i of a block's data rows (not of a streamed block: its rows come through rowStream). */
export function blockRow(block: Block, i: number): PlanCell[] {
  if (block.rowStream && !block.rowAt) throw new Error(`block ${block.key}: its rows are streamed, not at hand`);
  return block.rowAt ? block.rowAt(i) : block.rows[i];
}

/** A block whose rows are given on demand or streamed (the data sheet, Customers), not held in `rows`. */
export function isLargeBlock(block: Block): boolean {
  return Boolean(block.rowAt || block.rowStream);
}

/** Sheet rows a block covers: its title row (when it has a title), its header row, its data rows. */
export function blockHeight(block: Block): number {
  return (block.title ? 1 : 0) + (block.header === false ? 0 : 1) + blockRowCount(block);
}

/** The 0-based sheet row of a block's first data row. */
export function blockDataTop(block: Block): number {
  return block.top + (block.title ? 1 : 0) + (block.header === false ? 0 : 1);
}

/** The 0-based sheet column where block column k starts (columns before it may span several). */
export function columnAt(block: Block, k: number): number {
  let c = block.left;
  for (let j = 0; j < k; ++j) c += block.columns[j].span ?? 1;
  return c;
}

/** Sheet columns a block covers. */
export function blockWidth(block: Block): number {
  return columnAt(block, block.columns.length) - block.left;
}

/** The kind of cell [i][k] of a block's data rows. */
export function cellKind(block: Block, i: number, k: number): ColumnKind {
  return block.kinds?.[i]?.[k] ?? block.columns[k]?.kind ?? "text";
}

export function isFormula(cell: PlanCell): cell is PlanFormula {
  return typeof cell === "object" && cell !== null;
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
  /**
   * Where the sheet is (the data sheet in the add-in is the user's own sheet: only the grade-column
   * block is written there). false = a new sheet the writer creates.
   */
  existing?: boolean;
}

export interface WorkbookPlan {
  lang: Lang;
  sheets: SheetPlan[];
  /** The sheet shown when the workbook opens (Summary). */
  activeSheet?: string;
}

/** Rows of one Excel worksheet (Excel 2007 and later; LibreOffice Calc's default too). */
export const SHEET_ROWS = 1_048_576;

/** The one number format per kind, used by both writers. */
export const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: "General",
  count: "#,##0",
  number: "General",
  money: "#,##0.00",
  share: "0.0%",
  date: "yyyy-mm-dd",
  score: "0",
  days: "#,##0",
  datetime: "yyyy-mm-dd hh:mm",
  decimal: "#,##0.0",
  ratio: "0.000",
};

/**
 * Stacks blocks down a sheet, each with its chart beside it: the one place that decides where a
 * block goes, so that adding a table to a sheet is one `add` call.
 */
import { blockHeight, columnAt, type Block, type CellRange, type ChartSpec, type ColumnKind, type ConditionalFormat, type PlanCell, type PlanColumn, type SheetPlan } from "./workbookPlan";

export const CHART_ROWS = 16;
export const CHART_COLS = 8;

export interface TableInput {
  key: string;
  title: string;
  columns: PlanColumn[];
  rows: PlanCell[][];
  kinds?: (ColumnKind | null)[][];
  left?: number;
}

/** A placed block and the ranges of its parts, for charts and conditional formats. */
export interface Placed {
  block: Block;
  /** Sheet row of the header, and of the first data row. */
  headerRow: number;
  dataTop: number;
  /** One data column (k) as a range, or a rectangle of data columns [from, to). */
  column: (k: number) => CellRange;
  area: (from: number, to: number) => CellRange;
  header: (k: number) => CellRange;
}

export class SheetLayout {
  readonly sheet: SheetPlan;
  /** Next free row. */
  row = 0;
  /** Column where charts start (right of the widest text columns of the sheet). */
  chartCol: number;

  constructor(name: string, role: SheetPlan["role"], chartCol: number) {
    this.sheet = { name, role, blocks: [], charts: [], conditionalFormats: [], links: [], widths: {} };
    this.chartCol = chartCol;
  }

  /** Places a table at the next free row (or beside, with `left`); `gap` empty rows follow it. */
  add(input: TableInput, gap = 1): Placed {
    const block: Block = { key: input.key, title: input.title, top: this.row, left: input.left ?? 0, columns: input.columns, rows: input.rows };
    if (input.kinds) block.kinds = input.kinds;
    this.sheet.blocks.push(block);
    const placed = place(this.sheet.name, block);
    this.widen(block);
    this.row = Math.max(this.row, block.top + blockHeight(block) + gap);
    return placed;
  }

  /** A chart beside the block just placed (same top row); the next block starts below both. */
  chart(placed: Placed, spec: Omit<ChartSpec, "anchor" | "size">, rows = CHART_ROWS, cols = CHART_COLS): void {
    const top = placed.block.top;
    this.sheet.charts.push({ ...spec, anchor: { row: top, col: this.chartCol }, size: { rows, cols } });
    this.row = Math.max(this.row, top + rows + 1);
  }

  format(cf: ConditionalFormat): void {
    this.sheet.conditionalFormats.push(cf);
  }

  /** Keeps each sheet column as wide as its widest block column. */
  private widen(block: Block): void {
    const widths = this.sheet.widths!;
    block.columns.forEach((c, k) => {
      if (c.width !== undefined && !(c.span && c.span > 1)) widths[columnAt(block, k)] = Math.max(widths[columnAt(block, k)] ?? 0, c.width);
    });
  }
}

export function place(sheet: string, block: Block): Placed {
  const headerRow = block.top + (block.title ? 1 : 0);
  const dataTop = headerRow + (block.header === false ? 0 : 1);
  const n = block.rowAt ? block.rowCount ?? 0 : block.rows.length;
  return {
    block,
    headerRow,
    dataTop,
    column: (k) => ({ sheet, top: dataTop, left: columnAt(block, k), rows: n, cols: 1 }),
    area: (from, to) => ({ sheet, top: dataTop, left: columnAt(block, from), rows: n, cols: columnAt(block, to) - columnAt(block, from) }),
    header: (k) => ({ sheet, top: headerRow, left: columnAt(block, k), rows: 1, cols: 1 }),
  };
}

/** A column of a plan table. */
export const col = (key: string, title: string, kind: ColumnKind, width?: number): PlanColumn => (width === undefined ? { key, title, kind } : { key, title, kind, width });

/** Display width (characters) of a text: CJK characters count double. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** A width that fits the header and the first rows of a column, within [min, max]. */
export function fitWidth(title: string, values: Iterable<PlanCell>, min = 8, max = 60): number {
  let w = textWidth(title);
  for (const v of values) if (typeof v === "string") w = Math.max(w, textWidth(v));
  return Math.min(max, Math.max(min, w + 2));
}

/**
 * The data sheet as a plan: the grade columns beside each transaction row and, for the CLI (which
 * writes a new file), the source columns copied with their types — numbers as numbers, the dates the
 * engine read as dates (time of day kept), everything else exactly as it came.
 */
import type { GradeResult } from "../grade/pipeline";
import { INVALID_DAY } from "../missing";
import { MAX_EXCEL_SERIAL } from "../read/days";
import { LIFECYCLE_STAGES, RF_SEGMENTS, ROW_STATUSES, VALUE_TIERS, type Label } from "../labels";
import type { Cell, Lang } from "../types";
import { GRADE_COLUMN_TITLES, transactionGradeRow } from "./transactionGrades";
import { fitWidth, textWidth } from "./planLayout";
import type { Block, ColumnKind, PlanCell, PlanColumn, SheetPlan } from "./workbookPlan";

export const DATA_SHEET = { en: "Transactions", zh: "交易" };
const GRADE_KINDS: ColumnKind[] = ["score", "score", "score", "text", "text", "text", "text", "text"];

/** A plain decimal number as text: no leading zeros (ids like 00042 stay text), no "+", at most 15 significant digits. */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d{1,3})?$/;

export function plainNumber(text: string): number | null {
  const c = text.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 32 || c === 9)) return null; // a digit, "-" or leading space
  const s = text.trim();
  if (!PLAIN_NUMBER.test(s)) return null;
  const digits = s.replace(/[eE].*$/, "").replace(/[-.]/g, "").replace(/^0+/, "");
  if (digits.length > 15) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const TIME = /(?:^|[ T])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([AaPp][Mm])?\s*$/;

/** Time of day of a date cell as a fraction of a day (0 when it has none). */
export function timeFraction(value: Cell): number {
  if (typeof value === "number") return value > MAX_EXCEL_SERIAL || !Number.isFinite(value) ? 0 : value - Math.floor(value);
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) ? (t - Math.floor(t / 86400000) * 86400000) / 86400000 : 0;
  }
  if (typeof value !== "string" || value.indexOf(":") < 0) return 0;
  const m = TIME.exec(value.trim());
  if (!m) return 0;
  let h = Number(m[1]);
  const min = Number(m[2]), sec = Number(m[3] ?? 0);
  if (m[5]) h = (h % 12) + (/p/i.test(m[5]) ? 12 : 0);
  if (h > 23 || min > 59 || sec > 59) return 0;
  return (h * 3600 + min * 60 + sec) / 86400;
}

type Convert = (value: Cell, row: number) => PlanCell;

interface SourceColumn {
  column: PlanColumn;
  convert: Convert;
}

const asIs = (v: Cell): PlanCell => (v === undefined || v === "" ? null : v instanceof Date ? v.toISOString().slice(0, 10) : v);

/**
 * How one source column is written. The mapped date column: the day the engine read (plus the
 * time of day), text where it read none. Another column becomes numbers when every non-empty
 * cell is a number or plain number text; of dates when every one is a Date. Otherwise as is.
 */
function sourceColumn(cells: readonly (readonly Cell[])[], k: number, title: string, result: GradeResult): SourceColumn {
  const start = result.columns.dataStart;
  const n = result.transactions.rowCount;
  const width = (kind: ColumnKind) => (kind === "datetime" ? 17 : kind === "date" ? 12 : 0);
  if (k === result.columns.mapping.date) {
    const day = result.transactions.day;
    let withTime = false;
    for (let i = 0; i < n && !withTime; ++i) if (day[i] !== INVALID_DAY && timeFraction(cells[start + i]?.[k]) > 0) withTime = true;
    const kind: ColumnKind = withTime ? "datetime" : "date";
    return {
      column: { key: `source${k}`, title, kind, width: Math.max(width(kind), textWidth(title) + 3) },
      convert: (v, i) => (day[i] !== INVALID_DAY ? day[i] + (withTime ? timeFraction(v) : 0) : asIs(v)),
    };
  }
  let numbers = true, dates = true, any = false, withTime = false;
  // The numbers read while checking, so that each text is parsed once (NaN = empty).
  const parsed = new Float64Array(n);
  for (let i = 0; i < n && (numbers || dates); ++i) {
    const v = cells[start + i]?.[k];
    if (v === undefined || v === null || v === "") {
      parsed[i] = NaN;
      continue;
    }
    any = true;
    if (!(v instanceof Date)) dates = false;
    else if (timeFraction(v) > 0) withTime = true;
    if (typeof v === "number") parsed[i] = v;
    else {
      const x = typeof v === "string" ? plainNumber(v) : null;
      if (x === null) numbers = false;
      else parsed[i] = x;
    }
  }
  if (any && dates) {
    const kind: ColumnKind = withTime ? "datetime" : "date";
    return { column: { key: `source${k}`, title, kind, width: Math.max(width(kind), textWidth(title) + 3) }, convert: (v) => (v instanceof Date ? v.getTime() / 86400000 : asIs(v)) };
  }
  if (any && numbers)
    return { column: { key: `source${k}`, title, kind: "number", width: Math.max(10, textWidth(title) + 3) }, convert: (v, i) => (Number.isNaN(parsed[i]) ? null : parsed[i]) };
  const sample: PlanCell[] = [];
  for (let i = 0; i < Math.min(n, 200); ++i) sample.push(asIs(cells[start + i]?.[k]));
  return { column: { key: `source${k}`, title, kind: "text", width: fitWidth(title, sample.map((v) => (typeof v === "number" ? String(v) : v)), 8, 50) + 1 }, convert: asIs };
}

export interface DataSheetOptions {
  /** The source rows (header first) to copy: the CLI. Without them only the grade columns are planned (the add-in writes them beside the user's data). */
  cells?: readonly (readonly Cell[])[];
  name?: string;
  /** Where the grade columns go when the source is not copied (the add-in). */
  at?: { top: number; left: number; header: boolean };
}

/** The labels each text grade column can show (segment, value tier, lifecycle stage, row status), so that its width fits the longest. */
const GRADE_LABELS: (readonly Label[] | null)[] = [null, null, null, null, RF_SEGMENTS, VALUE_TIERS, LIFECYCLE_STAGES, ROW_STATUSES];

function gradeColumns(lang: Lang): PlanColumn[] {
  return GRADE_COLUMN_TITLES[lang].map((title, k) => {
    // CJK glyphs render a little wider than two digits.
    const longest = Math.max(0, ...(GRADE_LABELS[k] ?? []).map((l) => Math.ceil(textWidth(l[lang]) * 1.1) + 2));
    return { key: `grade${k}`, title, kind: GRADE_KINDS[k], width: Math.max(GRADE_KINDS[k] === "score" ? 9 : 14, textWidth(title) + 3, longest) };
  });
}

function gradeCells(result: GradeResult, i: number, lang: Lang): PlanCell[] {
  return transactionGradeRow(result, i, lang).map((v) => (v === "" ? null : v));
}

export function dataSheet(result: GradeResult, lang: Lang, options: DataSheetOptions = {}): SheetPlan {
  const name = options.name ?? DATA_SHEET[lang];
  const n = result.transactions.rowCount;
  const grades = gradeColumns(lang);
  let block: Block;
  if (options.cells) {
    const cells = options.cells;
    const { names, dataStart, hasHeader } = result.columns;
    const sources = names.map((title, k) => sourceColumn(cells, k, title, result));
    const width = sources.length;
    block = {
      key: "data",
      top: 0,
      left: 0,
      header: hasHeader,
      columns: [...sources.map((s) => s.column), ...grades],
      rows: [],
      rowCount: n,
      rowAt: (i) => {
        const source = cells[dataStart + i] ?? [];
        const row: PlanCell[] = new Array(width);
        for (let k = 0; k < width; ++k) row[k] = sources[k].convert(source[k], i);
        return row.concat(gradeCells(result, i, lang));
      },
    };
  } else {
    const at = options.at ?? { top: 0, left: 0, header: true };
    block = { key: "grades", top: at.top, left: at.left, header: at.header, columns: grades, rows: [], rowCount: n, rowAt: (i) => gradeCells(result, i, lang) };
  }
  const header = block.header !== false;
  return { name, role: "data", blocks: [block], charts: [], conditionalFormats: [], links: [], freeze: header && options.cells ? { rows: 1, cols: 0 } : undefined, existing: !options.cells };
}

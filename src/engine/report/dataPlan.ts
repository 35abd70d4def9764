/**
 * The data sheet as a plan: the grade columns beside each transaction row and, for the CLI (which
 * writes a new file), the source columns copied with their types — numbers as numbers, the dates the
 * engine read as dates (time of day kept), everything else exactly as it came.
 */
import type { GradeResult } from "../grade/pipeline";
import { INVALID_DAY } from "../common/missing";
import { MAX_EXCEL_SERIAL } from "../read/days";
import { LIFECYCLE_STAGES, RF_SEGMENTS, ROW_STATUSES, VALUE_TIERS, type Label } from "../common/labels";
import type { Cell, Lang } from "../common/types";
import { GRADE_COLUMN_TITLES, transactionGradeRow } from "./transactionGrades";
import { fitWidth, textWidth } from "./planLayout";
import type { Block, ColumnKind, PlanCell, PlanColumn, SheetPlan } from "./workbookPlan";

export const DATA_SHEET = { en: "Transactions", zh: "交易" };
const GRADE_KINDS: ColumnKind[] = ["score", "score", "score", "text", "text", "text", "text", "text"];

/**
 * A plain decimal number as text — `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]{1,3})?`, white space
 * around it allowed: no leading zeros (ids like 00042 stay text), no "+", at most 15 significant
 * digits (leading zeros not counted) — as that number, else null. Scanned without a regex or a copy:
 * the data sheet asks this of every text cell of the source.
 */
export function plainNumber(text: string): number | null {
  const c = text.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 32 || c === 9)) return null; // a digit, "-" or leading space
  const last = text.charCodeAt(text.length - 1);
  // A number ends with a digit: anything else at the end is white space to trim, or not a number.
  const s = c === 32 || c === 9 || !(last >= 48 && last <= 57) ? text.trim() : text;
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  // Significant digits of the mantissa: from its first non-zero digit on.
  let significant = 0;
  const digit = (k: number) => {
    const d = s.charCodeAt(k);
    return d >= 48 && d <= 57;
  };
  if (i >= n || !digit(i)) return null;
  // A leading 0 is the whole integer part (00042 then stops short of the end: not a number).
  if (s.charCodeAt(i) === 48) ++i;
  else for (; i < n && digit(i); ++i) ++significant;
  if (i < n && s.charCodeAt(i) === 46) {
    ++i;
    if (i >= n || !digit(i)) return null;
    for (; i < n && digit(i); ++i) if (significant > 0 || s.charCodeAt(i) !== 48) ++significant;
  }
  if (i < n && (s.charCodeAt(i) | 0x20) === 101) {
    ++i;
    if (i < n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) ++i;
    const from = i;
    while (i < n && digit(i)) ++i;
    if (i === from || i - from > 3) return null;
  }
  if (i !== n || significant > 15) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
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

/** Data rows whose values set a text column's width. */
const WIDTH_SAMPLE_ROWS = 200;

/** Where the data rows start and which column holds the dates, once the engine resolved the columns. */
export interface EvidenceColumns {
  dataStart: number;
  mapping: { date?: number };
}

type Row = readonly Cell[] | undefined;

/**
 * What decides how each source column is written, gathered over every data row as the rows go by
 * (in file order, title and header rows first), so that the rows themselves need not be kept: per
 * column whether every non-empty cell is a number (or plain number text) or a Date and whether a
 * Date has a time of day, the first rows' values (a text column's width), and for the mapped date
 * column which rows carry a time of day (whether the column shows times depends on which days the
 * engine read, known only when it has every row). Rows are held until the columns are known.
 */
export class SourceEvidence {
  private held: Row[] = [];
  private columns?: EvidenceColumns;
  /** Data rows seen. */
  rows = 0;
  readonly any: boolean[] = [];
  readonly notNumber: boolean[] = [];
  readonly notDate: boolean[] = [];
  readonly dateWithTime: boolean[] = [];
  readonly sample: Row[] = [];
  /** Per data row: 1 when the date column's cell has a time of day. */
  private timeOfDay = new Uint8Array(1024);

  /** The next rows; `columns` once the engine resolved them (rows are held until then). */
  push(rows: readonly Row[], columns?: EvidenceColumns): void {
    if (!this.columns) {
      for (const r of rows) this.held.push(r);
      if (!columns) return;
      this.columns = columns;
      rows = this.held.slice(columns.dataStart);
      this.held = [];
    }
    const date = this.columns.mapping.date;
    for (const row of rows) {
      const i = this.rows++;
      if (i < WIDTH_SAMPLE_ROWS) this.sample.push(row);
      if (!row) continue;
      if (date !== undefined && timeFraction(row[date]) > 0) {
        if (i >= this.timeOfDay.length) {
          const grown = new Uint8Array(Math.max(i + 1, this.timeOfDay.length * 2));
          grown.set(this.timeOfDay);
          this.timeOfDay = grown;
        }
        this.timeOfDay[i] = 1;
      }
      for (let k = 0; k < row.length; ++k) {
        const v = row[k];
        if (v === undefined || v === null || v === "") continue;
        this.any[k] = true;
        if (!(v instanceof Date)) this.notDate[k] = true;
        else if (!this.dateWithTime[k] && timeFraction(v) > 0) this.dateWithTime[k] = true;
        if (!this.notNumber[k] && typeof v !== "number" && (typeof v !== "string" || plainNumber(v) === null)) this.notNumber[k] = true;
      }
    }
  }

  /** Forgets every row (the read starts over). */
  restart(): void {
    this.held = [];
    this.columns = undefined;
    this.rows = 0;
    this.any.length = this.notNumber.length = this.notDate.length = this.dateWithTime.length = this.sample.length = 0;
    this.timeOfDay = new Uint8Array(1024);
  }

  /** Rows held while the columns were unknown are taken in with the engine's columns (a short table). */
  finish(columns: EvidenceColumns): void {
    if (!this.columns) this.push([], columns);
  }

  hasTimeOfDay(i: number): boolean {
    return i < this.timeOfDay.length && this.timeOfDay[i] === 1;
  }

  /** Evidence of rows in memory (header first), as the streamed rows would give it. */
  static of(cells: readonly Row[], columns: EvidenceColumns): SourceEvidence {
    const evidence = new SourceEvidence();
    evidence.push(cells, columns);
    return evidence;
  }
}

/**
 * How one source column is written. The mapped date column: the day the engine read (plus the
 * time of day), text where it read none. Another column becomes numbers when every non-empty
 * cell is a number or plain number text; of dates when every one is a Date. Otherwise as is.
 */
function sourceColumn(evidence: SourceEvidence, k: number, title: string, result: GradeResult): SourceColumn {
  const n = Math.min(result.transactions.rowCount, evidence.rows);
  const width = (kind: ColumnKind) => (kind === "datetime" ? 17 : kind === "date" ? 12 : 0);
  if (k === result.columns.mapping.date) {
    const day = result.transactions.day;
    let withTime = false;
    for (let i = 0; i < n && !withTime; ++i) if (day[i] !== INVALID_DAY && evidence.hasTimeOfDay(i)) withTime = true;
    const kind: ColumnKind = withTime ? "datetime" : "date";
    return {
      column: { key: `source${k}`, title, kind, width: Math.max(width(kind), textWidth(title) + 3) },
      convert: (v, i) => (day[i] !== INVALID_DAY ? day[i] + (withTime ? timeFraction(v) : 0) : asIs(v)),
    };
  }
  const any = Boolean(evidence.any[k]);
  if (any && !evidence.notDate[k]) {
    const kind: ColumnKind = evidence.dateWithTime[k] ? "datetime" : "date";
    return { column: { key: `source${k}`, title, kind, width: Math.max(width(kind), textWidth(title) + 3) }, convert: (v) => (v instanceof Date ? v.getTime() / 86400000 : asIs(v)) };
  }
  if (any && !evidence.notNumber[k])
    return {
      column: { key: `source${k}`, title, kind: "number", width: Math.max(10, textWidth(title) + 3) },
      convert: (v) => (typeof v === "number" ? (Number.isNaN(v) ? null : v) : typeof v === "string" && v !== "" ? plainNumber(v) : null),
    };
  const sample = evidence.sample.slice(0, Math.min(n, WIDTH_SAMPLE_ROWS)).map((row) => asIs(row?.[k]));
  return { column: { key: `source${k}`, title, kind: "text", width: fitWidth(title, sample.map((v) => (typeof v === "number" ? String(v) : v)), 8, 50) + 1 }, convert: asIs };
}

/**
 * The source read a second time, row by row, instead of kept: `reread` hands every row of the
 * source in order (title and header rows first, as the first read did) to `onRows`, in batches,
 * awaiting what it returns when it can. `evidence` was gathered over the first read.
 */
export interface SourceRows {
  evidence: SourceEvidence;
  reread(onRows: (rows: readonly Row[]) => void | Promise<void>): Promise<void>;
}

export interface DataSheetOptions {
  /** The source rows (header first) to copy: the CLI. Without them only the grade columns are planned (the add-in writes them beside the user's data). */
  cells?: readonly (readonly Cell[])[];
  /** Or the source streamed again from its file (the CLI on one sheet or a CSV: bounded memory). */
  source?: SourceRows;
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
  const copied = Boolean(options.cells || options.source);
  if (options.cells || options.source) {
    const { names, dataStart, hasHeader } = result.columns;
    const evidence = options.source?.evidence ?? SourceEvidence.of(options.cells!, result.columns);
    const sources = names.map((title, k) => sourceColumn(evidence, k, title, result));
    const width = sources.length;
    const rowOf = (source: readonly Cell[], i: number): PlanCell[] => {
      const row: PlanCell[] = new Array(width);
      for (let k = 0; k < width; ++k) row[k] = sources[k].convert(source[k], i);
      return row.concat(gradeCells(result, i, lang));
    };
    block = { key: "data", top: 0, left: 0, header: hasHeader, columns: [...sources.map((s) => s.column), ...grades], rows: [], rowCount: n };
    const cells = options.cells;
    if (cells) block.rowAt = (i) => rowOf(cells[dataStart + i] ?? [], i);
    else {
      const source = options.source!;
      block.rowStream = async (write) => {
        // Rows of the source seen, and data rows written (at most the n the engine graded).
        let seen = 0;
        let i = 0;
        await source.reread((rows) => {
          const out: PlanCell[][] = [];
          for (const r of rows) {
            if (seen++ < dataStart || i >= n) continue;
            out.push(rowOf(r ?? [], i++));
          }
          return out.length ? write(out) : undefined;
        });
      };
    }
  } else {
    const at = options.at ?? { top: 0, left: 0, header: true };
    block = { key: "grades", top: at.top, left: at.left, header: at.header, columns: grades, rows: [], rowCount: n, rowAt: (i) => gradeCells(result, i, lang) };
  }
  const header = block.header !== false;
  return { name, role: "data", blocks: [block], charts: [], conditionalFormats: [], links: [], freeze: header && copied ? { rows: 1, cols: 0 } : undefined, existing: !copied };
}

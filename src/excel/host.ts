/**
 * The contract between the task pane and the workbook. The pane only knows this interface; the
 * Office.js implementation lives beside it in src/excel/, and tests inject fakes.
 */
import type { Cell, ColumnMapping, InputIssue, Lang, ReadNote } from "../engine/common/types";
import type { MappingOverride } from "../engine/read/mapping";
import type { PartialOptions } from "../engine/grade/options";
import type { GradeSummary } from "../engine/grade/summary";
import type { RowReport } from "../engine/read/rowReport";
import type { LevelLadder } from "../engine/grade/memberLevels";
import type { PurchaseModel } from "../engine/clv";

export interface SelectionPreview {
  /** e.g. "Sheet1!A1:H541910". */
  address: string;
  sheetName: string;
  rowCount: number;
  columnCount: number;
  /** Header texts (or column letters when there is no header row). */
  headers: string[];
  hasHeader: boolean;
  /** The first few data rows, for the preview table. */
  sampleRows: Cell[][];
  /** The number format of each sample cell (same shape as sampleRows), so the pane shows them as the sheet does. */
  sampleFormats?: string[][];
  /** What the engine detected from the header. */
  detectedMapping: ColumnMapping;
  dateSystem: 1900 | 1904;
  /** Set when the user selected one cell and the range was expanded to its table or region. */
  expandedFrom?: string;
  /** Sheet row number of the header when title rows above it were part of the selection ("header found on row 4"). */
  headerRow?: number;
}

export type GradePhase = "reading" | "grading" | "writing";

export interface GradeProgress {
  phase: GradePhase;
  /** Units done and total in this phase (rows, or steps when writing). */
  done: number;
  total: number;
}

export interface GradeRequest {
  /**
   * The previewed block the mapping was chosen on (its address and header texts). The grade reads
   * that block even if the selection has moved since, and stops if its columns changed.
   */
  source?: { address: string; headers: string[] };
  mapping: MappingOverride;
  options: PartialOptions;
  /** Add CLV columns (BG/NBD + Gamma-Gamma) when the engine can fit them. */
  clv?: boolean;
  /** With clv: the purchase model (default bgnbd; mbgnbd lets one-time buyers be gone). */
  model?: PurchaseModel;
  /** Member levels (会员等级): a member_level column on Customers and a level table on Summary. */
  levels?: LevelLadder;
  /**
   * The exclusion list (黑名单, internal and test accounts): a range ("Blacklist!A2:A40") or a sheet
   * name, read by the host (readIds) at each grade; those customers' rows get `excluded_customer`.
   */
  exclude?: string;
  /** With clv: fit on the purchases before this day (YYYY-MM-DD) and chart the holdout after it. */
  holdoutFrom?: string;
  /** Add k-means clusters: true = choose k (2–8) by silhouette, a number = that k. */
  clusters?: boolean | number;
  /** Also grade as of this earlier date (YYYY-MM-DD) and show the segment migration since. */
  compareFrom?: string;
  /** Write R, F, M, RFM score and RF segment on the Customers sheet as formulas (quantile method). */
  formulas?: boolean;
  /**
   * A regrade of the same source replaces its previous results in place. When the user edited them
   * since, the grade first answers with a RegradeQuestion; the pane asks and grades again with the
   * answer: "replace" (in place) or "keepBoth" (new sheets and columns, the old ones untouched).
   */
  ifEdited?: "replace" | "keepBoth";
  /** Before replacing, keep the previous Customers and Summary as values on sheets named with their as-of date. */
  snapshot?: boolean;
  lang: Lang;
}

/** Asked before a regrade replaces outputs the user edited since they were written. */
export interface RegradeQuestion {
  code: "outputs_edited";
  /** The edited outputs: sheet names, or the grade-column address. */
  edited: string[];
  message: string;
  zh: string;
}

export interface GradeReport {
  asOf: string;
  summary: GradeSummary;
  rows: RowReport;
  /** Where the results went: e.g. { gradeColumns: "Sheet1!I1:P541910", customers: "Customers", summary: "Summary", method: "Method" }. */
  written: {
    gradeColumns: string;
    customers: string;
    summary: string;
    method: string;
    /** With formulas on: the Breaks and Segment map sheets the formulas read. */
    formulaSheets?: string[];
  };
  /** True when the previous results of this source were replaced in place; snapshot sheets kept, if any. */
  replaced?: boolean;
  snapshots?: string[];
  /**
   * Plain-language notes for the user (e.g. "Column I was not empty: grades written to sheet 'Grades'."),
   * and first the engine's notes as it gave them: the pane words the settings they name as its own fields.
   */
  notes: (string | ReadNote)[];
  /** First and last valid purchase day graded (YYYY-MM-DD). */
  period?: { first: string; last: string };
  /** With CLV: how many customers got a value, their 12-month CLV in total and the mean P(alive). */
  clv?: { customers: number; total12m: number; meanPAlive: number };
  /** With clusters: the profiles found (name and customers each). */
  clusters?: { name: { en: string; zh: string }; customers: number }[];
  /** Customers per spending trend (growing, stable, declining, new). */
  trends?: { key: string; customers: number }[];
  /** Set when the segment migration since this earlier as-of date was written. */
  migrationFrom?: string;
}

export type GradeResponse =
  | { ok: true; report: GradeReport }
  | { ok: false; issues: InputIssue[]; cancelled?: boolean; question?: RegradeQuestion };

export type IdsOutcome = { ok: true; ids: string[]; address: string } | { ok: false; issues: InputIssue[] };

export interface SavedSettings {
  mapping: MappingOverride;
  options: PartialOptions;
  clv: boolean;
  holdoutFrom?: string;
  clusters?: boolean | number;
  compareFrom?: string;
  formulas?: boolean;
  model?: PurchaseModel;
  levels?: LevelLadder;
  exclude?: string;
  /** The header text of the breakdown column (the mapping holds its index, which moves when columns do). */
  breakdown?: string;
  snapshot?: boolean;
  lang: Lang;
  /** The range last graded, for "Regrade". */
  address?: string;
}

export interface TiersHost {
  /** Reads the current selection's header and first rows (expanding a single cell to its region). */
  previewSelection(): Promise<{ ok: true; preview: SelectionPreview } | { ok: false; issues: InputIssue[] }>;
  /** Reads, grades and writes back. Progress is reported often; `signal` cancels between chunks. */
  grade(request: GradeRequest, onProgress: (progress: GradeProgress) => void, signal: AbortSignal): Promise<GradeResponse>;
  /** Selects the transaction rows of one RF segment (by segment key) in the graded range. */
  selectSegment(segmentKey: string): Promise<void>;
  /** Activates a worksheet by name (the pane's links to the sheets it wrote); a cell address like "Sheet1!I1:P9" selects it. */
  showSheet?(nameOrAddress: string): Promise<void>;
  /**
   * The customer ids in a range ("Blacklist!A2:A40") or on a sheet ("Blacklist": its used range), every
   * non-blank cell, trimmed; a missing sheet or a bad address is refused with a message.
   */
  readIds?(address: string): Promise<IdsOutcome>;
  loadSettings(): Promise<SavedSettings | null>;
  saveSettings(settings: SavedSettings): Promise<void>;
}

/**
 * Grading a table that arrives in batches of rows (a CSV file read as it is parsed, a workbook read
 * by a streaming reader), without an array of every cell: the rows go straight into a
 * TransactionBuilder. The outcome is gradeTable's on the same rows, by construction: the first
 * rows are held until the columns can be resolved exactly as gradeTable resolves them (the header
 * is looked for in the first HEADER_SEARCH_ROWS rows, the table width over the first
 * WIDTH_SEARCH_ROWS), then every row below the header is pushed to the builder, whose row rules
 * (title/header/total rows, exclusion list, order status inherited within an order, returns) and
 * evidence (date order) carry across batches; the decisions that need every row (date order,
 * amount per order) are taken at the end, by gradeRead, as for gradeTable.
 */
import { resolveColumns, HEADER_SEARCH_ROWS, type MappingOverride, type ResolvedColumns } from "../read/mapping";
import { TransactionBuilder } from "../read/transactions";
import { resolveOptions, type GradeOptions, type PartialOptions } from "./options";
import { gradeRead, readOptionsOf, tableRefusals, type GradeOutcome } from "./pipeline";
import type { Cell, InputIssue } from "../common/types";

/** Rows tableWidth (read/mapping.ts) looks at: held before the columns are resolved. */
const WIDTH_SEARCH_ROWS = 1000;

type Row = readonly Cell[] | undefined;

export class TableStream {
  private readonly options?: GradeOptions;
  private readonly optionRefusal?: GradeOutcome;
  /** Rows held until the columns are resolved (header and title rows included). */
  private head: Row[] = [];
  private columns?: ResolvedColumns;
  private columnIssues?: InputIssue[];
  private builder?: TransactionBuilder;
  /** Rows pushed in all, header and title rows included. */
  private rows = 0;
  /** Rows the source said it will probably push (0: unknown). */
  private expectedRows = 0;

  constructor(partialOptions: PartialOptions, private readonly mapping?: MappingOverride) {
    const { options, issues } = resolveOptions(partialOptions);
    if (issues.length) this.optionRefusal = tableRefusals.badOptions(issues);
    else this.options = options;
    // The header search must fit in what is held.
    if (HEADER_SEARCH_ROWS > WIDTH_SEARCH_ROWS) throw new Error("TableStream holds fewer rows than the header search reads");
  }

  /** Rows pushed so far (header and title rows included). */
  get rowCount(): number {
    return this.rows;
  }

  /** The columns once resolved (after the first WIDTH_SEARCH_ROWS rows, or at finish): what a caller that also watches the rows needs to know where the data starts. */
  get resolvedColumns(): ResolvedColumns | undefined {
    return this.columns;
  }

  /** The next rows of the table, in order (the first batch starts with the first row: title or header). */
  push(rows: readonly Row[]): void {
    let from = 0;
    if (!this.builder && !this.columnIssues) {
      from = Math.min(rows.length, WIDTH_SEARCH_ROWS - this.head.length);
      for (let i = 0; i < from; ++i) this.head.push(rows[i]);
      this.rows += from;
      if (this.head.length < WIDTH_SEARCH_ROWS) return;
      this.resolve();
    }
    this.rows += rows.length - from;
    if (this.builder && from < rows.length) this.builder.push(rows, from);
  }

  /**
   * How many rows (header and title rows included) the source will probably push, when it can
   * tell (a CSV file's size): the columnar arrays are sized for that once instead of doubling.
   */
  expect(rows: number): void {
    this.expectedRows = rows;
  }

  /** Forgets every row pushed (the source starts over). */
  restart(): void {
    this.head = [];
    this.columns = undefined;
    this.columnIssues = undefined;
    this.builder = undefined;
    this.rows = 0;
  }

  /**
   * The grade, once every row was pushed. `firstRowNumber`: the row number the user sees for the
   * first row pushed (a CSV line number: 2 after a `sep=` line).
   */
  finish(firstRowNumber = 1): GradeOutcome {
    if (!this.options) return this.optionRefusal!;
    if (this.rows === 0) return tableRefusals.empty();
    if (!this.builder && !this.columnIssues) this.resolve();
    if (this.columnIssues) return { ok: false, issues: this.columnIssues };
    const columns = this.columns!;
    if (this.rows <= columns.dataStart) return tableRefusals.noRows();
    const transactions = this.builder!.finish();
    this.builder = undefined;
    return gradeRead(transactions, columns, this.options, firstRowNumber + columns.dataStart);
  }

  /** Resolves the columns from the rows held and starts the read with the rows below the header. */
  private resolve(): void {
    const head = this.head.map((row) => row ?? []);
    const { columns, issues } = resolveColumns(head, this.mapping);
    this.head = [];
    if (!columns || !this.options) {
      this.columnIssues = issues;
      return;
    }
    this.columns = columns;
    const held = Math.max(0, head.length - columns.dataStart);
    const expected = Math.max(held, this.expectedRows - columns.dataStart);
    this.builder = new TransactionBuilder(columns.mapping, readOptionsOf(this.options, columns.headerRow >= 0 ? head[columns.headerRow] : undefined), expected, expected > held);
    this.builder.push(head, columns.dataStart);
  }
}

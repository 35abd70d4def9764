/**
 * Decimal comma or decimal point, decided per column from its values (SPEC §1, issue #16): European
 * exports write `12,50` and `1.234,50`; others write `12.50` and `1,234.50`. Each text amount has a
 * form that says which mark it needs, or that it could be read either way (`2,375`, `1.234`), or
 * that the mark does not matter (`12`). A column is read with a decimal comma when some value needs
 * one and none needs a point; with a point when the reverse holds; it is refused, naming the column
 * and both readings, when nothing decides it and some value reads differently under the two.
 */
import { amountWithMark, decimalFormOf, FORM_COMMA, FORM_COMMA_GROUP, FORM_DOT, FORM_DOT_GROUP, FORM_NONE, type DecimalMark } from "./amount";
import type { Cell, InputIssue } from "../common/types";
import { slots } from "../common/optionRefs";

export type { DecimalMark } from "./amount";

/** One value that decided (or could not decide) a column: where it is and what it says. */
export interface MarkExample {
  /** 0-based data row. */
  row: number;
  text: string;
}

/** What one amount column's texts say about its decimal mark, counted while rows are read. */
export interface DecimalEvidence {
  column: number;
  /** Values only a decimal comma reads, and only a decimal point reads. */
  comma: number;
  dot: number;
  /** Values that read either way (`2,375`, `1.234`). */
  ambiguous: number;
  firstComma?: MarkExample;
  firstDot?: MarkExample;
  firstAmbiguous?: MarkExample;
  /** The first `2,375`-like value (a thousands comma when the column has decimal points). */
  firstCommaGroup?: MarkExample;
}

export function newEvidence(column: number): DecimalEvidence {
  return { column, comma: 0, dot: 0, ambiguous: 0 };
}

/** Counts one cell's form. */
export function addForm(e: DecimalEvidence, form: number, row: number, value: Cell): void {
  if (form === FORM_COMMA) {
    if (e.comma++ === 0) e.firstComma = { row, text: String(value).trim() };
  } else if (form === FORM_DOT) {
    if (e.dot++ === 0) e.firstDot = { row, text: String(value).trim() };
  } else if (form !== FORM_NONE) {
    if (e.ambiguous++ === 0) e.firstAmbiguous = { row, text: String(value).trim() };
    if (form === FORM_COMMA_GROUP && !e.firstCommaGroup) e.firstCommaGroup = { row, text: String(value).trim() };
  }
}

/** The mark a column is read with so far: a comma once a value needs one (a point otherwise). */
export function provisionalMark(e: DecimalEvidence): DecimalMark {
  return e.comma > 0 && e.dot === 0 ? "," : ".";
}

/** How a column's mark was settled, for the notes. */
export interface MarkDecision {
  column: number;
  mark: DecimalMark;
  /** "option": the decimalMark option; "detected": from the values. */
  how: "option" | "detected";
  /** The values that decided it (detected), and one that read differently under the other mark. */
  evidence?: DecimalEvidence;
}

/** Decides each column's mark, or the issue that refuses the read (a column mixes marks, or nothing decides it). */
export function decideMarks(
  evidence: readonly DecimalEvidence[],
  names: readonly string[],
  firstRowNumber: number,
): { decisions: MarkDecision[] } | { issue: InputIssue } {
  const decisions: MarkDecision[] = [];
  for (const e of evidence) {
    const name = names[e.column];
    if (e.comma && e.dot) {
      const c = e.firstComma!, d = e.firstDot!;
      const s = slots();
      return {
        issue: {
          row: firstRowNumber + Math.min(c.row, d.row),
          column: name,
          code: "mixed_decimal_mark",
          ...s.done(
            `Column ${name} mixes decimal commas ("${c.text}", row ${firstRowNumber + c.row}) and decimal points ("${d.text}", row ${firstRowNumber + d.row}); say which is the decimal mark: ${s("decimalMark", ",")} or ${s("decimalMark", ".")}`,
            `${name} 列中既有小数逗号（第 ${firstRowNumber + c.row} 行的“${c.text}”），也有小数点（第 ${firstRowNumber + d.row} 行的“${d.text}”）；请指定小数点符号：${s("decimalMark", ",")} 或 ${s("decimalMark", ".")}`,
          ),
        },
      };
    }
    if (e.comma || e.dot) decisions.push({ column: e.column, mark: e.comma ? "," : ".", how: "detected", evidence: e });
    else if (e.ambiguous) {
      const a = e.firstAmbiguous!;
      const asDot = amountWithMark(a.text, "."), asComma = amountWithMark(a.text, ",");
      const show = (v: number) => String(v);
      const s = slots();
      return {
        issue: {
          row: firstRowNumber + a.row,
          column: name,
          code: "ambiguous_decimal_mark",
          ...s.done(
            `Column ${name}: "${a.text}" (row ${firstRowNumber + a.row}) could be ${show(asComma)} or ${show(asDot)}, and no value in the column decides whether "," or "." is the decimal mark; say ${s("decimalMark", ",")} (${show(asComma)}) or ${s("decimalMark", ".")} (${show(asDot)}).`,
            `${name} 列：第 ${firstRowNumber + a.row} 行的“${a.text}”既可读作 ${show(asComma)}，也可读作 ${show(asDot)}，该列没有能判断小数点是“,”还是“.”的值；请指定 ${s("decimalMark", ",")}（读作 ${show(asComma)}）或 ${s("decimalMark", ".")}（读作 ${show(asDot)}）。`,
          ),
        },
      };
    }
  }
  return { decisions };
}

/**
 * Reads the amount (or quantity × price) of rows while their columns' marks are being detected: each
 * text is read with its column's provisional mark and its form counted. A row holding a value that a
 * decimal comma would read differently, read while its column had no evidence either way (`2,375`,
 * `1.234` before any `12,50` or `12.50`), is kept (its cells) so that `settle` can read it again
 * once the marks are decided: no second pass over every cell, as with the date order.
 */
export class MarkDetector {
  /** Amount column, or quantity then price. */
  readonly evidence: DecimalEvidence[];
  /** Kept rows (0-based data index) and their cells (1 or 2 per row), and whether each is a return by its order type. */
  readonly rows: number[] = [];
  readonly cells: Cell[] = [];
  readonly returnType: boolean[] = [];
  /** Set by `amountOf` when it kept the row (the caller then says whether it is a return by type). */
  kept = false;
  private readonly product: boolean;
  private readonly aCol: number;
  private readonly qCol: number;
  private readonly pCol: number;

  constructor(mapping: { amount?: number; quantity?: number; price?: number }) {
    this.product = mapping.amount === undefined;
    this.aCol = mapping.amount ?? -1;
    this.qCol = mapping.quantity ?? -1;
    this.pCol = mapping.price ?? -1;
    this.evidence = this.product ? [newEvidence(this.qCol), newEvidence(this.pCol)] : [newEvidence(this.aCol)];
  }

  /** The row's amount with the marks as detected so far (row `i` is the 0-based data index). */
  amountOf(row: readonly Cell[], i: number): number {
    if (!this.product) {
      const v = row[this.aCol];
      if (typeof v === "number") return v;
      const a = this.cellValue(v, this.evidence[0], i);
      if (a.keep) this.keep(i, v);
      return a.value;
    }
    const q = row[this.qCol], p = row[this.pCol];
    if (typeof q === "number" && typeof p === "number") return q * p;
    const qa = typeof q === "number" ? NUMBER_READ.set(q) : this.cellValue(q, this.evidence[0], i);
    const qValue = qa.value, qKeep = qa.keep;
    const pa = typeof p === "number" ? NUMBER_READ.set(p) : this.cellValue(p, this.evidence[1], i);
    if (qKeep || pa.keep) this.keep(i, q, p);
    return qValue * pa.value;
  }

  private keep(i: number, ...cells: Cell[]): void {
    this.rows.push(i);
    for (const c of cells) this.cells.push(c);
    this.kept = true;
  }

  private readonly read = { value: NaN, keep: false };

  private cellValue(v: Cell, e: DecimalEvidence, i: number): { value: number; keep: boolean } {
    const form = decimalFormOf(v);
    if (form !== FORM_NONE) addForm(e, form, i, v);
    const mark = provisionalMark(e);
    const r = this.read;
    r.value = amountWithMark(v, mark);
    r.keep = form >= FORM_DOT_GROUP && mark === "." && e.dot === 0;
    return r;
  }

  /** The amount of kept row `k` (index into `rows`) with the decided marks, before any return sign. */
  amountWithMarks(k: number, marks: readonly DecimalMark[]): number {
    if (!this.product) return amountWithMark(this.cells[k], marks[0]);
    return amountWithMark(this.cells[2 * k], marks[0]) * amountWithMark(this.cells[2 * k + 1], marks[1]);
  }
}

const NUMBER_READ = { value: NaN, keep: false, set(v: number) { this.value = v; this.keep = false; return this; } };

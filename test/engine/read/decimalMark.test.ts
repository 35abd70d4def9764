/**
 * Decimal comma vs decimal point, per column (issue #16). The oracle for the property tests is the
 * generator: it knows each number it formatted and the style it used, so a read is right when every
 * value is that number, and a refusal is allowed only when no value was written in a way that only
 * one style can produce.
 */
import fc from "fast-check";
import { amountWithMark, amountOf, decimalFormOf, FORM_COMMA, FORM_COMMA_GROUP, FORM_DOT, FORM_DOT_GROUP, FORM_NONE } from "../../../src/engine/read/amount";
import { gradeTable, type GradeOutcome } from "../../../src/engine/grade/pipeline";
import { gradeRead } from "../../../src/engine/grade/pipeline";
import { TransactionBuilder, ROW_INCLUDED } from "../../../src/engine/read/transactions";
import { cliText } from "../../../src/cli/optionFlags";
import { resolveColumns } from "../../../src/engine/read/mapping";
import { resolveOptions } from "../../../src/engine/grade/options";
import type { Cell } from "../../../src/engine/common/types";

describe("amountWithMark", () => {
  it.each<[string, number, number]>([
    // text, with a decimal point, with a decimal comma (NaN: not a number that way)
    ["12,50", NaN, 12.5],
    ["12,5", NaN, 12.5],
    ["1234,56", NaN, 1234.56],
    ["1.234,50", NaN, 1234.5],
    ["0,125", NaN, 0.125],
    ["2,375", 2375, 2.375],
    ["1.234", 1.234, 1234],
    ["1,234.50", 1234.5, NaN],
    ["1,234,567", 1234567, NaN],
    ["1.234.567", NaN, 1234567],
    ["12.50", 12.5, NaN],
    ["0.125", 0.125, NaN],
    ["12", 12, 12],
    ["€ 12,50", NaN, 12.5],
    ["12,50 €", NaN, 12.5],
    ["12,50\u00a0€", NaN, 12.5],
    ["1\u00a0234,50", NaN, 1234.5],
    ["1\u202f234,50", NaN, 1234.5],
    ["1 234,50", NaN, 1234.5],
    ["1 234.50", 1234.5, NaN],
    ["1'234.50", 1234.5, NaN],
    ["-12,50", NaN, -12.5],
    ["€ -12,50", NaN, -12.5],
    ["(1.234,50)", NaN, -1234.5],
    ["EUR 1.234,50", NaN, 1234.5],
    ["12.5 EUR", 12.5, NaN],
  ])("%p reads %p with a point, %p with a comma", (text, dot, comma) => {
    expect(amountWithMark(text, ".")).toBe(dot);
    expect(amountWithMark(text, ",")).toBe(comma);
    expect(amountOf(text)).toBe(dot);
  });
  it.each([["12 abc"], ["1,23,4"], ["1.2.3"], ["12,34,56"], ["01,234"]])("reads %p as nothing with a point", (text) => expect(amountWithMark(text, ".")).toBeNaN());
});

describe("decimalFormOf", () => {
  it.each<[Cell, number]>([
    ["12,50", FORM_COMMA], ["1234,56", FORM_COMMA], ["1.234,50", FORM_COMMA], ["0,125", FORM_COMMA], ["1.234.567", FORM_COMMA],
    ["1,234.50", FORM_DOT], ["12.50", FORM_DOT], ["0.125", FORM_DOT], ["1,234,567", FORM_DOT], ["1234.567", FORM_DOT], ["-12.5", FORM_DOT],
    ["2,375", FORM_COMMA_GROUP], ["€ 2,375", FORM_COMMA_GROUP], ["1.234", FORM_DOT_GROUP], ["-1.234", FORM_DOT_GROUP],
    ["12", FORM_NONE], ["1 234", FORM_NONE], [12.5, FORM_NONE], ["", FORM_NONE], ["abc", FORM_NONE], [null, FORM_NONE],
  ])("%p has form %p", (text, form) => expect(decimalFormOf(text)).toBe(form));
  it("says a text is ambiguous exactly when both marks read it, differently (property)", () => {
    const text = fc.array(fc.constantFrom("0", "1", "2", "5", ".", ",", " "), { minLength: 1, maxLength: 9 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(text, (t) => {
        const d = amountWithMark(t, "."), c = amountWithMark(t, ",");
        const form = decimalFormOf(t);
        const expected = d === d && c === c ? (d === c ? FORM_NONE : t.includes(",") ? FORM_COMMA_GROUP : FORM_DOT_GROUP) : d === d ? (/[.,]/.test(t) ? FORM_DOT : FORM_NONE) : c === c ? FORM_COMMA : FORM_NONE;
        expect(form).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

/** A positive amount as the generator knows it: whole part, decimal digits (may be ""). */
interface Num {
  whole: number;
  decimals: string;
}
const num = fc.record({ whole: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1000, max: 9_999_999 })), decimals: fc.stringMatching(/^\d{0,3}$/) }).filter((n) => n.whole > 0 || /[1-9]/.test(n.decimals));
const valueOf = (n: Num) => Number(`${n.whole}${n.decimals ? `.${n.decimals}` : ""}`);

/** How a style writes a number: decimal comma (`1.234,5`) or point (`1,234.5`), with or without thousands groups. */
function format(n: Num, style: "," | ".", grouped: boolean): string {
  const sep = style === "," ? "." : ",";
  const digits = String(n.whole);
  const whole = grouped ? digits.replace(/\B(?=(\d{3})+$)/g, sep) : digits;
  return n.decimals ? `${whole}${style}${n.decimals}` : whole;
}

/** Whether only this style could have written the text: decimals not of three digits, or a thousands group and decimals, or a leading 0. */
function decisive(n: Num, grouped: boolean): boolean {
  if (!n.decimals) return grouped && n.whole >= 1_000_000; // 1.234.567 / 1,234,567
  return n.decimals.length !== 3 || n.whole === 0 || n.whole >= 1000;
}

function gradeColumn(texts: Cell[], options = {}): GradeOutcome {
  const cells: Cell[][] = [["Customer", "Date", "Amount"], ...texts.map((t, i) => [`C${i % 5}`, `2024-01-${String(1 + (i % 28)).padStart(2, "0")}`, t])];
  return gradeTable({ cells }, options);
}

describe("a column's decimal mark", () => {
  it("reads every value right, or refuses as undecidable only when no value decides (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(num, fc.boolean()), { minLength: 1, maxLength: 30 }), fc.constantFrom<"," | ".">(",", "."), (values, style) => {
        const texts = values.map(([n, g]) => format(n, style, g));
        const outcome = gradeColumn(texts);
        const anyDecisive = values.some(([n, g]) => decisive(n, g));
        if (!outcome.ok) {
          expect(anyDecisive).toBe(false);
          expect(outcome.issues[0].code).toBe("ambiguous_decimal_mark");
          expect(outcome.issues[0].column).toBe("Amount");
          return;
        }
        const amounts = Array.from(outcome.result.transactions.amount);
        expect(amounts).toEqual(values.map(([n]) => valueOf(n)));
      }),
      { numRuns: 400 },
    );
  });

  it("decides a decimal comma from 12,5 / 1234,56 / 1.234,50 and says so", () => {
    const outcome = gradeColumn(["2,375", "12,5", "1234,56", "1.234,50", "7"]);
    if (!outcome.ok) throw new Error(outcome.issues[0].message);
    expect(Array.from(outcome.result.transactions.amount)).toEqual([2.375, 12.5, 1234.56, 1234.5, 7]);
    const note = outcome.result.notes.find((n) => n.code === "decimal_comma")!;
    expect(note.message).toContain("Amount read with a decimal comma");
    expect(note.message).toContain('"2,375" (row 2) is 2.375');
    expect(note.zh).toContain("小数逗号");
  });

  it("reads 1,234 as thousands when other values have decimal points, and says so", () => {
    const outcome = gradeColumn(["1,234", "12.50", "3"]);
    if (!outcome.ok) throw new Error(outcome.issues[0].message);
    expect(Array.from(outcome.result.transactions.amount)).toEqual([1234, 12.5, 3]);
    expect(outcome.result.notes.find((n) => n.code === "thousands_comma")!.message).toContain('"1,234" (row 2) read as 1234');
  });

  it("refuses 2,375 alone, naming the column and both readings (English and Chinese)", () => {
    const outcome = gradeColumn(["2,375", "12", "4,500"]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const issue = outcome.issues[0];
    expect(issue.code).toBe("ambiguous_decimal_mark");
    expect(issue.column).toBe("Amount");
    expect(issue.row).toBe(2);
    expect(issue.message).toMatch(/Column Amount: "2,375" \(row 2\) could be 2\.375 or 2375/);
    expect(cliText(issue, "en")).toMatch(/Column Amount: "2,375" \(row 2\) could be 2\.375 or 2375.*--decimal , .*--decimal \./);
    expect(issue.zh).toContain("既可读作 2.375，也可读作 2375");
  });

  it("refuses 1.234 alone too (1.234 or 1234)", () => {
    const outcome = gradeColumn(["1.234", "12"]);
    expect(!outcome.ok && outcome.issues[0].message).toContain("could be 1234 or 1.234");
  });

  it("refuses a column that mixes the two marks", () => {
    const outcome = gradeColumn(["12,50", "12.50"]);
    expect(!outcome.ok && outcome.issues[0].code).toBe("mixed_decimal_mark");
    expect(!outcome.ok && outcome.issues[0].message).toContain('decimal commas ("12,50", row 2) and decimal points ("12.50", row 3)');
  });

  it("--decimal overrides: 2,375 as 2.375 with a comma, 2375 with a point", () => {
    const comma = gradeColumn(["2,375", "12"], { decimalMark: "," });
    const point = gradeColumn(["2,375", "12"], { decimalMark: "." });
    expect(comma.ok && Array.from(comma.result.transactions.amount)).toEqual([2.375, 12]);
    expect(point.ok && Array.from(point.result.transactions.amount)).toEqual([2375, 12]);
    expect(comma.ok && cliText(comma.result.notes.find((n) => n.code === "decimal_mark_option")!, "en")).toBe("Amount read with a decimal comma (--decimal ,).");
  });

  it("decides quantity and price each by its own values (0,125 decides the price column)", () => {
    const cells: Cell[][] = [["Customer", "Date", "Quantity", "UnitPrice"], ["A", "2024-01-01", "2", "2,375"], ["B", "2024-01-02", "1,000", "0,125"], ["B", "2024-01-03", "3", "1,50"]];
    // Quantity's "1,000" has no evidence in its column: refused, naming Quantity.
    const refused = gradeTable({ cells });
    expect(!refused.ok && refused.issues[0].column).toBe("Quantity");
    cells[2][2] = "1";
    const outcome = gradeTable({ cells });
    if (!outcome.ok) throw new Error(outcome.issues[0].message);
    expect(Array.from(outcome.result.transactions.amount)).toEqual([2 * 2.375, 0.125, 3 * 1.5]);
  });

  it("re-reads a value kept before the evidence came, and keeps a negative one a return", () => {
    // "2,375" read first (with a point: 2375), then "1,5" decides the comma; a return by type stays negative.
    const outcome = gradeColumn(["2,375", "1,5", "-0,5"], { returns: "net" });
    if (!outcome.ok) throw new Error(outcome.issues[0].message);
    expect(Array.from(outcome.result.transactions.amount)).toEqual([2.375, 1.5, -0.5]);
  });

  it("reads the same in batches of any size as at once (the streaming path), with evidence arriving late", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("2,375", "1.234", "12", "12,5", "1.234,50", "0,125"), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (texts, size) => {
        const cells: Cell[][] = [["Customer", "Date", "Amount"], ...texts.map((t, i) => [`C${i % 3}`, "2024-01-05", t])];
        const whole = gradeTable({ cells });
        const { columns } = resolveColumns(cells);
        const { options } = resolveOptions({});
        const builder = new TransactionBuilder(columns!.mapping, { dateOrder: "auto", dateSystem: 1900, zeroAmounts: "exclude", decimalMark: "auto" });
        for (let at = 1; at < cells.length; at += size) builder.push(cells.slice(at, at + size));
        const batched = gradeRead(builder.finish(), columns!, options, 2);
        expect(batched.ok).toBe(whole.ok);
        if (whole.ok && batched.ok) {
          expect(Array.from(batched.result.transactions.amount)).toEqual(Array.from(whole.result.transactions.amount));
          expect(Array.from(batched.result.transactions.status)).toEqual(Array.from(whole.result.transactions.status));
          const comma = texts.some((t) => t !== "12" && t !== "2,375" && t !== "1.234");
          if (comma) expect(Array.from(whole.result.transactions.amount)).toEqual(texts.map((t) => Number(t.replace(/\./g, "").replace(",", "."))));
          expect(Array.from(whole.result.transactions.status).every((s) => s === ROW_INCLUDED)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

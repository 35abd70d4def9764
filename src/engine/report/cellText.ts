/**
 * SPEC §8: text written to a cell that starts with = + - @, tab or CR must stay text. Excel's values
 * API reads such a string as a formula (or a number, for "-5"), so it gets a leading apostrophe —
 * Excel's own "this is text" prefix, which is not part of the cell's value.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The value to hand `range.values` so that it is stored exactly as given. */
export function excelCellValue(value: string | number | boolean | null | undefined): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "string" && isFormulaLike(value)) return `'${value}`;
  return value;
}

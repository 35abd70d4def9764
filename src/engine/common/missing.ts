/**
 * The one missing-value rule of the engine. Day numbers use INVALID_DAY when a date could not be
 * read; amounts use NaN; dictionary indexes use -1.
 */
export const INVALID_DAY = -2147483648;
export const NO_INDEX = -1;

/** True for cells that hold nothing: undefined, null, "" or only white space. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  return false;
}

const EXCEL_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BUSY!|BLOCKED!|CONNECT!|UNKNOWN!)$/i;

/** True for the text Excel's `range.values` gives for an error cell (`#N/A`, `#VALUE!`, …). */
export function isExcelError(value: unknown): boolean {
  return typeof value === "string" && value.length > 1 && value.charCodeAt(0) === 35 && EXCEL_ERROR.test(value.trim());
}

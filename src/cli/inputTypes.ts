/** What the CLI's readers give: the cells the engine grades, and how they were read. */
import type { Cell, DateSystem } from "../engine/common/types";
import type { CsvFormat } from "./csv";

/** Bad input: a one-line message (English; `zh` the Chinese wording when there is one). */
export class InputError extends Error {
  constructor(message: string, readonly zh?: string) {
    super(message);
  }
}

/** Something the reader assumed or decided (which sheet, merged cells …), said in the summary. */
export interface InputNote {
  message: string;
  zh: string;
}

export interface InputTable {
  /** Header row first, then the data rows. */
  cells: Cell[][];
  /** Name for messages: the file, plus the sheet for workbooks. */
  label: string;
  format: "csv" | "xlsx";
  dateSystem: DateSystem;
  sheetName?: string;
  /** CSV: how the text was read (encoding, delimiter, line ends, sep= line). */
  csvFormat?: CsvFormat;
  /** The row number of cells[0] as the user counts rows (2 when a `sep=` line came first). */
  firstRowNumber: number;
  /** What the reader assumed (the sheet it chose, other sheets of the same layout, merged cells). */
  notes?: InputNote[];
  /** Title rows the reader cut off above later sheets' headers (several sheets as one log). */
  titleRows?: number;
  /** Several sheets as one log: the sheet and sheet row of a row number of the log. */
  origin?: (row: number) => { sheet: string; row: number } | undefined;
}

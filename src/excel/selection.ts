/** Reading the user's selection: where it is, its header and first rows, and the date system. */
import { detectMapping, looksLikeHeader } from "../engine/read/headers";
import { findHeaderRow, HEADER_SEARCH_ROWS } from "../engine/read/mapping";
import type { Cell, InputIssue } from "../engine/common/types";
import type { SelectionPreview } from "./host";

export const PREVIEW_ROWS = 5;
/** DATE(2000,1,1) in the 1900 system; the 1904 system gives 1,462 days less. */
const SERIAL_2000_1900 = 36526;

/** Where the graded block is on its sheet (0-based indexes, as getRangeByIndexes takes them). */
export interface Block {
  sheetName: string;
  address: string;
  top: number;
  left: number;
  rowCount: number;
  columnCount: number;
  /** Title rows above the header that the selection included (`销售明细表`): the block starts at the header below them. */
  titleRows?: number;
}

/** The block, its preview, and its first rows as read (header included), for the grade that follows. */
export type SelectionOutcome = { ok: true; preview: SelectionPreview; block: Block; head: Cell[][] } | { ok: false; issues: InputIssue[] };

const issue = (code: string, message: string, zh: string): { ok: false; issues: InputIssue[] } => ({ ok: false, issues: [{ row: 0, column: "", code, message, zh }] });

/**
 * The block to grade: the selection, trimmed to the sheet's used range (a whole-column selection is
 * a million rows otherwise), or — for a single cell — the region around it (a table is one).
 */
export async function readSelection(context: Excel.RequestContext): Promise<SelectionOutcome> {
  const selected = context.workbook.getSelectedRange();
  selected.load("address,rowCount,columnCount");
  await context.sync();
  const single = selected.rowCount === 1 && selected.columnCount === 1;
  return readBlock(context, selected.worksheet, single ? selected.getSurroundingRegion() : selected, single ? selected.address : undefined);
}

/**
 * The previewed block (its address, e.g. "'Q3 sales'!A1:H5000", and the header texts the mapping was
 * chosen on), described as readSelection describes the selection: the grade reads the block the user
 * previewed and mapped, wherever the selection is now, and stops if its header changed since.
 */
export async function readBlockAt(context: Excel.RequestContext, source: { address: string; headers: string[] }): Promise<SelectionOutcome> {
  const { address } = source;
  const { sheetName, local } = splitAddress(address);
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject)
    return issue("source_missing", `The sheet "${sheetName}" of ${address} is gone: select the transactions and click “Use current selection”.`, `${address} 所在的工作表“${sheetName}”已不存在：请选中交易数据并点击“使用当前选区”。`);
  const outcome = await readBlock(context, sheet, sheet.getRange(local));
  if (outcome.ok && outcome.preview.headers.join("\u0000") !== source.headers.join("\u0000"))
    return issue("columns_changed", `The columns of ${address} changed since the preview: click “Use current selection” and check the column choices.`, `${address} 的列在预览之后发生了变化：请点击“使用当前选区”并检查列的选择。`);
  return outcome;
}

/** "'It''s'!A1:B2" → sheet "It's", local "A1:B2". */
export function splitAddress(address: string): { sheetName: string; local: string } {
  const bang = address.lastIndexOf("!");
  const sheet = address.slice(0, bang);
  return { sheetName: sheet.startsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet, local: address.slice(bang + 1) };
}

/** The block at these 0-based indexes of a sheet, read as readSelection reads the selection. */
export async function readBlockOf(context: Excel.RequestContext, sheetName: string, box: { top: number; left: number; rows: number; cols: number }, expandedFrom?: string): Promise<SelectionOutcome> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  return readBlock(context, sheet, sheet.getRangeByIndexes(box.top, box.left, box.rows, box.cols), expandedFrom);
}

async function readBlock(context: Excel.RequestContext, sheet: Excel.Worksheet, wide: Excel.Range, expandedFrom?: string): Promise<SelectionOutcome> {
  const serial2000 = context.workbook.functions.date(2000, 1, 1);
  serial2000.load("value");
  // An empty sheet has no used range: getUsedRange would throw, the OrNullObject form says so.
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("address");
  sheet.load("name");
  await context.sync();
  if (used.isNullObject) return issue("empty_selection", "The selection is empty: select the transactions with their header row.", "选区为空：请选中交易数据及其标题行。");
  const range = wide.getIntersectionOrNullObject(used);
  range.load("address,rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (range.isNullObject) return issue("empty_selection", "The selection is empty: select the transactions with their header row.", "选区为空：请选中交易数据及其标题行。");
  // Enough rows to find a header below title rows, and the preview rows under it.
  const headRows = Math.min(range.rowCount, HEADER_SEARCH_ROWS + PREVIEW_ROWS + 1);
  const head = sheet.getRangeByIndexes(range.rowIndex, range.columnIndex, headRows, range.columnCount);
  head.load("values,numberFormat");
  await context.sync();
  const titleRows = Math.max(0, findHeaderRow(head.values as Cell[][]));
  const cells = (head.values as Cell[][]).slice(titleRows);
  const hasHeader = looksLikeHeader(cells[0], cells[1]);
  const letters = cells[0].map((_, c) => columnName(range.columnIndex + c));
  // Header texts (a blank one shows as its column letter).
  const headers = hasHeader ? cells[0].map((h, c) => (String(h ?? "").trim() === "" ? letters[c] : String(h).trim())) : letters;
  const block: Block = { sheetName: sheet.name, address: range.address, top: range.rowIndex + titleRows, left: range.columnIndex, rowCount: range.rowCount - titleRows, columnCount: range.columnCount };
  if (titleRows) block.titleRows = titleRows;
  return {
    ok: true,
    block,
    head: cells,
    preview: {
      address: range.address,
      sheetName: sheet.name,
      rowCount: range.rowCount,
      columnCount: range.columnCount,
      headers,
      hasHeader,
      sampleRows: cells.slice(hasHeader ? 1 : 0, (hasHeader ? 1 : 0) + PREVIEW_ROWS),
      sampleFormats: (head.numberFormat as string[][]).slice(hasHeader ? 1 : 0, (hasHeader ? 1 : 0) + PREVIEW_ROWS),
      detectedMapping: hasHeader ? detectMapping(cells[0]) : {},
      dateSystem: serial2000.value === SERIAL_2000_1900 - 1462 ? 1904 : 1900,
      expandedFrom,
      ...(titleRows ? { headerRow: range.rowIndex + titleRows + 1 } : {}),
    },
  };
}

/** Sheet column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

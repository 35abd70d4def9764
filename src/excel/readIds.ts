/**
 * The exclusion list (黑名单, internal and test accounts) as the pane names it: a range
 * ("Blacklist!A2:A40", "'Test accounts'!A:A") or a sheet ("Blacklist": its used range). Every non-blank
 * cell is one id, trimmed; numbers as Excel shows them (17850, not 17850.0). The engine then applies
 * its own customer-id rules to them (excludeIds). Only the used part of the range is read, so a whole
 * column costs what its filled cells cost.
 */
import type { Cell, InputIssue } from "../engine/common/types";
import type { IdsOutcome } from "./host";

/** More cells than this is not an exclusion list but a mistake (a data block named by accident). */
export const MAX_ID_CELLS = 200_000;

const CELL = /^\$?[A-Z]{1,3}\$?\d{1,7}$/i;
const COLUMNS = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i;

/** Splits "Sheet!A1:A9" / "'It''s'!A:A" / "Sheet" into the sheet name and the local address (or null: the whole sheet). */
export function splitAddress(text: string): { sheet: string; range: string | null } | null {
  const t = text.trim();
  if (!t) return null;
  const bang = t.lastIndexOf("!");
  if (bang < 0) return { sheet: t.replace(/^'(.*)'$/, "$1").replace(/''/g, "'"), range: null };
  const sheet = t.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
  const range = t.slice(bang + 1).trim();
  return sheet ? { sheet, range } : null;
}

/** A local address in the A1 form Excel takes, whole columns as rows 1 to 1,048,576; null when it is none. */
export function localRange(range: string): string | null {
  const cols = COLUMNS.exec(range);
  if (cols) return `${cols[1].toUpperCase()}1:${cols[2].toUpperCase()}1048576`;
  const [a, b, ...rest] = range.split(":");
  if (rest.length || !CELL.test(a) || (b !== undefined && !CELL.test(b))) return null;
  return range.replace(/\$/g, "").toUpperCase();
}

const idText = (v: Cell): string => (v === null || v === undefined ? "" : typeof v === "number" ? String(v) : String(v).trim());

const issue = (code: string, message: string, zh: string): IdsOutcome => ({ ok: false, issues: [{ row: 0, column: "", code, message, zh } satisfies InputIssue] });

export async function readIds(context: Excel.RequestContext, address: string): Promise<IdsOutcome> {
  const parts = splitAddress(address);
  if (!parts) return issue("exclude_address", `The exclusion list ${JSON.stringify(address)} is not a range or a sheet: type e.g. Blacklist!A2:A40 or Blacklist.`, `排除名单 ${JSON.stringify(address)} 不是区域或工作表：请输入例如 Blacklist!A2:A40 或 Blacklist。`);
  const local = parts.range === null ? null : localRange(parts.range);
  if (parts.range !== null && !local) return issue("exclude_address", `${JSON.stringify(parts.range)} is not a cell range: type e.g. ${parts.sheet}!A2:A40 or ${parts.sheet}!A:A.`, `${JSON.stringify(parts.range)} 不是单元格区域：请输入例如 ${parts.sheet}!A2:A40 或 ${parts.sheet}!A:A。`);
  const sheet = context.workbook.worksheets.getItemOrNullObject(parts.sheet);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject) return issue("exclude_sheet_missing", `There is no sheet named "${parts.sheet}" in this workbook for the exclusion list.`, `本工作簿中没有名为“${parts.sheet}”的工作表，无法读取排除名单。`);
  const used = local === null ? sheet.getUsedRangeOrNullObject(true) : sheet.getRange(local).getUsedRangeOrNullObject(true);
  used.load("address,rowCount,columnCount");
  await context.sync();
  const shown = `${parts.sheet}${parts.range ? `!${parts.range}` : ""}`;
  if (used.isNullObject) return { ok: true, ids: [], address: shown };
  if (used.rowCount * used.columnCount > MAX_ID_CELLS)
    return issue("exclude_too_large", `The exclusion list ${shown} has ${used.rowCount * used.columnCount} cells; an id list of at most ${MAX_ID_CELLS} is expected — choose the column of ids.`, `排除名单 ${shown} 有 ${used.rowCount * used.columnCount} 个单元格，超过 ${MAX_ID_CELLS} 个：请只选择客户ID所在的列。`);
  used.load("values");
  await context.sync();
  const ids: string[] = [];
  for (const row of used.values as Cell[][]) for (const v of row) {
    const id = idText(v);
    if (id !== "") ids.push(id);
  }
  return { ok: true, ids, address: shown };
}

/** Which column holds which field: detected from the header, overridden by the user. */
import { columnLetter, detectMapping, findColumn, looksLikeHeader } from "./headers";
import type { Cell, ColumnMapping, InputIssue, MappedField } from "../common/types";
import { MAPPED_FIELDS } from "../common/types";

const FIELD_ZH: Record<string, string> = { customer: "客户ID", date: "日期", amount: "金额", quantity: "数量", price: "单价", order: "订单号", status: "订单状态", orderType: "单据类型", dimension: "细分维度" };

/** How far down a header row is looked for (rows above it are titles: `销售明细表`, `制表日期：…`). */
export const HEADER_SEARCH_ROWS = 20;

/** The user's mapping: a header name, a column letter, a 1-based number as text, or a 0-based index. */
export type MappingOverride = Partial<Record<MappedField, string | number | null>>;

export interface ResolvedColumns {
  mapping: ColumnMapping;
  /** Display name of every column (header text, or its letter without a header). */
  names: string[];
  hasHeader: boolean;
  /** Index of the header row in the cells (−1 without one); rows above it are title rows. */
  headerRow: number;
  /** Index of the first data row in the cells. */
  dataStart: number;
  /** Rows above the header (`title_row`): those in the cells, plus any the caller cut off before. */
  titleRows: number;
}

function complete(m: ColumnMapping): boolean {
  return m.customer !== undefined && m.date !== undefined && (m.amount !== undefined || (m.quantity !== undefined && m.price !== undefined));
}

/**
 * The first of the first HEADER_SEARCH_ROWS rows that names a customer, a date and an amount (or
 * quantity and price) column — by the known header names, or by the names the user mapped — or −1.
 */
export function findHeaderRow(cells: readonly (readonly Cell[])[], override: MappingOverride = {}): number {
  const named = Object.entries(override).filter((e): e is [MappedField, string] => typeof e[1] === "string" && e[1].trim() !== "" && !/^\d+$/.test(e[1].trim()));
  for (let r = 0, n = Math.min(cells.length, HEADER_SEARCH_ROWS); r < n; ++r) {
    const row = cells[r] ?? [];
    const m = detectMapping(row);
    for (const [field, name] of named) {
      const wanted = name.trim().toLowerCase();
      const at = row.findIndex((h) => String(h ?? "").trim().toLowerCase() === wanted);
      if (at >= 0) m[field] = at;
    }
    if (complete(m)) return r;
  }
  return -1;
}

/** Width of a table: the longest row. */
export function tableWidth(cells: readonly (readonly Cell[])[]): number {
  let width = 0;
  for (let i = 0, n = Math.min(cells.length, 1000); i < n; ++i) if (cells[i] && cells[i].length > width) width = cells[i].length;
  return width;
}

/**
 * Resolves the columns to use. A header is detected when the first row names a customer and a date
 * column (unless `hasHeader` says otherwise). Problems name the columns found.
 */
export function resolveColumns(
  cells: readonly (readonly Cell[])[],
  override: MappingOverride = {},
  hasHeader?: boolean,
): { columns?: ResolvedColumns; issues: InputIssue[] } {
  const width = tableWidth(cells);
  // The header may sit below title rows: looked for by its names, unless the caller says where it is.
  const found = hasHeader === undefined ? findHeaderRow(cells, override) : -1;
  const headerAt = found > 0 ? found : 0;
  const first = cells[headerAt] ?? [];
  // A mapping that names a first-row cell marks that row as a header — unless it is a bare number,
  // which means a column number ("2" must not match a data row whose cell happens to be 2).
  const namesFirstRowCell = (v: string) =>
    !/^\d+$/.test(v.trim()) && first.some((h) => String(h ?? "").trim() !== "" && String(h).trim().toLowerCase() === v.trim().toLowerCase());
  const header = hasHeader ?? (found >= 0 || looksLikeHeader(first, cells[1]) || Object.values(override).some((v) => typeof v === "string" && namesFirstRowCell(v)));
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let c = 0; c < width; ++c) {
    let name = header ? String(first[c] ?? "").trim() : "";
    if (name === "") name = columnLetter(c);
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    names.push(count ? `${name} (${columnLetter(c)})` : name);
  }
  const mapping: ColumnMapping = header ? detectMapping(first) : {};
  const issues: InputIssue[] = [];
  for (const field of MAPPED_FIELDS) {
    const ref = override[field];
    if (ref === undefined) continue;
    if (ref === null || ref === "") {
      delete mapping[field];
      continue;
    }
    const index = findColumn(header ? first : null, ref, width);
    if (index < 0) {
      issues.push({ row: 0, column: String(ref), code: "unknown_column", message: `No column "${ref}" for ${field}. Columns found: ${names.join(", ")}.`, zh: `找不到用作${FIELD_ZH[field]}的列“${ref}”。现有的列：${names.join("、")}。` });
      continue;
    }
    mapping[field] = index;
  }
  if (override.amount !== undefined && override.amount !== null && override.amount !== "") {
    delete mapping.quantity;
    delete mapping.price;
  } else if (override.quantity != null && override.price != null) delete mapping.amount;
  if (mapping.amount !== undefined) {
    delete mapping.quantity;
    delete mapping.price;
  }
  const missing: string[] = [];
  const missingZh: string[] = [];
  if (mapping.customer === undefined) (missing.push("customer id"), missingZh.push("客户ID"));
  if (mapping.date === undefined) (missing.push("date"), missingZh.push("日期"));
  if (mapping.amount === undefined && (mapping.quantity === undefined || mapping.price === undefined)) (missing.push("amount (or quantity and unit price)"), missingZh.push("金额（或数量与单价）"));
  if (missing.length && !issues.length) {
    // Said when the first row names no known column: titles above the header, or no header at all.
    const searched = found < 0 && hasHeader === undefined && cells.length > 1 && Object.keys(detectMapping(cells[0])).length === 0;
    const n = Math.min(cells.length, HEADER_SEARCH_ROWS);
    issues.push({
      row: 0,
      column: "",
      code: "missing_column",
      message: `No ${missing.join(", ")} column. Columns found: ${names.length ? names.join(", ") : "none"}.${searched ? ` No header row naming a customer, a date and an amount column was found in the first ${n} rows.` : ""}`,
      zh: `缺少${missingZh.join("、")}列。现有的列：${names.length ? names.join("、") : "无"}。${searched ? `前 ${n} 行中没有同时包含客户、日期和金额列名的表头行。` : ""}`,
    });
  }
  if (issues.length) return { issues };
  return { columns: { mapping, names, hasHeader: header, headerRow: header ? headerAt : -1, dataStart: header ? headerAt + 1 : 0, titleRows: header ? headerAt : 0 }, issues };
}

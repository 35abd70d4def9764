/** CSV output: one row per customer, the SPEC §9 columns in order. */
import * as fs from "fs";
import type { OutCell } from "../engine/report/customerTable";
import { isFormulaLike } from "../engine/report/cellText";

/**
 * A CSV field: quoted when it holds a delimiter, quote or line break; numbers plain. Text that a
 * spreadsheet would run as a formula (= + - @, tab or CR first: CSV injection) gets a leading `'`,
 * OWASP's advice, unless `raw` (`--csv-raw`).
 */
export function csvField(value: OutCell, raw = false): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = !raw && isFormulaLike(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(header: readonly string[], rows: readonly OutCell[][], raw = false): string {
  const lines = [header.map((h) => csvField(h, raw)).join(",")];
  for (const row of rows) lines.push(row.map((v) => csvField(v, raw)).join(","));
  return lines.join("\n") + "\n";
}

export async function writeCsv(file: string, header: readonly string[], rows: readonly OutCell[][], raw = false): Promise<void> {
  await fs.promises.writeFile(file, csvText(header, rows, raw), "utf8");
}

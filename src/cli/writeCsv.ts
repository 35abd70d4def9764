/** CSV output: one row per customer, the SPEC §9 columns in order. */
import * as fs from "fs";
import type { OutCell } from "../engine/report/customerTable";

/** A CSV field: quoted when it holds a delimiter, quote or line break; numbers plain. */
export function csvField(value: OutCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvText(header: readonly string[], rows: readonly OutCell[][]): string {
  const lines = [header.join(",")];
  for (const row of rows) lines.push(row.map(csvField).join(","));
  return lines.join("\n") + "\n";
}

export async function writeCsv(file: string, header: readonly string[], rows: readonly OutCell[][]): Promise<void> {
  await fs.promises.writeFile(file, csvText(header, rows), "utf8");
}

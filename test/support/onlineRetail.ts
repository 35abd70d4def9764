/** Reads the Online Retail CSV for tests, independently of src/ (zlib + a quote-aware split). */
import * as fs from "fs";
import * as zlib from "zlib";
import { datasetFile } from "./datasets";
import type { RefRow } from "./referenceGrader";
import { parseCsvText } from "./csvText";

/** One CSV line's fields (quote-aware). */
export function splitCsvLine(line: string): string[] {
  return parseCsvText(line)[0] ?? [""];
}

export const ONLINE_RETAIL = () => datasetFile("online-retail-uci/online_retail.csv.gz");

let cache: string[][] | null = null;
/** All lines of Online Retail split into fields (header first). */
export function onlineRetailLines(): string[][] {
  if (!cache) {
    const text = zlib.gunzipSync(fs.readFileSync(ONLINE_RETAIL())).toString("utf8");
    cache = text.split("\n").filter((l) => l !== "").map(splitCsvLine);
  }
  return cache;
}

/** Online Retail as reference rows: customer from "17850.0", amount = Quantity × UnitPrice, order = InvoiceNo. */
export function onlineRetailRefRows(): RefRow[] {
  const [header, ...lines] = onlineRetailLines();
  const col = (name: string) => header.indexOf(name);
  const [ci, di, qi, pi, oi] = ["CustomerID", "InvoiceDate", "Quantity", "UnitPrice", "InvoiceNo"].map(col);
  return lines.map((f) => {
    const id = f[ci].trim();
    const [y, m, d] = f[di].slice(0, 10).split("-").map(Number);
    const q = Number(f[qi]);
    const p = Number(f[pi]);
    return {
      customer: id === "" ? "" : String(Math.trunc(Number(id))),
      day: Date.UTC(y, m - 1, d) / 86400000,
      amount: f[qi] === "" || f[pi] === "" || !Number.isFinite(q * p) ? null : q * p,
      order: f[oi],
    };
  });
}

/** Online Retail graded by the engine through the CLI's reader (default options, as-of 2011-12-10). */
export async function gradeOnlineRetail(): Promise<import("../../src/engine/grade/pipeline").GradeResult> {
  const { parseCommonArgs } = await import("../../src/cli/args");
  const { gradeFile } = await import("../../src/cli/grade");
  const args = parseCommonArgs([ONLINE_RETAIL(), "--customer", "CustomerID", "--date", "InvoiceDate", "--quantity", "Quantity", "--price", "UnitPrice", "--order", "InvoiceNo", "--as-of", "2011-12-10"]);
  return (await gradeFile(args)).result;
}

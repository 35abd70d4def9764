/**
 * Formula-only grades recompute without the add-in: `tiers grade --formulas --out x.xlsx` on CDNOW
 * (23,502 customers), recalculated headless by LibreOffice, gives every customer the engine's R, F, M,
 * RFM score and RF segment. Needs Debian's libreoffice-calc-nogui (.ci/run installs it).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { readCsv, runCli, tempDir } from "../support/runCli";
import { datasetFile } from "../support/datasets";

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));

test.each([
  ["5 bins, English", ["--lang", "en"]],
  ["3 bins, Chinese", ["--bins", "3", "--lang", "zh"]],
])("LibreOffice recalculates the formula grades to the engine's (%s)", async (_, extra) => {
  if (!SOFFICE) throw new Error("LibreOffice is not installed: apt-get install -y libreoffice-calc-nogui (.ci/run does)");
  const dir = tempDir();
  const input = datasetFile("cdnow-lifetimes/CDNOW_master.txt");
  const args = [input, "--customer", "1", "--date", "2", "--amount", "4", ...extra];
  const xlsx = path.join(dir, "formulas.xlsx");
  const csv = path.join(dir, "values.csv");
  expect((await runCli(["grade", ...args, "--formulas", "--out", xlsx])).code).toBe(0);
  expect((await runCli(["grade", ...args, "--out", csv])).code).toBe(0);
  const outDir = path.join(dir, "recalculated");
  execFileSync(SOFFICE, ["--headless", `-env:UserInstallation=file://${dir}/lo-profile`, "--convert-to", "xlsx", "--outdir", outDir, xlsx], { stdio: "ignore", timeout: 240_000 });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path.join(outDir, "formulas.xlsx"));
  const sheet = book.worksheets[1];
  const want = readCsv(csv).slice(1).filter((r) => r[8] !== "");
  expect(want.length).toBeGreaterThan(20_000);
  const diffs: string[] = [];
  want.forEach((row, i) => {
    const cells = sheet.getRow(i + 2);
    expect(String(cells.getCell(1).value)).toBe(row[0]);
    const got = [9, 10, 11, 12, 13].map((c) => {
      const v = cells.getCell(c).value as { formula?: string; result?: unknown } | null;
      if (!v || typeof v !== "object" || !v.formula) throw new Error(`row ${i + 2} column ${c} is not a formula`);
      return String(v.result);
    });
    if (got.join("|") !== row.slice(8, 13).join("|") && diffs.length < 5) diffs.push(`${row[0]}: ${got.join(" ")} vs ${row.slice(8, 13).join(" ")}`);
  });
  expect(diffs).toEqual([]);
}, 300_000);

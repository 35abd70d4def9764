/**
 * Renders a graded workbook to PNG pages for a visual check: LibreOffice headless → PDF → pdftoppm.
 * A copy is rendered, with print areas that keep long sheets (the data sheet, Customers) to their
 * first rows (a sheet over 1,000 rows prints its first `rows`) and every sheet one page wide, so the pictures show what a reader sees first.
 *   npx ts-node --transpile-only scripts/render-xlsx.ts book.xlsx outDir [rows=45]
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";
import { sheetParts } from "../src/cli/xlsxTables";
import { columnLetters } from "../src/cli/writeXlsx";

async function main(): Promise<void> {
  const [file, outDir, rowsArg] = process.argv.slice(2);
  const rows = Number(rowsArg ?? 45);
  fs.mkdirSync(outDir, { recursive: true });
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const parts = await sheetParts(zip);
  let workbook = await zip.file("xl/workbook.xml")!.async("string");
  const names: string[] = [];
  let index = 0;
  for (const [name, part] of parts) {
    let xml = await zip.file(part)!.async("string");
    const last = xml.lastIndexOf('<row r="');
    const lastRow = last < 0 ? 0 : Number(/<row r="(\d+)"/.exec(xml.slice(last))![1]);
    let widest = 1;
    for (const m of xml.matchAll(/<row r="\d+" spans="\d+:(\d+)"/g)) widest = Math.max(widest, Number(m[1]));
    const lastCol = columnLetters(widest - 1);
    if (lastRow > 1000) names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${index}">'${name.replace(/'/g, "''")}'!$A$1:$${lastCol}$${rows}</definedName>`);
    // Landscape, fit to one page wide.
    if (!/fitToPage/.test(xml)) {
      xml = xml.replace(/<pageSetup\b[^>]*\/>/, '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
      xml = /<sheetPr\/>/.test(xml) ? xml.replace("<sheetPr/>", '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>') : /<sheetPr\b/.test(xml) ? xml : xml.replace(/(<worksheet\b[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    }
    zip.file(part, xml);
    index++;
  }
  if (names.length) workbook = /<definedNames>/.test(workbook) ? workbook.replace("<definedNames>", `<definedNames>${names.join("")}`) : workbook.replace("</sheets>", `</sheets><definedNames>${names.join("")}</definedNames>`);
  zip.file("xl/workbook.xml", workbook);
  const base = path.basename(file, ".xlsx");
  const copy = path.join(outDir, `${base}.render.xlsx`);
  fs.writeFileSync(copy, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${outDir}/lo-profile`, "--convert-to", "pdf", "--outdir", outDir, copy], { stdio: "ignore", timeout: 600_000 });
  execFileSync("pdftoppm", ["-png", "-r", "90", path.join(outDir, `${base}.render.pdf`), path.join(outDir, base)]);
  console.log(fs.readdirSync(outDir).filter((f) => f.endsWith(".png")).sort().join("\n"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * The CLI's workbook (`tiers grade … --out x.xlsx`), read back from the file: native charts on
 * Summary, an Excel table on Customers, frozen panes, number formats, source cells with their types,
 * Summary opening on the segment overview, no row-status code in a Chinese workbook, a Method sheet
 * without float noise, and --clv that cannot fit.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { sheetParts } from "../../src/cli/xlsxTables";
import { xmlUnescape } from "../../src/cli/xlsxPackage";
import { sharedStrings } from "../../src/cli/xlsxCells";
import { sharedStringsXml } from "../../src/cli/writeXlsx";
import { EXCLUSION_REASONS } from "../../src/engine/common/types";
import { runCli, tempDir } from "../support/runCli";

const SAMPLE = path.join(__dirname, "..", "..", "assets", "sample-transactions.xlsx");
const dir = tempDir();
const en = path.join(dir, "en.xlsx");
const zh = path.join(dir, "zh.xlsx");

beforeAll(async () => {
  expect((await runCli(["grade", SAMPLE, "--out", en])).code).toBe(0);
  expect((await runCli(["grade", SAMPLE, "--lang", "zh", "--trend", "--clusters", "--out", zh])).code).toBe(0);
}, 120_000);

const book = async (file: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
};

/** Charts reachable from a sheet: sheet rels → drawing → drawing rels → chart parts. */
async function chartsOf(file: string, sheet: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const part = (await sheetParts(zip)).get(sheet)!;
  const rels = (p: string) => zip.file(p.replace(/([^/]+)$/, "_rels/$1.rels"))?.async("string") ?? Promise.resolve("");
  const xml = await zip.file(part)!.async("string");
  const drawingId = /<drawing r:id="([^"]+)"/.exec(xml)?.[1];
  if (!drawingId) return [];
  const drawingTarget = new RegExp(`Id="${drawingId}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${drawingId}"`).exec(await rels(part))!;
  const drawing = path.posix.normalize(path.posix.join(path.posix.dirname(part), drawingTarget[1] ?? drawingTarget[2]));
  const chartTargets = [...(await rels(drawing)).matchAll(/Target="([^"]*chart[^"]*)"/g)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(drawing), m[1])));
  return Promise.all(chartTargets.map((t) => zip.file(t)!.async("string")));
}

test("Summary holds at least three native charts, each pointing at Summary cells", async () => {
  const charts = await chartsOf(en, "Summary");
  expect(charts.length).toBeGreaterThanOrEqual(3);
  for (const xml of charts) {
    expect(xml).toMatch(/<c:chartSpace/);
    expect(xml).toMatch(/<c:f>(&apos;|')?Summary(&apos;|')?!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+<\/c:f>/);
  }
  expect(charts.some((x) => /<c:barChart>/.test(x))).toBe(true);
  expect((await chartsOf(zh, "汇总")).length).toBeGreaterThanOrEqual(3);
});

test("every table part is referenced once, from its sheet, in CT_Worksheet order, with its content type (big sheets reference theirs as they are streamed)", async () => {
  for (const file of [en, zh]) {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const types = await zip.file("[Content_Types].xml")!.async("string");
    const tableParts = Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f)).sort();
    expect(tableParts.length).toBeGreaterThanOrEqual(1); // Customers'
    const referenced: string[] = [];
    for (const [, part] of await sheetParts(zip)) {
      const xml = await zip.file(part)!.async("string");
      const ids = [...xml.matchAll(/<tablePart r:id="([^"]+)"\/>/g)].map((m) => m[1]);
      if (ids.length === 0) continue;
      expect(xml.match(/<tableParts\b/g)).toHaveLength(1);
      // Nothing of the worksheet after it but its extLst.
      expect(xml.slice(xml.indexOf("</tableParts>") + "</tableParts>".length)).toMatch(/^(<extLst>[\s\S]*<\/extLst>)?<\/worksheet>\s*$/);
      const rels = await zip.file(part.replace(/([^/]+)$/, "_rels/$1.rels"))!.async("string");
      for (const id of ids) {
        const target = new RegExp(`<Relationship Id="${id}" Type="[^"]*/table" Target="\\.\\./tables/(table\\d+\\.xml)"`).exec(rels)?.[1];
        expect(target).toBeDefined();
        referenced.push(`xl/tables/${target}`);
      }
    }
    expect(referenced.sort()).toEqual(tableParts);
    for (const t of tableParts) expect(types).toContain(`<Override PartName="/${t}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`);
    const tableIds = await Promise.all(tableParts.map(async (t) => /<table [^>]*\bid="(\d+)"/.exec(await zip.file(t)!.async("string"))![1]));
    expect(new Set(tableIds).size).toBe(tableIds.length);
  }
});

test("when ExcelJS's sheet writer lacks what the streamed table reference needs, the package step adds it instead: the same parts", async () => {
  const SheetRelsWriter = require("exceljs/lib/stream/xlsx/sheet-rels-writer");
  const addRelationship = SheetRelsWriter.prototype.addRelationship;
  const fallback = path.join(dir, "fallback.xlsx");
  SheetRelsWriter.prototype.addRelationship = undefined;
  try {
    expect((await runCli(["grade", SAMPLE, "--out", fallback])).code).toBe(0);
  } finally {
    SheetRelsWriter.prototype.addRelationship = addRelationship;
  }
  const parts = async (file: string) => {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const out = new Map<string, string>();
    for (const name of Object.keys(zip.files).sort()) if (!zip.files[name].dir && name !== "docProps/core.xml") out.set(name, await zip.file(name)!.async("string"));
    return out;
  };
  const streamed = await parts(en);
  const added = await parts(fallback);
  expect([...added.keys()]).toEqual([...streamed.keys()]);
  const customers = (await sheetParts(await JSZip.loadAsync(fs.readFileSync(en)))).get("Customers")!;
  // The streamed sheet names its table rId1 (ExcelJS's numbering), the package step rIdTable1; otherwise the same.
  const rel = (xml: string) => xml.replace(/rIdTable1|rId1/g, "ID").replace(/>\s+</g, "><");
  for (const [name, xml] of streamed) expect(rel(added.get(name)!)).toBe(rel(xml));
  expect(added.get(customers)).toContain('<tablePart r:id="rIdTable1"/>');
});

test("xl/sharedStrings.xml, streamed in pieces, is the bytes ExcelJS renders for the same strings", async () => {
  const SharedStrings = require("exceljs/lib/utils/shared-strings");
  const SharedStringsXform = require("exceljs/lib/xlsx/xform/strings/shared-strings-xform");
  for (const file of [en, zh]) {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file("xl/sharedStrings.xml")!.async("string");
    const table = new SharedStrings();
    for (const text of sharedStrings(xml)) table.add(text);
    expect(table.count).toBeGreaterThan(100);
    expect(xml).toBe(new SharedStringsXform().toXml(table));
  }
});

test("sharedStringsXml in pieces of 8,192 strings: ExcelJS's rendering of the same table, across piece boundaries and for texts XML must escape or keep spaces of", () => {
  const SharedStrings = require("exceljs/lib/utils/shared-strings");
  const SharedStringsXform = require("exceljs/lib/xlsx/xform/strings/shared-strings-xform");
  const table = new SharedStrings();
  const odd = [" lead", "trail ", "a\nb", "<&>\"'", "客户 C0001", "\u{1F600}", "", "x\ty"];
  for (let k = 0; k < 20_000; ++k) table.add(k % 97 === 0 ? `${odd[k % odd.length]}${k}` : `SO-${k}`);
  table.add("SO-5"); // a repeat: counted, not a new entry
  const pieces = [...sharedStringsXml(table)];
  expect(pieces.length).toBeGreaterThan(3);
  expect(Buffer.concat(pieces).toString("utf8")).toBe(new SharedStringsXform().toXml(table));
});

test("Customers is an Excel table with a frozen header and id column, dates as dates, money formats", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(en));
  const table = await zip.file("xl/tables/table1.xml")!.async("string");
  expect(table).toMatch(/name="Customers"/);
  expect(table).toMatch(/ref="A1:R302"/);
  const wb = await book(en);
  const customers = wb.getWorksheet("Customers")!;
  const header = (customers.getRow(1).values as unknown[]).slice(1);
  const names = [...table.matchAll(/<tableColumn id="\d+" name="([^"]+)"/g)].map((m) => m[1]);
  expect(names).toEqual(header);
  expect(customers.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
  const row = customers.getRow(2);
  expect(row.getCell(2).value).toBeInstanceOf(Date);
  expect(row.getCell(2).numFmt).toBe("yyyy-mm-dd");
  expect(row.getCell(7).numFmt).toBe("#,##0.00");
  expect(typeof row.getCell(7).value).toBe("number");
  expect(customers.getColumn(13).width).toBeGreaterThanOrEqual(14); // segment names are not cut
});

test("Summary opens on the headline and then the segment overview; shares are percentages, money has separators", async () => {
  const wb = await book(en);
  expect(wb.views?.[0]?.activeTab).toBe(wb.worksheets.findIndex((w) => w.name === "Summary"));
  const s = wb.getWorksheet("Summary")!;
  expect(String(s.getCell("A1").value)).toMatch(/^Customer Tiers — summary as of \d{4}-\d{2}-\d{2}$/);
  expect(s.getCell("A3").value).toBe(300);
  expect(s.getCell("B3").numFmt).toBe("#,##0.00");
  expect(s.getCell("C3").value).toBeInstanceOf(Date);
  expect(String(s.getCell("A5").value)).toMatch(/^Segments/);
  expect((s.getRow(6).values as unknown[]).slice(1, 9)).toEqual(["Segment", "Customers", "Share of customers", "Revenue", "Share of revenue", "Revenue per customer", "Median recency (days)", "Recommended action"]);
  expect(s.getCell("A7").value).toBe("Champions");
  expect(s.getCell("C7").numFmt).toBe("0.0%");
  expect(s.getCell("D7").numFmt).toBe("#,##0.00");
  const model = (s as unknown as { model: { merges: string[] } }).model;
  expect(model.merges).toEqual(expect.arrayContaining(["H7:L7"])); // the action has room without widening column H
  // Heat maps are colour scales; the data-cleaning table is the last block.
  const cf = (s as unknown as { conditionalFormattings: { rules: { type: string }[] }[] }).conditionalFormattings;
  expect(cf.filter((c) => c.rules[0].type === "colorScale").length).toBeGreaterThanOrEqual(2);
  let lastTitle = "";
  s.eachRow((row) => {
    const a = row.getCell(1);
    if (a.font?.size === 13) lastTitle = String(a.value);
  });
  expect(lastTitle).toMatch(/^Data cleaning/);
});

test("the data sheet keeps the source cells' types: numbers as numbers, dates as dates", async () => {
  const wb = await book(en);
  const tx = wb.getWorksheet("Transactions")!;
  const source = new ExcelJS.Workbook();
  await source.xlsx.readFile(SAMPLE);
  const original = source.worksheets[0];
  for (const r of [2, 3, 500, 1811]) {
    for (let c = 1; c <= 7; ++c) {
      const a = original.getRow(r).getCell(c).value;
      const b = tx.getRow(r).getCell(c).value;
      if (a instanceof Date) expect((b as Date).getTime()).toBe(a.getTime());
      else expect(b).toEqual(a === undefined ? null : a);
    }
  }
  expect(typeof tx.getCell("E2").value).toBe("number");
});

test("a CSV's number texts become numbers and its date texts dates with their time; ids with leading zeros stay text", async () => {
  const csv = path.join(dir, "t.csv");
  fs.writeFileSync(csv, "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n536365,85123A,6,2010-12-01 08:26:00,2.55,17850.0\n536366,00042,2,2010-12-02 09:00:00,1.85,17850.0\nC536379,D,-1,2010-12-03 10:00:00,27.5,14527.0\n536367,22,1,2010-12-04 11:00:00,3,13047.0\n");
  const out = path.join(dir, "t.xlsx");
  expect((await runCli(["grade", csv, "--out", out])).code).toBe(0);
  const tx = (await book(out)).getWorksheet("Transactions")!;
  expect(tx.getCell("C2").value).toBe(6);
  expect(tx.getCell("E2").value).toBe(2.55);
  expect(tx.getCell("F2").value).toBe(17850);
  expect(tx.getCell("A2").value).toBe("536365"); // the column also holds C536379: all text
  expect(tx.getCell("B3").value).toBe("00042");
  const date = tx.getCell("D2").value as Date;
  expect(date).toBeInstanceOf(Date);
  expect(date.toISOString()).toBe("2010-12-01T08:26:00.000Z");
  expect(tx.getCell("D2").numFmt).toBe("yyyy-mm-dd hh:mm");
});

test("a Chinese workbook shows no row-status code anywhere", async () => {
  const wb = await book(zh);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Transactions", "客户", "汇总", "方法"]); // the data sheet keeps the source sheet's name
  const codes = new RegExp(`\\b(${["included", ...EXCLUSION_REASONS].join("|")})\\b`);
  const seen: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => typeof cell.value === "string" && codes.test(cell.value) && seen.push(`${sheet.name}!${cell.address}: ${cell.value}`))));
  expect(seen).toEqual([]);
  const summary = wb.getWorksheet("汇总")!;
  const texts: string[] = [];
  summary.eachRow((row) => row.eachCell((cell) => typeof cell.value === "string" && texts.push(cell.value)));
  expect(texts).toEqual(expect.arrayContaining(["已计入", "缺少客户ID", "重要价值客户", "重要挽留客户"]));
});

test("Method: no float noise in what it shows, no repository file, every number formatted", async () => {
  for (const [file, name] of [[en, "Method"], [zh, "方法"]]) {
    const method = (await book(file)).getWorksheet(name)!;
    let numbers = 0;
    method.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") {
          expect(cell.value).not.toMatch(/\d\.\d{7,}/);
          expect(cell.value).not.toMatch(/docs\/|\.md\b/);
        }
        if (typeof cell.value === "number") {
          numbers++;
          expect(cell.numFmt ?? "General").not.toBe("General");
        }
      }),
    );
    expect(numbers).toBeGreaterThan(20);
  }
});

test("--clv that cannot fit writes the workbook without CLV columns and says why (exit 0); --strict exits 2", async () => {
  const out = path.join(dir, "clv.xlsx");
  const soft = await runCli(["grade", SAMPLE, "--clv", "--out", out]);
  expect(soft.code).toBe(0);
  expect(soft.stderr).toMatch(/no CLV columns: .+--strict/);
  const customers = (await book(out)).getWorksheet("Customers")!;
  expect((customers.getRow(1).values as unknown[]).length - 1).toBe(18);
  const strict = await runCli(["grade", SAMPLE, "--clv", "--strict", "--out", path.join(dir, "strict.xlsx")]);
  expect(strict.code).toBe(2);
  expect(fs.existsSync(path.join(dir, "strict.xlsx"))).toBe(false);
}, 60_000);

test("links between sheets: the Summary headline's Customers header goes to the Customers sheet, blue and underlined", async () => {
  for (const [file, summary, customers] of [[en, "Summary", "Customers"], [zh, "汇总", "客户"]]) {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file((await sheetParts(zip)).get(summary)!)!.async("string");
    const links = [...xml.matchAll(/<hyperlink\b[^>]*>/g)].map((m) => m[0]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/ref="A2"/);
    // The attribute's value as an XML reader gives it (the writer may escape the quotes as &apos;).
    expect(xmlUnescape(/location="([^"]*)"/.exec(links[0])?.[1] ?? "")).toBe(`'${customers}'!A1`);
    expect(links[0]).not.toMatch(/r:id=/); // an internal link has no relationship
    const cell = (await book(file)).getWorksheet(summary)!.getCell("A2");
    expect(cell.value).toBe(summary === "Summary" ? "Customers" : "客户数");
    expect(cell.font).toMatchObject({ underline: true, color: { argb: "FF0563C1" } });
  }
});

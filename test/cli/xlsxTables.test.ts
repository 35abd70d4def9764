/**
 * Excel tables added to the CLI's .xlsx: on a sheet that also has a data bar (ExcelJS writes its x14
 * id inside the cfRule's own extLst), <tableParts> goes in its CT_Worksheet place — after <drawing>,
 * before the worksheet's extLst — never inside the rule; and LibreOffice opens the file with the table.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DOMParser } from "@xmldom/xmldom";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { addChartsToZip } from "../../src/cli/xlsxCharts";
import { WORKSHEET_ORDER_AFTER_SHEET_DATA } from "../../src/cli/xlsxPackage";
import { sheetParts } from "../../src/cli/xlsxTables";
import { writePlanXlsx } from "../../src/cli/writeXlsx";
import type { WorkbookPlan } from "../../src/engine/report/workbookPlan";
import { tempDir } from "../support/runCli";

const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => fs.existsSync(p));
const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

const plan: WorkbookPlan = {
  lang: "en",
  sheets: [
    {
      name: "Scores",
      role: "summary",
      blocks: [
        {
          key: "scores",
          title: "Scores",
          top: 0,
          left: 0,
          table: "Scores",
          columns: [
            { key: "name", title: "Name", kind: "text", width: 12 },
            { key: "spend", title: "Spend", kind: "money", width: 12 },
          ],
          rows: [
            ["Ann", 120],
            ["Bo", 45.5],
            ["Cy", 300],
          ],
        },
      ],
      charts: [
        {
          kind: "column",
          title: "Spend by name",
          categories: { sheet: "Scores", top: 2, left: 0, rows: 3, cols: 1 },
          series: [{ name: "Spend", values: { sheet: "Scores", top: 2, left: 1, rows: 3, cols: 1 } }],
          anchor: { row: 0, col: 3 },
          size: { rows: 10, cols: 5 },
        },
      ],
      conditionalFormats: [{ type: "dataBar", range: { sheet: "Scores", top: 2, left: 1, rows: 3, cols: 1 }, color: "0F6CBD" }],
      links: [],
    },
  ],
};

const dir = tempDir();
const file = path.join(dir, "table-and-databar.xlsx");
let root: Element;

beforeAll(async () => {
  await writePlanXlsx(file, plan, { addCharts: addChartsToZip });
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file((await sheetParts(zip)).get("Scores")!)!.async("string");
  root = new DOMParser().parseFromString(xml, "text/xml").documentElement as unknown as Element;
});

const elementChildren = (node: Element) => Array.from(node.childNodes).filter((n): n is Element => n.nodeType === 1);

test("the data bar's rule and the table are both there, and tableParts is a child of the worksheet, not of a rule", () => {
  const rules = Array.from(root.getElementsByTagNameNS(SML, "cfRule"));
  expect(rules.map((r) => r.getAttribute("type"))).toEqual(["dataBar"]);
  expect(rules[0].getElementsByTagNameNS(SML, "tableParts")).toHaveLength(0);
  const parts = Array.from(root.getElementsByTagNameNS(SML, "tableParts"));
  expect(parts).toHaveLength(1);
  expect(parts[0].parentNode).toBe(root);
});

test("the worksheet's children after sheetData follow CT_Worksheet's order", () => {
  const names = elementChildren(root).map((e) => e.localName);
  const after = names.slice(names.indexOf("sheetData") + 1);
  const order = WORKSHEET_ORDER_AFTER_SHEET_DATA as readonly string[];
  expect(after.every((n) => order.includes(n))).toBe(true);
  const positions = after.map((n) => order.indexOf(n));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(after).toEqual(expect.arrayContaining(["conditionalFormatting", "drawing", "tableParts"]));
  // ExcelJS's streaming writer has no worksheet-level extLst today; if it gets one, tableParts stays before it.
  expect(after.filter((n) => n !== "extLst").pop()).toBe("tableParts");
});

test("ExcelJS reads the table back", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet("Scores")!;
  expect(sheet.getCell("B3").value).toBe(120);
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const table = await zip.file("xl/tables/table1.xml")!.async("string");
  expect(table).toMatch(/ref="A2:B5"/);
});

test("LibreOffice opens it: the table's cells come out as CSV", () => {
  if (!SOFFICE) throw new Error("LibreOffice is not installed: apt-get install -y libreoffice-calc-nogui");
  execFileSync(SOFFICE, ["--headless", `-env:UserInstallation=file://${dir}/lo-profile`, "--convert-to", "csv", "--outdir", dir, file], { stdio: "ignore", timeout: 180_000 });
  const csv = fs.readFileSync(path.join(dir, "table-and-databar.csv"), "utf8");
  expect(csv).toMatch(/^Scores/);
  expect(csv).toContain("Name,Spend");
  expect(csv).toMatch(/Cy,"?300/);
}, 200_000);

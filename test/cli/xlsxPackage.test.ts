import fc from "fast-check";
import { insertWorksheetElement, relativeTarget, resolveTarget, topLevelAfterSheetData, WORKSHEET_ORDER_AFTER_SHEET_DATA } from "../../src/cli/xlsxPackage";

const ORDER = WORKSHEET_ORDER_AFTER_SHEET_DATA;
/** A worksheet with the given top-level elements after sheetData; cfRules and extLst carry a nested extLst, as ExcelJS's data bars do. */
function sheet(names: readonly string[]): string {
  const body = names
    .map((n) => (n === "conditionalFormatting" ? `<conditionalFormatting sqref="A1"><cfRule type="dataBar" priority="1"><extLst><ext uri="{B025}"><x14:id xmlns:x14="urn:x14">{1}</x14:id></ext></extLst></cfRule></conditionalFormatting>` : n === "extLst" ? `<extLst><ext uri="{78C0}"><x:y xmlns:x="urn:x">a &gt; b</x:y></ext></extLst>` : `<${n} a="x>y"/>`))
    .join("");
  return `<?xml version="1.0"?>\n<worksheet xmlns="urn:s" xmlns:r="urn:r"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;extLst&gt;</t></is></c></row></sheetData>${body}</worksheet>`;
}

describe("insertWorksheetElement", () => {
  it("keeps the worksheet's top-level elements in CT_Worksheet order, whichever are there", () => {
    fc.assert(
      fc.property(fc.subarray([...ORDER]), fc.constantFrom(...ORDER), (present, name) => {
        fc.pre(!present.includes(name));
        const xml = insertWorksheetElement(sheet(present), name, `<${name}/>`, "sheet.xml");
        const names = topLevelAfterSheetData(xml, "sheet.xml").map((e) => e.name);
        expect(names).toEqual(ORDER.filter((n) => n === name || present.includes(n)));
      }),
    );
  });

  it("puts tableParts before the worksheet's extLst, not before the extLst inside a data bar's cfRule", () => {
    const xml = insertWorksheetElement(sheet(["conditionalFormatting", "pageMargins", "extLst"]), "tableParts", `<tableParts count="0"/>`, "s.xml");
    expect(xml.indexOf("<tableParts")).toBeGreaterThan(xml.indexOf("<pageMargins"));
    expect(xml.indexOf("<tableParts")).toBe(xml.lastIndexOf("<extLst>") - `<tableParts count="0"/>`.length);
  });
});

describe("relationship targets", () => {
  it("are written relative to the part that holds them and resolve back", () => {
    expect(relativeTarget("xl/worksheets/sheet1.xml", "xl/drawings/drawing1.xml")).toBe("../drawings/drawing1.xml");
    expect(relativeTarget("xl/drawings/drawing1.xml", "xl/charts/chart1.xml")).toBe("../charts/chart1.xml");
    expect(relativeTarget("xl/workbook.xml", "xl/worksheets/sheet1.xml")).toBe("worksheets/sheet1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../drawings/drawing1.xml")).toBe("xl/drawings/drawing1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet2.xml")).toBe("xl/worksheets/sheet2.xml");
    expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
  });
});

/**
 * Excel tables (ListObjects) added to a written .xlsx package: ExcelJS's streaming writer has no
 * tables. Per table: the table part (xl/tables/tableN.xml, ECMA-376 §18.5), a relationship from its
 * sheet, a <tableParts> element in its CT_Worksheet place (after <drawing>, before the worksheet's
 * own <extLst>), and the content-type override. The header cells must already hold
 * exactly the column names.
 */
import JSZip from "jszip";
import { insertWorksheetElement, PACKAGE_OUTPUT, sheetPartsOf, xmlText } from "./xlsxPackage";

export interface TableSpec {
  sheet: string;
  /** Table name: letters, digits, underscores; unique in the workbook. */
  name: string;
  /** A1 range including the header row, e.g. "A1:R302". */
  ref: string;
  columns: string[];
  style?: string;
  /** The table's number (xl/tables/tableN.xml); default: after the package's tables, in list order. */
  id?: number;
  /** The sheet's XML and relationships already reference the table part (the writer put them in as it streamed the sheet): only the part and its content type are added. */
  referenced?: boolean;
}

export const REL_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const CT_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml";

/** The part path (xl/worksheets/sheetN.xml) of each sheet, by sheet name. */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  return sheetPartsOf(await zip.file("xl/workbook.xml")!.async("string"), await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
}

const relsPathOf = (part: string) => part.replace(/([^/]+)$/, "_rels/$1.rels");

/** A link from a cell to a place in the workbook: `<hyperlink ref location>`, no relationship (an internal link has no target part). */
export interface LinkSpec {
  sheet: string;
  /** The cell, A1 style. */
  ref: string;
  /** Where it goes, e.g. `'Customers'!A1`. */
  location: string;
  display?: string;
}

/** Adds Excel tables and internal links to a written package (one read and one write of the zip). */
export async function addTablesToXlsx(xlsx: Buffer, tables: TableSpec[], links: LinkSpec[] = []): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  await addTablesToZip(zip, tables, links);
  return zip.generateAsync(PACKAGE_OUTPUT);
}

/** addTablesToXlsx on a package already loaded. */
export async function addTablesToZip(zip: JSZip, tables: TableSpec[], links: LinkSpec[] = []): Promise<void> {
  const parts = await sheetParts(zip);
  await addLinks(zip, parts, links);
  let types = await zip.file("[Content_Types].xml")!.async("string");
  const existing = Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f)).length;
  const bySheet = new Map<string, { spec: TableSpec; id: number }[]>();
  tables.forEach((spec, k) => {
    if (!parts.has(spec.sheet)) throw new Error(`no sheet "${spec.sheet}" in the workbook for table ${spec.name}`);
    if (new Set(spec.columns).size !== spec.columns.length) throw new Error(`table ${spec.name}: column names must be unique`);
    const list = bySheet.get(spec.sheet) ?? [];
    list.push({ spec, id: spec.id ?? existing + k + 1 });
    bySheet.set(spec.sheet, list);
  });
  for (const [sheet, all] of bySheet) {
    for (const { spec, id } of all.filter((t) => t.spec.referenced)) {
      zip.file(`xl/tables/table${id}.xml`, tableXml(spec, id));
      types = types.replace("</Types>", `<Override PartName="/xl/tables/table${id}.xml" ContentType="${CT_TABLE}"/></Types>`);
    }
    const list = all.filter((t) => !t.spec.referenced);
    if (list.length === 0) continue;
    const part = parts.get(sheet)!;
    const relsPath = relsPathOf(part);
    let rels = (await zip.file(relsPath)?.async("string")) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const tableParts: string[] = [];
    for (const { spec, id } of list) {
      const rId = `rIdTable${id}`;
      rels = rels.replace("</Relationships>", `<Relationship Id="${rId}" Type="${REL_TABLE}" Target="../tables/table${id}.xml"/></Relationships>`);
      tableParts.push(`<tablePart r:id="${rId}"/>`);
      zip.file(`xl/tables/table${id}.xml`, tableXml(spec, id));
      types = types.replace("</Types>", `<Override PartName="/xl/tables/table${id}.xml" ContentType="${CT_TABLE}"/></Types>`);
    }
    zip.file(relsPath, rels);
    let xml = await zip.file(part)!.async("string");
    if (/<tableParts\b/.test(xml)) throw new Error(`sheet "${sheet}" already has tables`);
    if (!/xmlns:r=/.test(xml.slice(0, 2000))) xml = xml.replace(/<worksheet\b/, '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"');
    const element = `<tableParts count="${tableParts.length}">${tableParts.join("")}</tableParts>`;
    // In CT_Worksheet order: an extLst inside a cfRule (a data bar's x14 id) is not the worksheet's.
    xml = insertWorksheetElement(xml, "tableParts", element, part);
    zip.file(part, xml);
  }
  zip.file("[Content_Types].xml", types);
}

async function addLinks(zip: JSZip, parts: Map<string, string>, links: LinkSpec[]): Promise<void> {
  const bySheet = new Map<string, LinkSpec[]>();
  for (const link of links) {
    if (!parts.has(link.sheet)) throw new Error(`no sheet "${link.sheet}" in the workbook for the link at ${link.ref}`);
    bySheet.set(link.sheet, [...(bySheet.get(link.sheet) ?? []), link]);
  }
  for (const [sheet, list] of bySheet) {
    const part = parts.get(sheet)!;
    let xml = await zip.file(part)!.async("string");
    if (/<hyperlinks\b/.test(xml)) throw new Error(`sheet "${sheet}" already has links`);
    const items = list.map((l) => `<hyperlink ref="${l.ref}" location="${xmlText(l.location)}"${l.display ? ` display="${xmlText(l.display)}"` : ""}/>`);
    xml = insertWorksheetElement(xml, "hyperlinks", `<hyperlinks>${items.join("")}</hyperlinks>`, part);
    zip.file(part, xml);
  }
}

function tableXml(spec: TableSpec, id: number): string {
  const name = xmlText(spec.name);
  const columns = spec.columns.map((c, k) => `<tableColumn id="${k + 1}" name="${xmlText(c)}"/>`).join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${name}" displayName="${name}" ref="${spec.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${spec.ref}"/><tableColumns count="${spec.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${spec.style ?? "TableStyleMedium2"}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

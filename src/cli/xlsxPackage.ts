/**
 * The parts of an .xlsx package (an OPC zip) that adding charts needs to read and extend: the
 * relationship parts, [Content_Types].xml, the workbook's sheet list, and free part names. Edits are
 * additive string insertions, so every byte ExcelJS (or anyone) wrote elsewhere stays as it was.
 */
import * as fs from "fs";
import { pipeline } from "stream/promises";
import type JSZip from "jszip";
import { SaxesParser } from "saxes";

export const NS = {
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  drawingRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chartRel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  drawingType: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chartType: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

/** A package could not take the charts; the message names the part or sheet. */
export class XlsxPackageError extends Error {
  override name = "XlsxPackageError";
}

/** Text and attribute values for XML: the five escapes, and characters XML 1.0 cannot carry dropped. */
export function xmlText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Decodes XML text: the five named escapes and numeric character references. */
export function xmlUnescape(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e === "lt" ? "<" : e === "gt" ? ">" : e === "quot" ? '"' : e === "apos" ? "'" : e === "amp" ? "&" : String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

/**
 * The part path (xl/worksheets/sheetN.xml) of each sheet, by sheet name, in workbook order, from
 * xl/workbook.xml and xl/_rels/workbook.xml.rels (element prefixes and absolute targets allowed).
 */
export function sheetPartsOf(workbookXml: string, relsXml: string): Map<string, string> {
  return new Map(workbookEntriesOf(workbookXml, relsXml).sheets.map((s) => [s.name, s.part]));
}

/** A sheet of xl/workbook.xml: its tab name, its part, whether it is hidden, and whether the part is a worksheet (not a chart or dialog sheet). */
export interface WorkbookSheetEntry {
  name: string;
  part: string;
  state: "visible" | "hidden" | "veryHidden";
  worksheet: boolean;
}

/**
 * The sheets of xl/workbook.xml in tab order (the order of <sheets>, which is not the order of the
 * sheetN.xml parts when tabs were moved), and the shared-strings part the workbook rels name.
 */
export function workbookEntriesOf(workbookXml: string, relsXml: string): { sheets: WorkbookSheetEntry[]; sharedStrings?: string } {
  const targets = new Map<string, { part: string; type: string }>();
  let sharedStrings: string | undefined;
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    const type = /\bType="([^"]*)"/.exec(m[0])?.[1] ?? "";
    if (!id || !target) continue;
    const part = xmlUnescape(target).replace(/^\/?(xl\/)?/, "xl/");
    targets.set(id, { part, type });
    if (type.endsWith("/sharedStrings")) sharedStrings = part;
  }
  const sheets: WorkbookSheetEntry[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]*)"/.exec(m[0])?.[1];
    const target = rid ? targets.get(rid) : undefined;
    const state = /\bstate="([^"]*)"/.exec(m[0])?.[1];
    if (name === undefined || !target) continue;
    sheets.push({
      name: xmlUnescape(name),
      part: target.part,
      state: state === "hidden" || state === "veryHidden" ? state : "visible",
      worksheet: target.type === "" || target.type.endsWith("/worksheet"),
    });
  }
  return { sheets, sharedStrings };
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** Elements of a small XML part, in document order, with their attributes (local names, prefixes dropped). */
export function xmlElements(xml: string): { name: string; attributes: Record<string, string> }[] {
  const out: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => out.push({ name: localName(tag.name), attributes: tag.attributes as Record<string, string> }));
  parser.write(xml).close();
  return out;
}

export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The rels part that belongs to a part: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the folder of the part that holds it (zip path, no leading slash). */
export function resolveTarget(fromPart: string, target: string): string {
  const parts = target.startsWith("/") ? [] : fromPart.split("/").slice(0, -1);
  for (const segment of target.replace(/^\//, "").split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}

/** `to` written relative to the folder of `fromPart`, as Excel writes targets ("../charts/chart1.xml"). */
export function relativeTarget(fromPart: string, to: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const dest = to.split("/");
  let common = 0;
  while (common < from.length && common < dest.length - 1 && from[common] === dest[common]) ++common;
  return [...from.slice(common).map(() => ".."), ...dest.slice(common)].join("/");
}

/** How a changed package is written: parts changed or added deflated at level 6 (unchanged parts keep their compressed bytes). */
export const PACKAGE_OUTPUT = { type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } } as const;

/**
 * Streams `zip` to a temporary file beside `file`, then renames it over `file`: a failure leaves
 * `file` as it was, and no temporary file behind.
 */
export async function writePackageOver(zip: JSZip, file: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await pipeline(zip.generateNodeStream(PACKAGE_OUTPUT), fs.createWriteStream(temp));
    await fs.promises.rename(temp, file);
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
}

export async function readPart(zip: JSZip, path: string): Promise<string | null> {
  const file = zip.file(path);
  return file ? file.async("string") : null;
}

export async function readRelationships(zip: JSZip, partPath: string): Promise<Relationship[]> {
  const xml = await readPart(zip, relsPathOf(partPath));
  if (xml === null) return [];
  return xmlElements(xml)
    .filter((e) => e.name === "Relationship")
    .map((e) => ({ id: e.attributes.Id, type: e.attributes.Type, target: e.attributes.Target, external: e.attributes.TargetMode === "External" }));
}

/** An Id not used by any of `existing`: rId<n+1> after the largest rId<n>. */
export function freeRelationshipId(existing: readonly Relationship[]): string {
  const used = new Set(existing.map((r) => r.id));
  let n = existing.reduce((max, r) => Math.max(max, /^rId(\d+)$/.test(r.id) ? Number(r.id.slice(3)) : 0), 0) + 1;
  while (used.has(`rId${n}`)) ++n;
  return `rId${n}`;
}

/** Appends relationships to a part's rels part, creating it when the part has none. */
export async function addRelationships(zip: JSZip, partPath: string, added: readonly Relationship[]): Promise<void> {
  if (added.length === 0) return;
  const path = relsPathOf(partPath);
  const lines = added.map((r) => `<Relationship Id="${xmlText(r.id)}" Type="${xmlText(r.type)}" Target="${xmlText(r.target)}"/>`).join("");
  const xml = await readPart(zip, path);
  if (xml === null) {
    zip.file(path, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${lines}</Relationships>`);
    return;
  }
  zip.file(path, insertBeforeRootEnd(xml, "Relationships", lines, path));
}

/** Content-type overrides for new parts, added to [Content_Types].xml. */
export async function addContentTypes(zip: JSZip, overrides: readonly { part: string; type: string }[]): Promise<void> {
  const path = "[Content_Types].xml";
  const xml = await readPart(zip, path);
  if (xml === null) throw new XlsxPackageError("the package has no [Content_Types].xml: not an .xlsx file");
  const lines = overrides.map((o) => `<Override PartName="/${xmlText(o.part)}" ContentType="${o.type}"/>`).join("");
  zip.file(path, insertBeforeRootEnd(xml, "Types", lines, path));
}

/** Inserts `content` before the closing tag of the root element `root` (any prefix). */
export function insertBeforeRootEnd(xml: string, root: string, content: string, partPath: string): string {
  const match = new RegExp(`</(?:[\\w.-]+:)?${root}\\s*>\\s*$`).exec(xml);
  if (!match) throw new XlsxPackageError(`${partPath}: no closing </${root}> at the end of the part`);
  return xml.slice(0, match.index) + content + xml.slice(match.index);
}

/** The first unused `${folder}/${stem}N.xml` counting from 1, not in the zip and not already taken. */
export function freePartName(zip: JSZip, folder: string, stem: string, taken: Set<string>): string {
  for (let n = 1; ; ++n) {
    const path = `${folder}/${stem}${n}.xml`;
    if (!zip.file(path) && !taken.has(path)) {
      taken.add(path);
      return path;
    }
  }
}

export interface WorkbookParts {
  workbookPath: string;
  /** Sheet name → worksheet part path, in workbook order. */
  sheets: Map<string, string>;
  sharedStringsPath: string | null;
  stylesPath: string | null;
}

/** Finds the workbook part through the package rels and its worksheets through the workbook rels. */
export async function workbookParts(zip: JSZip): Promise<WorkbookParts> {
  const root = await readRelationships(zip, "");
  const office = root.find((r) => r.type === NS.officeDocument);
  if (!office) throw new XlsxPackageError("the package has no officeDocument relationship: not an .xlsx file");
  const workbookPath = resolveTarget("", office.target);
  const xml = await readPart(zip, workbookPath);
  if (xml === null) throw new XlsxPackageError(`${workbookPath}: the workbook part is missing`);
  const rels = await readRelationships(zip, workbookPath);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets = new Map<string, string>();
  for (const element of xmlElements(xml)) {
    if (element.name !== "sheet") continue;
    const idKey = Object.keys(element.attributes).find((k) => k.endsWith(":id"));
    const rel = idKey ? byId.get(element.attributes[idKey]) : undefined;
    // Chart sheets and dialog sheets have other relationship types; only worksheets can hold these charts.
    if (rel && rel.type === NS.worksheet) sheets.set(element.attributes.name, resolveTarget(workbookPath, rel.target));
  }
  const find = (type: string) => {
    const rel = rels.find((r) => r.type === type);
    return rel ? resolveTarget(workbookPath, rel.target) : null;
  };
  return { workbookPath, sheets, sharedStringsPath: find(NS.sharedStrings), stylesPath: find(NS.styles) };
}

/** CT_Worksheet's children after sheetData, in their schema order (ECMA-376 Part 1 §18.3.1.99). */
export const WORKSHEET_ORDER_AFTER_SHEET_DATA = [
  "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
  "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions",
  "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors",
  "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
  "webPublishItems", "tableParts", "extLst",
] as const;

export interface TopElement {
  name: string;
  start: number;
  tag: string;
}

/** The worksheet's top-level elements after sheetData, with where each starts (sheetData's rows are skipped). */
export function topLevelAfterSheetData(xml: string, sheetPath: string): TopElement[] {
  const close = xml.indexOf("</sheetData>");
  const empty = /<sheetData\s*\/>/.exec(xml);
  const from = close >= 0 ? close + "</sheetData>".length : empty ? empty.index + empty[0].length : -1;
  if (from < 0) throw new XlsxPackageError(`${sheetPath}: no sheetData element (is the worksheet written with a namespace prefix?)`);
  const out: TopElement[] = [];
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([^\s/>!?]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
  token.lastIndex = from;
  let depth = 0;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    if (m[2] === undefined) continue;
    if (m[1] === "/") {
      if (--depth < 0) break; // the worksheet's own end tag
      continue;
    }
    if (depth === 0) out.push({ name: m[2], start: m.index, tag: m[0] });
    if (m[4] !== "/") ++depth;
  }
  return out;
}

/**
 * The worksheet with `element` (the XML of one `name` element) inserted in its schema place: before the
 * first top-level element that CT_Worksheet puts after `name`, else at the end. Only top-level elements
 * count: an extLst inside a cfRule is not the worksheet's extLst.
 */
export function insertWorksheetElement(sheetXml: string, name: (typeof WORKSHEET_ORDER_AFTER_SHEET_DATA)[number], element: string, sheetPath: string): string {
  const later = new Set<string>(WORKSHEET_ORDER_AFTER_SHEET_DATA.slice(WORKSHEET_ORDER_AFTER_SHEET_DATA.indexOf(name) + 1));
  const next = topLevelAfterSheetData(sheetXml, sheetPath).find((e) => later.has(e.name));
  const at = next ? next.start : /<\/worksheet\s*>\s*$/.exec(sheetXml)?.index;
  if (at === undefined) throw new XlsxPackageError(`${sheetPath}: no closing </worksheet>`);
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

/**
 * Cell text as Excel shows it, where ExcelJS's streaming reader (4.4) reads it otherwise:
 *
 * - Worksheet and shared-string XML arrive in inflated chunks that ExcelJS decodes one by one
 *   (`TextDecoder.decode(chunk)`, not streaming): a Chinese character cut by a chunk boundary became
 *   two U+FFFD — a customer id silently changed (27 of 20,000 ids in a test sheet).
 * - A shared string keeps the text of its last `<t>` only when it has no runs: with a phonetic guide
 *   (`<rPh>`, written by Chinese and Japanese Excel) the cell read as the guide, not the text.
 * - An inline string (`<c t="inlineStr"><is>`) keeps only its last run's text (and a phonetic
 *   guide's, when one follows), and its text is entity-decoded twice (`&amp;lt;` read as `<`).
 *
 * The cell's value is the text of its `<t>` elements joined, runs in order, phonetic guides left out.
 * Shared strings are read here (any part name the workbook's rels give); worksheet XML is decoded as
 * a stream and each `<is>` rewritten to one `<t>` before ExcelJS parses it.
 */
import { SaxesParser } from "saxes";
import { xmlText, xmlUnescape } from "./xlsxPackage";

/** Decodes UTF-8 chunks as one stream: a character cut by a chunk boundary is kept whole. */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** The shared-string table of xl/sharedStrings.xml: each `<si>`'s `<t>` texts joined, `<rPh>` text left out. */
export async function readSharedStrings(chunks: AsyncIterable<Buffer | string>): Promise<string[]> {
  const out: string[] = [];
  const parser = new SaxesParser();
  let error: Error | undefined;
  let inItem = false;
  let phonetic = 0;
  let inText = false;
  let text = "";
  parser.on("error", (e) => (error ??= e));
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") {
      inItem = true;
      text = "";
    } else if (name === "rPh") ++phonetic;
    else if (name === "t" && inItem && phonetic === 0) inText = !tag.isSelfClosing;
  });
  parser.on("text", (t) => {
    if (inText) text += t;
  });
  parser.on("cdata", (t) => {
    if (inText) text += t;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "t") inText = false;
    else if (name === "rPh") --phonetic;
    else if (name === "si") {
      out.push(text);
      inItem = false;
    }
  });
  for await (const chunk of utf8Chunks(chunks)) {
    parser.write(chunk);
    if (error) throw error;
  }
  parser.close();
  if (error) throw error;
  return out;
}

const INLINE_OPEN = /<is[\s>/]/g;

/**
 * Worksheet XML as text, each inline string `<is>…</is>` rewritten as one `<t>` holding its runs'
 * text joined (phonetic guides dropped), escaped so that ExcelJS's extra entity decode of inline
 * strings gives the text back. Everything else passes through unchanged.
 */
export async function* joinInlineStrings(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  let pending = "";
  for await (const chunk of utf8Chunks(chunks)) {
    const text = pending + chunk;
    const { done, rest } = rewriteInlineStrings(text);
    pending = rest;
    if (done) yield done;
  }
  if (pending) yield rewriteInlineStrings(pending, true).done;
}

/**
 * Rewrites the complete `<is>` elements of `text`; `rest` is the tail that may hold the start of
 * one not yet complete (handed back to be joined with the next chunk).
 */
export function rewriteInlineStrings(text: string, last = false): { done: string; rest: string } {
  let out = "";
  let from = 0;
  INLINE_OPEN.lastIndex = 0;
  for (let m = INLINE_OPEN.exec(text); m; m = INLINE_OPEN.exec(text)) {
    const start = m.index;
    if (text[start + 3] === "/") continue; // <is/>: empty, nothing to join
    const end = text.indexOf("</is>", start);
    if (end < 0) {
      if (last) break;
      return { done: out + text.slice(from, start), rest: text.slice(start) };
    }
    out += text.slice(from, start) + `<is><t>${inlineEscape(inlineText(text.slice(start, end)))}</t></is>`;
    from = end + "</is>".length;
    INLINE_OPEN.lastIndex = from;
  }
  // "<", "<i" or "<is" at the very end may begin an <is> the next chunk completes.
  const keep = last ? 0 : /<(?:i(?:s)?)?$/.exec(text.slice(Math.max(from, text.length - 3)))?.[0].length ?? 0;
  return { done: out + text.slice(from, text.length - keep), rest: text.slice(text.length - keep) };
}

/** The text of an `<is>` element's XML (from `<is` up to its `</is>`): its `<t>` contents joined, outside `<rPh>`, decoded. */
function inlineText(xml: string): string {
  const withoutGuides = xml.replace(/<rPh\b[^>]*\/>|<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of withoutGuides.matchAll(/<t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/t>)/g)) {
    const raw = m[1] ?? "";
    out += raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g, (_, cdata: string | undefined, plain: string | undefined) => (cdata !== undefined ? cdata : xmlUnescape(plain!)));
  }
  return out;
}

/** XML for `text` that ExcelJS's inline-string read (XML parse, then its own `&…;` decode) turns back into `text`. */
function inlineEscape(text: string): string {
  return xmlText(text.replace(/&/g, "&amp;"));
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

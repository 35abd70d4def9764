/**
 * What the pane shows of an engine note that names a setting: its own field and choice, in the
 * pane's language — never the CLI's flag. The Results view rendered (React, server-side) from a real
 * grade through the add-in's host over the fake workbook: a `;` export with decimal commas, graded
 * with “Decimal mark in text amounts” left on detect, and one with it set to Comma.
 */
import * as React from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createOfficeHost } from "../../src/excel/officeHost";
import type { GradeReport, TiersHost } from "../../src/excel/host";
import type { PartialOptions } from "../../src/engine/grade/options";
import type { Lang } from "../../src/engine/common/types";
import { Results } from "../../src/taskpane/Results";
import { STRINGS } from "../../src/taskpane/strings";
import { FakeWorkbook } from "../support/fakeExcel";

const CELLS = [["Customer", "Date", "Amount"], ["A", "2024-01-02", "12,50"], ["B", "2024-01-03", "7"], ["A", "2024-02-01", "3,25"]];

async function report(options: PartialOptions, lang: Lang): Promise<GradeReport> {
  const book = new FakeWorkbook();
  book.addTable("Sheet1", CELLS);
  book.selection = { sheet: "Sheet1", address: `A1:C${CELLS.length}` };
  (globalThis as { Excel?: unknown }).Excel = book.excel();
  const response = await createOfficeHost().grade({ mapping: {}, options, lang }, () => {}, new AbortController().signal);
  if (!response.ok) throw new Error(JSON.stringify(response.issues));
  return response.report;
}

/** The text of the pane's "assumed" list items, as rendered. */
function assumedItems(r: GradeReport, lang: Lang): string[] {
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <Results report={r} asOfGiven={true} lang={lang} host={{} as TiersHost} />
    </FluentProvider>,
  );
  const unescape = (s: string) => s.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  return [...html.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => unescape(m[1])).filter((s) => /Amount/.test(s));
}

describe.each(["en", "zh"] as const)("%s", (lang) => {
  const t = STRINGS[lang];
  const field = (choice: string) => (lang === "zh" ? `“${t.decimalMark}”：“${choice}”` : `“${t.decimalMark}”: “${choice}”`);

  test("a detected decimal comma: the pane says which field and choice undo it, not --decimal", async () => {
    const items = assumedItems(await report({}, lang), lang);
    expect(items).toHaveLength(1);
    expect(items[0]).toContain(field(t.decimalMarks["."]));
    expect(items[0]).toContain(lang === "zh" ? "如不对，请用 " : "Use ");
    expect(items[0]).not.toMatch(/--[a-z]/);
  });

  test("a decimal comma chosen: the pane names the choice made", async () => {
    const items = assumedItems(await report({ decimalMark: "," }, lang), lang);
    expect(items).toEqual([lang === "zh" ? `Amount 列按小数逗号读取（${field(t.decimalMarks[","])}）。` : `Amount read with a decimal comma (${field(t.decimalMarks[","])}).`]);
  });

  test("the host's report was made in the other language: the pane still words the note in its own", async () => {
    const other = lang === "zh" ? "en" : "zh";
    const items = assumedItems(await report({ decimalMark: "," }, other), lang);
    expect(items[0]).toContain(field(t.decimalMarks[","]));
  });
});

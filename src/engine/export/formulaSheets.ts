/**
 * Formula-only grades for the XLSX output (`--formulas`): the R, F, M scores, the RFM score and the
 * RF segment of each customer are written as ordinary formulas — PERCENTILE.INC breaks on a Breaks
 * sheet, COUNTIF against them, INDEX into a Segment map sheet — so the grades recompute in any Excel or
 * LibreOffice without the add-in, exactly as SPEC §4 says an analyst can reproduce them.
 *
 * In the file, functions newer than Excel 2007 carry the `_xlfn.` prefix (`_xlfn.PERCENTILE.INC`), as
 * Excel itself writes them; without it Excel and LibreOffice show #NAME?.
 */
import type { GradeResult } from "../grade/pipeline";
import { RF_SEGMENTS } from "../common/labels";
import { RF_GRID } from "../grade/segments";
import type { Lang } from "../common/types";

export const FORMULA_SHEETS = { en: { breaks: "Breaks", map: "Segment map" }, zh: { breaks: "分段点", map: "分群映射" } };

const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

export interface FormulaPlan {
  /** Formulas for the score cells of customer row `row` (1-based sheet row): columns I–M. */
  scoreFormulas: (row: number) => { formula: string }[];
  breaksRows: (string | number | { formula: string })[][];
  mapRows: (string | number)[][];
}

/** Customers occupy rows 2 … customers + 1 of `customersSheet`; recency in D, frequency in F, monetary in G. */
export function formulaPlan(result: GradeResult, customersSheet: string, lang: Lang, names: { breaks: string; map: string } = FORMULA_SHEETS[lang]): FormulaPlan {
  const bins = result.options.bins;
  const n = result.summary.customers;
  const col = (letter: string) => `${quote(customersSheet)}!$${letter}$2:$${letter}$${n + 1}`;
  const fixed = result.options.method === "fixed" ? result.options.fixedBreaks : undefined;
  const breaksRows: FormulaPlan["breaksRows"] = [[lang === "zh" ? "分位" : "p", "R (recency_days)", "F (frequency)", "M (monetary)"]];
  for (let k = 1; k < bins; ++k)
    breaksRows.push([
      k / bins,
      fixed ? fixed.recency[k - 1] : { formula: `_xlfn.PERCENTILE.INC(${col("D")},A${k + 1})` },
      fixed ? fixed.frequency[k - 1] : { formula: `_xlfn.PERCENTILE.INC(${col("F")},A${k + 1})` },
      fixed ? fixed.monetary[k - 1] : { formula: `_xlfn.PERCENTILE.INC(${col("G")},A${k + 1})` },
    ]);
  const range = (letter: string) => `${quote(names.breaks)}!$${letter}$2:$${letter}$${bins}`;
  const mapRows: FormulaPlan["mapRows"] = [["R \\ F", 1, 2, 3, 4, 5], ...RF_GRID.map((row, r) => [r + 1, ...row.map((code) => RF_SEGMENTS[code][lang])])];
  const grid = `${quote(names.map)}!$B$2:$F$6`;
  return {
    breaksRows,
    mapRows,
    scoreFormulas: (row) => [
      { formula: `${bins}-COUNTIF(${range("B")},"<"&D${row})` },
      { formula: `1+COUNTIF(${range("C")},"<"&F${row})` },
      { formula: `1+COUNTIF(${range("D")},"<"&G${row})` },
      { formula: `I${row}&J${row}&K${row}` },
      { formula: `INDEX(${grid},CEILING(I${row}*5/${bins},1),CEILING(J${row}*5/${bins},1))` },
    ],
  };
}

/** A file formula (`_xlfn.PERCENTILE.INC(…)`) as Excel's API takes it: `=PERCENTILE.INC(…)`. */
export function apiFormula(fileFormula: string): string {
  return `=${fileFormula.replace(/_xlfn\./g, "")}`;
}

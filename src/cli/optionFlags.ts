/** The settings engine messages name, said as this CLI's flags: `--decimal ,`, `--date-order dmy|mdy`, `--order COL`. */
import type { HintOption, SayOption } from "../engine/common/optionRefs";
import { hintedText, type Hinted } from "../engine/common/optionRefs";
import type { Lang, ReadNote } from "../engine/common/types";

export const OPTION_FLAGS: Record<HintOption, string> = {
  decimalMark: "--decimal",
  dateOrder: "--date-order",
  amountPer: "--amount-per",
  returns: "--returns",
  saleStatus: "--sale-status",
  excludeStatus: "--exclude-status",
  order: "--order",
};

/** A flag and its value; a choice between values as `a|b`; a column flag with its placeholder. */
export const sayFlag: SayOption = (ref, lang) => {
  const flag = OPTION_FLAGS[ref.option];
  if (ref.option === "order") return `${flag} ${lang === "zh" ? "列名" : "COL"}`;
  return ref.values.length ? `${flag} ${ref.values.join("|")}` : flag;
};

/** A note's or issue's text as the CLI prints it. */
export function cliText(x: Hinted, lang: Lang): string {
  return hintedText(x, lang, sayFlag);
}

/** Notes as `--out FILE.json` gives them: the texts as the CLI prints them, in both languages. */
export function cliNotes(notes: readonly ReadNote[]): { code: string; message: string; zh: string }[] {
  return notes.map((n) => ({ code: n.code, message: cliText(n, "en"), zh: cliText(n, "zh") }));
}

/**
 * The settings engine messages name, said as the pane's own fields and choices in the pane's
 * language — “Decimal mark in text amounts”: “Comma: 1.234,50” — never as CLI flags. A setting the
 * pane has no control for (lists of status values) is not said: the advice naming it is left out.
 */
import { hintedText, type Hinted, type OptionRef, type SayOption } from "../engine/common/optionRefs";
import type { Lang } from "../engine/common/types";
import { STRINGS, type Strings } from "./strings";

const q = (text: string) => `“${text}”`;

/** The field's label and the choice(s) of it that the message means. */
function fieldAndChoices(ref: OptionRef, t: Strings): { label: string; choices: string[] } | null {
  const pick = <K extends string>(texts: Record<K, string>) => ref.values.map((v) => texts[v as K] ?? v);
  switch (ref.option) {
    case "decimalMark": return { label: t.decimalMark, choices: pick(t.decimalMarks) };
    case "dateOrder": return { label: t.dateOrder, choices: pick(t.dateOrders) };
    case "amountPer": return { label: t.amountPer, choices: pick(t.amountPers) };
    case "returns": return { label: t.returns, choices: pick(t.returnChoices) };
    case "order": return { label: t.field.order, choices: [] };
    case "saleStatus":
    case "excludeStatus":
      return null;
  }
}

/** How the pane says a setting: `“Field”: “Choice”` (“Field”：“Choice” in Chinese), choices joined by or / 或. */
export const paneSay: SayOption = (ref, lang) => {
  const t = STRINGS[lang];
  const said = fieldAndChoices(ref, t);
  if (!said) return null;
  if (!said.choices.length) return q(said.label);
  const choices = said.choices.map(q).join(lang === "zh" ? "或" : " or ");
  return lang === "zh" ? `${q(said.label)}：${choices}` : `${q(said.label)}: ${choices}`;
};

/** A note's or issue's text as the pane shows it. */
export function paneText(x: Hinted, lang: Lang): string {
  return hintedText(x, lang, paneSay);
}

/**
 * Settings a message names — the one that decided what was read, or the one that would change it —
 * kept as data, so that each caller says them its own way: the CLI as its flags (`--decimal ,`), the
 * pane as its field and choice (“Decimal mark in text amounts”: “Comma: 1.234,50”). The engine never
 * quotes a CLI flag: a pane user has none. `message` and `zh` of a note or issue carry the neutral
 * wording (for callers that know nothing of this); `fix` carries the same text with a slot per setting.
 */

/**
 * The settings messages name: grading option keys (GradeOptions in grade/options.ts), and "order",
 * the mapped order-id column (a Field).
 */
export type HintOption = "decimalMark" | "dateOrder" | "amountPer" | "returns" | "saleStatus" | "excludeStatus" | "order";
export const HINT_OPTIONS: readonly HintOption[] = ["decimalMark", "dateOrder", "amountPer", "returns", "saleStatus", "excludeStatus", "order"];

/** One setting a message names: the option and the value(s) meant (two or more: a choice between them). */
export interface OptionRef {
  option: HintOption;
  values: string[];
}

export interface OptionFix {
  /** The settings, in slot order (slot k is U+E000 k U+E001 in the texts, so that no column name or cell text can pose as one). */
  options: OptionRef[];
  /** The texts with slots. A part between U+E002 and U+E003 is advice that a caller without one of its settings leaves out. */
  en: string;
  zh: string;
}

/** How a caller says a setting; null when it has no such control (the advice naming it is then left out). */
export type SayOption = (ref: OptionRef, lang: "en" | "zh") => string | null;

/** Anything with a message, its Chinese and maybe a fix: notes and issues alike. */
export interface Hinted {
  message: string;
  zh?: string;
  fix?: OptionFix;
}

const NEUTRAL: Record<HintOption, { en: string; zh: string }> = {
  decimalMark: { en: "decimal mark", zh: "小数点符号" },
  dateOrder: { en: "date order", zh: "日期顺序" },
  amountPer: { en: "amount per", zh: "金额计法" },
  returns: { en: "returns", zh: "退货处理" },
  saleStatus: { en: "sale status values", zh: "成交状态值" },
  excludeStatus: { en: "excluded status values", zh: "排除状态值" },
  order: { en: "order column", zh: "订单号列" },
};

/** Words, not flags: `decimal mark ","`, `date order dmy or mdy`, `order column`. */
export const neutralSay: SayOption = (ref, lang) => {
  const name = NEUTRAL[ref.option][lang];
  const quote = (v: string) => (ref.option === "decimalMark" ? (lang === "zh" ? `“${v}”` : `"${v}"`) : v);
  const values = ref.values.map(quote).join(lang === "zh" ? " 或 " : " or ");
  return values ? `${name} ${values}` : name;
};

const SLOT = /\uE000(\d+)\uE001/g;
const ADVICE = /\uE002([^\uE003]*)\uE003/g;

/** The text of a fix in `lang`, each setting said by `say` (a setting it cannot say is said neutrally, or its advice left out). */
export function fillFix(fix: OptionFix, lang: "en" | "zh", say: SayOption): string {
  const said = fix.options.map((ref) => say(ref, lang));
  const text = lang === "zh" ? fix.zh : fix.en;
  return text
    .replace(ADVICE, (_, advice: string) => ([...advice.matchAll(SLOT)].some((m) => said[Number(m[1])] === null) ? "" : advice))
    .replace(SLOT, (_, k: string) => said[Number(k)] ?? (fix.options[Number(k)] ? neutralSay(fix.options[Number(k)], lang)! : ""));
}

/** The message in `lang`, its settings said by `say` (neutral words by default). */
export function hintedText(x: Hinted, lang: "en" | "zh", say: SayOption = neutralSay): string {
  if (x.fix) return fillFix(x.fix, lang, say);
  return lang === "zh" && x.zh ? x.zh : x.message;
}

interface Slots {
  /** The slot of a setting (the same slot when asked again, so the English and Chinese texts share them). */
  (option: HintOption, ...values: string[]): string;
  /** Marks advice that a caller without one of its settings leaves out. */
  advice(text: string): string;
  /** The neutral `message`/`zh` and the `fix` of the texts. */
  done(en: string, zh: string): { message: string; zh: string; fix: OptionFix };
}

/** Builds the slots of one message. */
export function slots(): Slots {
  const options: OptionRef[] = [];
  const s = (option: HintOption, ...values: string[]) => {
    let k = options.findIndex((r) => r.option === option && r.values.join("\u0000") === values.join("\u0000"));
    if (k < 0) k = options.push({ option, values }) - 1;
    return `\uE000${k}\uE001`;
  };
  const advice = (text: string) => `\uE002${text}\uE003`;
  const done = (en: string, zh: string) => {
    const fix: OptionFix = { options, en, zh };
    return { message: fillFix(fix, "en", neutralSay), zh: fillFix(fix, "zh", neutralSay), fix };
  };
  return Object.assign(s, { advice, done });
}

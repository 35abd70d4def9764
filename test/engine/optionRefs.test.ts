/**
 * Engine messages that name a setting give it as data (optionRefs.ts), never as a CLI flag: every
 * such note and issue, made from data, said three ways — the CLI's flags (exactly as it printed them
 * before the engine stopped quoting flags), the pane's fields and choices, plain words — in English
 * and Chinese. And a scan of the engine's source that fails when a new text quotes a flag.
 */
import * as fs from "fs";
import * as path from "path";
import { gradeTable } from "../../src/engine/grade/pipeline";
import type { PartialOptions } from "../../src/engine/grade/options";
import type { MappingOverride } from "../../src/engine/read/mapping";
import { fillFix, HINT_OPTIONS, neutralSay, slots, type Hinted } from "../../src/engine/common/optionRefs";
import type { Cell, Lang } from "../../src/engine/common/types";
import { cliText, OPTION_FLAGS } from "../../src/cli/optionFlags";
import { paneText } from "../../src/taskpane/optionWords";
import { STRINGS } from "../../src/taskpane/strings";

interface Case {
  code: string;
  cells: Cell[][];
  mapping?: MappingOverride;
  options?: PartialOptions;
  /** The CLI's text, en and zh, as it was worded when the engine still wrote the flags itself. */
  cli: Record<Lang, string>;
  /** What the pane says in their place. */
  pane: Record<Lang, string[]>;
  /** Pane text that must be absent (advice for a setting the pane has no control for). */
  paneNot?: string[];
}

const H = ["Customer", "Date", "Amount"];
const t = STRINGS;
const field = (lang: Lang, label: string, choice?: string) => (choice === undefined ? `“${label}”` : lang === "zh" ? `“${label}”：“${choice}”` : `“${label}”: “${choice}”`);

const CASES: Case[] = [
  {
    code: "mixed_decimal_mark",
    cells: [H, ["a", "2024-01-01", "12,50"], ["b", "2024-01-02", "12.50"]],
    cli: {
      en: 'Column Amount mixes decimal commas ("12,50", row 2) and decimal points ("12.50", row 3); say which is the decimal mark: --decimal , or --decimal .',
      zh: "Amount 列中既有小数逗号（第 2 行的“12,50”），也有小数点（第 3 行的“12.50”）；请指定小数点符号：--decimal , 或 --decimal .",
    },
    pane: { en: [field("en", t.en.decimalMark, t.en.decimalMarks[","]), field("en", t.en.decimalMark, t.en.decimalMarks["."])], zh: [field("zh", t.zh.decimalMark, t.zh.decimalMarks[","]), field("zh", t.zh.decimalMark, t.zh.decimalMarks["."])] },
  },
  {
    code: "ambiguous_decimal_mark",
    cells: [H, ["a", "2024-01-01", "2,375"], ["b", "2024-01-02", "12"]],
    cli: {
      en: 'Column Amount: "2,375" (row 2) could be 2.375 or 2375, and no value in the column decides whether "," or "." is the decimal mark; say --decimal , (2.375) or --decimal . (2375).',
      zh: "Amount 列：第 2 行的“2,375”既可读作 2.375，也可读作 2375，该列没有能判断小数点是“,”还是“.”的值；请指定 --decimal ,（读作 2.375）或 --decimal .（读作 2375）。",
    },
    pane: { en: [`say ${field("en", t.en.decimalMark, t.en.decimalMarks[","])} (2.375)`], zh: [`请指定 ${field("zh", t.zh.decimalMark, t.zh.decimalMarks[","])}（读作 2.375）`] },
  },
  {
    code: "decimal_mark_option",
    cells: [H, ["a", "2024-01-01", "2,375"], ["b", "2024-01-02", "12"]],
    options: { decimalMark: "," },
    cli: { en: "Amount read with a decimal comma (--decimal ,).", zh: "Amount 列按小数逗号读取（--decimal ,）。" },
    pane: { en: [`Amount read with a decimal comma (${field("en", t.en.decimalMark, t.en.decimalMarks[","])}).`], zh: [`Amount 列按小数逗号读取（${field("zh", t.zh.decimalMark, t.zh.decimalMarks[","])}）。`] },
  },
  {
    code: "decimal_comma",
    cells: [H, ["a", "2024-01-01", "12,50"], ["b", "2024-01-02", "3"]],
    cli: {
      en: 'Amount read with a decimal comma (detected: 1 value like "12,50", row 2, need one). Use --decimal . if that is wrong.',
      zh: "Amount 列按小数逗号读取（自动判断：1 个值需要小数逗号，如第 2 行的“12,50”）。如不对，请用 --decimal .",
    },
    pane: { en: [`Use ${field("en", t.en.decimalMark, t.en.decimalMarks["."])} if that is wrong.`], zh: [`如不对，请用 ${field("zh", t.zh.decimalMark, t.zh.decimalMarks["."])}`] },
  },
  {
    code: "thousands_comma",
    cells: [H, ["a", "2024-01-01", "1,250"], ["b", "2024-01-02", "12.50"]],
    cli: {
      en: 'Amount: "1,250" (row 2) read as 1250 (a thousands comma), because values like "12.50" (row 3) have a decimal point. Use --decimal , if that is wrong.',
      zh: "Amount 列：第 2 行的“1,250”读作 1250（逗号为千位分隔符），因为该列有带小数点的值，如第 3 行的“12.50”。如不对，请用 --decimal ,",
    },
    pane: { en: [`Use ${field("en", t.en.decimalMark, t.en.decimalMarks[","])} if that is wrong.`], zh: [`如不对，请用 ${field("zh", t.zh.decimalMark, t.zh.decimalMarks[","])}`] },
  },
  {
    code: "amount_per_order",
    cells: [["Customer", "Date", "Amount", "Order"], ["a", "2024-01-01", 30, "o1"], ["a", "2024-01-01", 30, "o1"], ["b", "2024-01-02", 5, "o2"]],
    mapping: { order: "Order" },
    options: { amountPer: "order" },
    cli: {
      en: "Amount is counted once per order, on the order's first line (--amount-per order); 1 further line count 0. Use --amount-per line to add every line.",
      zh: "Amount 按订单只计一次，计在订单的第一行（--amount-per order）；其余 1 行按 0 计。如需逐行相加，请用 --amount-per line。",
    },
    pane: { en: [field("en", t.en.amountPer, t.en.amountPers.order), `Use ${field("en", t.en.amountPer, t.en.amountPers.line)} to add every line.`], zh: [field("zh", t.zh.amountPer, t.zh.amountPers.order), `请用 ${field("zh", t.zh.amountPer, t.zh.amountPers.line)}。`] },
  },
  {
    code: "amount_per_line",
    cells: [["Customer", "Date", "Amount", "Order"], ["a", "2024-01-01", 30, "o1"], ["a", "2024-01-01", 30, "o1"], ["b", "2024-01-02", 5, "o2"], ["b", "2024-01-02", 6, "o2"], ["c", "2024-01-03", 1, "o3"], ["c", "2024-01-03", 2, "o3"]],
    mapping: { order: "Order" },
    cli: {
      en: "Amount is added per line: in 1 of 3 orders with several lines every line has the same amount (fewer than half, so not taken as a repeated order total). Use --amount-per order if it is the order's total.",
      zh: "Amount 逐行相加：3 个多行订单中有 1 个各行金额相同（不到一半，未视为重复的订单总额）。如该列是订单总额，请用 --amount-per order。",
    },
    pane: { en: [`Use ${field("en", t.en.amountPer, t.en.amountPers.order)} if it is the order's total.`], zh: [`请用 ${field("zh", t.zh.amountPer, t.zh.amountPers.order)}。`] },
  },
  {
    code: "unknown_status",
    cells: [["Customer", "Date", "Amount", "Status"], ["a", "2024-01-01", 30, "paid"], ["b", "2024-01-02", 5, "wobbly"]],
    mapping: { status: "Status" },
    cli: {
      en: 'Status values not recognised, kept as sales (1 row): "wobbly" 1. Decide with --sale-status or --exclude-status.',
      zh: "Status 列中无法识别的状态值，按成交计入（共 1 行）：“wobbly” 1 行。可用 --sale-status 或 --exclude-status 指定。",
    },
    // The pane has no lists of status values: the statement stays, the advice goes.
    pane: { en: ['Status values not recognised, kept as sales (1 row): "wobbly" 1.'], zh: ["Status 列中无法识别的状态值，按成交计入（共 1 行）：“wobbly” 1 行。"] },
    paneNot: ["Decide with", "可用", "status values", "状态值 或"],
  },
  {
    code: "returns_net",
    cells: [H, ["a", "2024-01-02", 30], ["a", "2024-01-01", -10]],
    options: { returns: "net" },
    cli: {
      en: "Returns netted off monetary (--returns net): 1 row, -10; gross revenue 30, net revenue 20 (each customer's monetary floored at 0).",
      zh: "退货冲减消费金额（--returns net）：1 行，共 -10；毛收入 30，净收入 20（每位客户不低于 0）。",
    },
    pane: { en: [`Returns netted off monetary (${field("en", t.en.returns, t.en.returnChoices.net)}): 1 row`], zh: [`退货冲减消费金额（${field("zh", t.zh.returns, t.zh.returnChoices.net)}）：1 行`] },
  },
  {
    code: "returns_excluded",
    cells: [["Customer", "Date", "Amount", "Type"], ["a", "2024-01-01", 30, "sale"], ["a", "2024-01-02", 10, "return"]],
    mapping: { orderType: "Type" },
    cli: {
      en: "1 row marked as returns in Type excluded (non_positive_amount); --returns net nets them off monetary instead.",
      zh: "Type 列标为退货的 1 行未计入（金额为零或负数）；如需冲减消费金额，请用 --returns net。",
    },
    pane: { en: [`${field("en", t.en.returns, t.en.returnChoices.net)} nets them off monetary instead.`], zh: [`请用 ${field("zh", t.zh.returns, t.zh.returnChoices.net)}。`] },
  },
  {
    code: "ambiguous_date_order",
    cells: [H, ["a", "03/05/2024", 30], ["b", "04/06/2024", 5]],
    cli: {
      en: 'Dates like "03/05/2024" in Date can be day-first or month-first; choose the date order (--date-order dmy|mdy).',
      zh: "Date 列中的“03/05/2024”这类日期既可理解为日在前也可理解为月在前，请选择日期顺序（--date-order dmy|mdy）。",
    },
    pane: { en: [`(${field("en", t.en.dateOrder, t.en.dateOrders.dmy)} or “${t.en.dateOrders.mdy}”)`], zh: [`（${field("zh", t.zh.dateOrder, t.zh.dateOrders.dmy)}或“${t.zh.dateOrders.mdy}”）`] },
  },
  {
    code: "bad_option",
    cells: [H, ["a", "2024-01-01", 30]],
    options: { amountPer: "order" },
    cli: {
      en: "Amount per order needs an order column (--order COL): without one, the lines of an order cannot be told apart.",
      zh: "按订单计金额需要订单号列（--order 列名）：没有订单号，无法分辨同一订单的各行。",
    },
    pane: { en: [`(${field("en", t.en.field.order)})`], zh: [`（${field("zh", t.zh.field.order)}）`] },
  },
];

/** The note or issue of the case's code, from grading its cells. */
function madeBy(c: Case): Hinted {
  const outcome = gradeTable({ cells: c.cells, mapping: c.mapping }, c.options);
  const found = outcome.ok ? outcome.result.notes.find((n) => n.code === c.code) : outcome.issues.find((i) => i.code === c.code);
  if (!found) throw new Error(`no ${c.code}: ${JSON.stringify(outcome.ok ? outcome.result.notes : outcome.issues)}`);
  return found;
}

const FLAG = /--[a-z]/;

describe.each(CASES.map((c) => [c.code, c] as const))("%s", (_code, c) => {
  const x = madeBy(c);
  test.each(["en", "zh"] as const)("%s: the CLI prints the flags as before, the pane its fields, plain words no flag", (lang) => {
    expect(x.fix).toBeDefined();
    expect(cliText(x, lang)).toBe(c.cli[lang]);
    const pane = paneText(x, lang);
    expect(pane).not.toMatch(FLAG);
    for (const part of c.pane[lang]) expect(pane).toContain(part);
    for (const part of c.paneNot ?? []) expect(pane).not.toContain(part);
    const plain = lang === "zh" ? x.zh! : x.message;
    expect(plain).not.toMatch(FLAG);
    expect(plain).toBe(fillFix(x.fix!, lang, neutralSay));
  });
});

test("every setting a message can name has a flag, a pane wording (or none, said so) and plain words", () => {
  for (const option of HINT_OPTIONS) {
    const ref = { option, values: [] };
    expect(OPTION_FLAGS[option]).toMatch(/^--[a-z-]+$/);
    for (const lang of ["en", "zh"] as const) expect(neutralSay(ref, lang)).not.toMatch(FLAG);
  }
  const named = new Set(CASES.flatMap((c) => madeBy(c).fix!.options.map((r) => r.option)));
  expect([...named].sort()).toEqual([...HINT_OPTIONS].sort());
});

test("a column name or cell text that looks like a slot stays as it was", () => {
  const s = slots();
  const text = s.done(`Column {0} ⟦x⟧ \uE000 (${s("decimalMark", ",")}).`, `{0} 列（${s("decimalMark", ",")}）。`);
  expect(cliText(text, "en")).toBe("Column {0} ⟦x⟧ \uE000 (--decimal ,).");
  expect(cliText(text, "zh")).toBe("{0} 列（--decimal ,）。");
});

/** The engine's source without comments. */
function engineCode(): { file: string; line: number; text: string }[] {
  const root = path.join(__dirname, "..", "..", "src", "engine");
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
  return files.flatMap((f) => {
    const code = fs.readFileSync(path.join(root, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " "));
    return code.split("\n").map((text, i) => ({ file: f, line: i + 1, text: text.replace(/(^|\s)\/\/.*$/, "") }));
  });
}

test("no engine text quotes a CLI flag (a new one gives the setting as a slot: optionRefs.slots)", () => {
  // A flag in a string: `--name` after a quote, space or bracket and not a decrement (`--i;`, `--n)`).
  const quoted = engineCode().filter((l) => /(^|[\s"'`(（：])--[a-z][a-z-]*(?![\w;)\]])/.test(l.text) && !/^\s*--\s/.test(l.text));
  expect(quoted.map((l) => `${l.file}:${l.line}: ${l.text.trim()}`)).toEqual([]);
  // The scan finds one: a text written as the engine used to write them.
  expect(/(^|[\s"'`(（：])--[a-z][a-z-]*(?![\w;)\]])/.test("message: `Use --decimal . if that is wrong.`")).toBe(true);
  expect(/(^|[\s"'`(（：])--[a-z][a-z-]*(?![\w;)\]])/.test("for (; k > 0; --k) into[--i] = x;")).toBe(false);
});

/**
 * The pane's texts: every “…” a message quotes is the label of a control the pane has (one source of
 * truth for both), and counts use Intl.PluralRules wording (「24 位客户」, "1 customer").
 */
import { LABELS, STRINGS } from "../../src/taskpane/strings";

/** Every string a value holds, calling functions with sample arguments. */
function texts(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "function") {
    const args = Array.from({ length: value.length }, (_, i) => (i === 0 ? ["Date"] : 3));
    try {
      return texts((value as (...a: unknown[]) => unknown)(...args.map((a, i) => (i === 0 && value.length === 1 ? "x" : a))));
    } catch {
      return [];
    }
  }
  if (value && typeof value === "object") return Object.values(value).flatMap(texts);
  return [];
}

const labelTexts = (lang: "en" | "zh") => new Set(texts(LABELS[lang]));

describe.each(["en", "zh"] as const)("%s", (lang) => {
  const t = STRINGS[lang];
  it("quotes only labels of the pane's controls", () => {
    const labels = labelTexts(lang);
    const quoted = texts({ ...t, blocked: undefined, mustBe: undefined, mustBeBefore: undefined, showRows: undefined })
      .flatMap((s) => [...s.matchAll(/“([^”]+)”/g)].map((m) => m[1]));
    expect(quoted.length).toBeGreaterThan(5);
    expect(quoted.filter((q) => !labels.has(q))).toEqual([]);
  });
  it("names the button the pane shows when it asks to re-read the selection", () => {
    expect(t.noSelection).toContain(`“${t.refresh}”`);
    expect(t.hostIssues.columns_changed("A1:B2")).toContain(`“${t.refresh}”`);
    expect(t.hostIssues.source_missing("A1:B2")).toContain(`“${t.refresh}”`);
  });
  it("quotes the labels it is given (the field messages)", () => {
    expect(t.blocked([t.field.date, t.lostDays])).toContain(`“${t.field.date}”`);
    expect(t.mustBe(true, t.dormantDays, 180)).toContain(`“${t.dormantDays}”`);
  });
});

test("counts: plural rules by language", () => {
  expect([STRINGS.en.customers(1), STRINGS.en.customers(24), STRINGS.en.customers(1234)]).toEqual(["1 customer", "24 customers", "1,234 customers"]);
  expect([STRINGS.zh.customers(1), STRINGS.zh.customers(24)]).toEqual(["1 位客户", "24 位客户"]);
  expect(STRINGS.zh.summaryLine(STRINGS.zh.customers(24), 90, 100)).toBe("已为 24 位客户分级，使用了 100 行中的 90 行。");
  expect(STRINGS.en.selection("A1:C2", 1)).toBe("A1:C2 · 1 row");
});

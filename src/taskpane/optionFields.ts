/**
 * The pane's option form as data: its values (what the controls hold, as typed), the groups and the
 * fields in each, how the values become a grade request, and which field each problem belongs on.
 * Adding an option: a value in FormValues + DEFAULT_FORM, a FieldSpec in its group, its label in
 * strings.ts, and its place in toRequest (and savedToForm/formToSaved if it is kept in the workbook).
 */
import { isRealDate, resolveOptions, type OptionProblem, type PartialOptions } from "../engine/grade/options";
import { parseBreaks, type FixedBreaks } from "../engine/grade/breaksSpec";
import { checkLadder, type LevelBasis, type LevelLadder } from "../engine/grade/memberLevels";
import type { PurchaseModel } from "../engine/clv";
import type { Lang } from "../engine/common/types";
import { localRange, splitAddress } from "../excel/readIds";
import type { GradeRequest, SavedSettings } from "../excel/host";
import type { Strings } from "./strings";

/** One rung of the member-level ladder as typed: a name and its threshold (inclusive). */
export interface LevelRow {
  name: string;
  threshold: string;
}

export type PaneMethod = "quantile" | "ntile" | "fixed" | "rfm";

export interface FormValues {
  asOf: string;
  bins: string;
  method: PaneMethod;
  /** With method "fixed": bins − 1 ascending numbers per measure, comma-separated. */
  breaksR: string;
  breaksF: string;
  breaksM: string;
  zeroAmounts: "exclude" | "include";
  returns: "exclude" | "net";
  amountPer: "auto" | "order" | "line";
  /** Member levels: no rows = none. */
  levels: LevelRow[];
  levelsOn: "monetary" | "frequency" | "spend";
  levelsDays: string;
  /** The header text of the breakdown column; "" = none. */
  breakdown: string;
  /** The exclusion list's range or sheet; "" = none. */
  exclude: string;
  dateOrder: "auto" | "dmy" | "mdy";
  /** The decimal mark of amounts typed as text (12,50 or 12.50). */
  decimalMark: "auto" | "." | ",";
  activeDays: string;
  dormantDays: string;
  lostDays: string;
  clv: boolean;
  model: PurchaseModel;
  holdoutFrom: string;
  clusters: boolean;
  clusterK: string;
  compareFrom: string;
  formulas: boolean;
  /** On regrade: keep the previous Customers and Summary as a dated snapshot. */
  snapshot: boolean;
}

export const DEFAULT_FORM: FormValues = {
  asOf: "",
  bins: "5",
  method: "quantile",
  breaksR: "",
  breaksF: "",
  breaksM: "",
  zeroAmounts: "exclude",
  returns: "exclude",
  amountPer: "auto",
  levels: [],
  levelsOn: "monetary",
  levelsDays: "365",
  breakdown: "",
  exclude: "",
  dateOrder: "auto",
  decimalMark: "auto",
  activeDays: "",
  dormantDays: "",
  lostDays: "",
  clv: false,
  model: "bgnbd",
  holdoutFrom: "",
  clusters: false,
  clusterK: "auto",
  compareFrom: "",
  formulas: false,
  snapshot: false,
};

/** The ladder a new levels editor starts with (seed 003: 普通 / 银卡 / 金卡). */
export const STARTER_LEVELS: Record<Lang, LevelRow[]> = {
  en: [{ name: "Regular", threshold: "0" }, { name: "Silver", threshold: "1000" }, { name: "Gold", threshold: "5000" }],
  zh: [{ name: "普通", threshold: "0" }, { name: "银卡", threshold: "1000" }, { name: "金卡", threshold: "5000" }],
};

export type FormKey = keyof FormValues;

type Hint = (t: Strings, v: FormValues) => string;

export type FieldSpec =
  | { key: FormKey; kind: "select"; label: (t: Strings) => string; hint?: Hint; choices: (t: Strings) => { value: string; text: string }[]; shownWhen?: (v: FormValues) => boolean }
  | { key: FormKey; kind: "text" | "date" | "number"; label: (t: Strings) => string; hint?: Hint; placeholder?: string | ((t: Strings) => string); shownWhen?: (v: FormValues) => boolean }
  | { key: FormKey; kind: "switch"; label: (t: Strings) => string; hint?: Hint; shownWhen?: (v: FormValues) => boolean }
  /** A choice among the previewed block's columns (header texts), or none. */
  | { key: FormKey; kind: "column"; label: (t: Strings) => string; hint?: Hint; shownWhen?: (v: FormValues) => boolean }
  /** The member-level ladder editor (LevelsEditor.tsx). */
  | { key: FormKey; kind: "levels"; label: (t: Strings) => string; hint?: Hint; shownWhen?: (v: FormValues) => boolean };

export interface GroupSpec {
  id: "scoring" | "data" | "levels" | "breakdown" | "lifecycle" | "clv" | "clusters" | "compare" | "formulas" | "regrade";
  fields: FieldSpec[];
}

/** The essentials under the columns; everything else is in GROUPS. */
export const ESSENTIALS: FieldSpec[] = [
  { key: "asOf", kind: "date", label: (t) => t.asOf, hint: (t) => t.asOfHint, placeholder: "YYYY-MM-DD" },
  { key: "bins", kind: "select", label: (t) => t.bins, choices: () => [2, 3, 4, 5, 6, 7, 8, 9, 10].map((b) => ({ value: String(b), text: String(b) })) },
];

const METHODS: readonly PaneMethod[] = ["quantile", "ntile", "fixed", "rfm"];
const DEFAULT_WINDOWS = { activeDays: 90, dormantDays: 180, lostDays: 365 };
const fixed = (v: FormValues) => v.method === "fixed";
const BREAK_PLACEHOLDERS = { breaksR: "30, 90, 180, 365", breaksF: "1, 2, 5, 10", breaksM: "250, 500, 1000, 5000" };

export const GROUPS: GroupSpec[] = [
  {
    id: "scoring",
    fields: [
      { key: "method", kind: "select", label: (t) => t.method, hint: (t, v) => t.methodHints[v.method], choices: (t) => METHODS.map((m) => ({ value: m, text: t.methods[m] })) },
      ...(["breaksR", "breaksF", "breaksM"] as const).map((key) => ({ key, kind: "text" as const, label: (t: Strings) => t[key], hint: (t: Strings, v: FormValues) => t.breaksHint(Number(v.bins) - 1), placeholder: BREAK_PLACEHOLDERS[key], shownWhen: fixed })),
    ],
  },
  {
    id: "data",
    fields: [
      { key: "zeroAmounts", kind: "select", label: (t) => t.zero, choices: (t) => (["exclude", "include"] as const).map((m) => ({ value: m, text: t.zeros[m] })) },
      { key: "returns", kind: "select", label: (t) => t.returns, hint: (t) => t.returnsHint, choices: (t) => (["exclude", "net"] as const).map((m) => ({ value: m, text: t.returnChoices[m] })) },
      { key: "amountPer", kind: "select", label: (t) => t.amountPer, hint: (t) => t.amountPerHint, choices: (t) => (["auto", "order", "line"] as const).map((m) => ({ value: m, text: t.amountPers[m] })) },
      { key: "dateOrder", kind: "select", label: (t) => t.dateOrder, choices: (t) => (["auto", "dmy", "mdy"] as const).map((m) => ({ value: m, text: t.dateOrders[m] })) },
      { key: "decimalMark", kind: "select", label: (t) => t.decimalMark, choices: (t) => (["auto", ".", ","] as const).map((m) => ({ value: m, text: t.decimalMarks[m] })) },
      { key: "exclude", kind: "text", label: (t) => t.exclude, hint: (t) => t.excludeHint, placeholder: (t) => t.excludePlaceholder },
    ],
  },
  {
    id: "levels",
    fields: [
      { key: "levels", kind: "levels", label: (t) => t.levels, hint: (t) => t.levelsHint },
      { key: "levelsOn", kind: "select", label: (t) => t.levelsOn, shownWhen: (v) => v.levels.length > 0, choices: (t) => (["monetary", "frequency", "spend"] as const).map((m) => ({ value: m, text: t.levelBases[m] })) },
      { key: "levelsDays", kind: "number", label: (t) => t.levelsDays, placeholder: "365", shownWhen: (v) => v.levels.length > 0 && v.levelsOn === "spend" },
    ],
  },
  { id: "breakdown", fields: [{ key: "breakdown", kind: "column", label: (t) => t.breakdown, hint: (t) => t.breakdownHint }] },
  {
    id: "lifecycle",
    fields: (["activeDays", "dormantDays", "lostDays"] as const).map((key) => ({ key, kind: "number" as const, label: (t: Strings) => t[key], hint: (t: Strings) => t.windowHint, placeholder: String(DEFAULT_WINDOWS[key]) })),
  },
  {
    id: "clv",
    fields: [
      { key: "clv", kind: "switch", label: (t) => t.clv, hint: (t) => t.clvHint },
      { key: "model", kind: "select", label: (t) => t.model, hint: (t, v) => t.modelHints[v.model], shownWhen: (v) => v.clv, choices: (t) => (["bgnbd", "mbgnbd", "paretonbd"] as const).map((m) => ({ value: m, text: t.models[m] })) },
      { key: "holdoutFrom", kind: "date", label: (t) => t.holdout, hint: (t) => t.holdoutHint, placeholder: "YYYY-MM-DD", shownWhen: (v) => v.clv },
    ],
  },
  {
    id: "clusters",
    fields: [
      { key: "clusters", kind: "switch", label: (t) => t.clustersOn },
      { key: "clusterK", kind: "select", label: (t) => t.clusterK, shownWhen: (v) => v.clusters, choices: (t) => [{ value: "auto", text: t.clusterAuto }, ...[2, 3, 4, 5, 6, 7, 8].map((k) => ({ value: String(k), text: String(k) }))] },
    ],
  },
  { id: "compare", fields: [{ key: "compareFrom", kind: "date", label: (t) => t.compareFrom, hint: (t) => t.compareHint, placeholder: "YYYY-MM-DD" }] },
  { id: "formulas", fields: [{ key: "formulas", kind: "switch", label: (t) => t.formulas, hint: (t) => t.formulasHint }] },
  { id: "regrade", fields: [{ key: "snapshot", kind: "switch", label: (t) => t.snapshot, hint: (t) => t.snapshotHint }] },
];

/** A typed number, or undefined when blank (the engine's default then applies). */
const numberOrBlank = (text: string) => (text.trim() === "" ? undefined : Number(text));

/** "30, 90，180" → [30, 90, 180] (full-width commas too, as a Chinese IME types them); null when not all numbers. */
export function breakNumbers(text: string): number[] | null {
  const parts = text.replace(/，/g, ",").split(",").map((p) => p.trim());
  if (parts.some((p) => p === "")) return null;
  const numbers = parts.map(Number);
  return numbers.every(Number.isFinite) ? numbers : null;
}

/** The three breakpoint fields as the engine's breaks text, as `--breaks` takes it (breaksSpec). */
export function breaksText(v: FormValues): string {
  const list = (text: string) => (breakNumbers(text) ?? [text.trim()]).join(",");
  return `r=${list(v.breaksR)};f=${list(v.breaksF)};m=${list(v.breaksM)}`;
}

function fixedBreaksOf(v: FormValues): FixedBreaks | undefined {
  const parsed = parseBreaks(breaksText(v), Number(v.bins));
  return parsed.ok ? parsed.breaks : undefined;
}

/** The ladder as typed, checked by the engine's own rules (memberLevels.checkLadder); null when there are no rows. */
export function ladderOf(v: FormValues): ReturnType<typeof checkLadder> | null {
  if (v.levels.length === 0) return null;
  const basis: LevelBasis = v.levelsOn === "spend" ? { kind: "spend", days: Number(v.levelsDays) } : { kind: v.levelsOn };
  return checkLadder(
    v.levels.map((l) => l.name.trim()),
    v.levels.map((l) => (l.threshold.trim() === "" ? NaN : Number(l.threshold))),
    basis,
  );
}

export function toOptions(v: FormValues): PartialOptions {
  const lifecycle = { activeDays: numberOrBlank(v.activeDays), dormantDays: numberOrBlank(v.dormantDays), lostDays: numberOrBlank(v.lostDays) };
  return {
    asOf: v.asOf.trim() || undefined,
    bins: Number(v.bins),
    method: v.method,
    ...(v.method === "fixed" ? { fixedBreaks: fixedBreaksOf(v) } : {}),
    zeroAmounts: v.zeroAmounts,
    returns: v.returns,
    amountPer: v.amountPer,
    dateOrder: v.dateOrder,
    decimalMark: v.decimalMark,
    ...(Object.values(lifecycle).some((x) => x !== undefined) ? { lifecycle } : {}),
  };
}

/** The grade request from the form; the columns (and the breakdown's column, from `breakdown`) are the pane's mapping. */
export function toRequest(v: FormValues): Omit<GradeRequest, "mapping" | "source" | "lang"> {
  const ladder = ladderOf(v);
  return {
    options: toOptions(v),
    clv: v.clv,
    ...(v.clv ? { model: v.model } : {}),
    holdoutFrom: v.clv && v.holdoutFrom.trim() ? v.holdoutFrom.trim() : undefined,
    clusters: v.clusters ? (v.clusterK === "auto" ? true : Number(v.clusterK)) : false,
    compareFrom: v.compareFrom.trim() || undefined,
    formulas: v.formulas,
    ...(ladder?.ok ? { levels: ladder.ladder as LevelLadder } : {}),
    ...(v.exclude.trim() ? { exclude: v.exclude.trim() } : {}),
    snapshot: v.snapshot,
  };
}

/** The form from settings kept in the workbook. */
export function savedToForm(saved: SavedSettings): FormValues {
  const o = saved.options ?? {};
  const text = (n: number | undefined) => (n === undefined ? "" : String(n));
  const breaks = (list: number[] | undefined) => (list ?? []).join(", ");
  const basis = saved.levels?.basis;
  return {
    ...DEFAULT_FORM,
    asOf: o.asOf ?? "",
    bins: String(o.bins ?? 5),
    method: METHODS.includes(o.method as PaneMethod) ? (o.method as PaneMethod) : "quantile",
    breaksR: breaks(o.fixedBreaks?.recency),
    breaksF: breaks(o.fixedBreaks?.frequency),
    breaksM: breaks(o.fixedBreaks?.monetary),
    zeroAmounts: o.zeroAmounts ?? "exclude",
    returns: o.returns === "net" ? "net" : "exclude",
    amountPer: o.amountPer === "order" || o.amountPer === "line" ? o.amountPer : "auto",
    dateOrder: o.dateOrder ?? "auto",
    decimalMark: o.decimalMark === "." || o.decimalMark === "," ? o.decimalMark : "auto",
    levels: saved.levels ? saved.levels.names.map((name, i) => ({ name, threshold: String(saved.levels!.thresholds[i]) })) : [],
    levelsOn: basis?.kind ?? "monetary",
    levelsDays: basis?.kind === "spend" ? String(basis.days) : DEFAULT_FORM.levelsDays,
    breakdown: saved.breakdown ?? "",
    exclude: saved.exclude ?? "",
    activeDays: text(o.lifecycle?.activeDays),
    dormantDays: text(o.lifecycle?.dormantDays),
    lostDays: text(o.lifecycle?.lostDays),
    clv: Boolean(saved.clv),
    model: saved.model === "mbgnbd" || saved.model === "paretonbd" ? saved.model : "bgnbd",
    holdoutFrom: saved.holdoutFrom ?? "",
    clusters: saved.clusters !== undefined && saved.clusters !== false,
    clusterK: typeof saved.clusters === "number" ? String(saved.clusters) : "auto",
    compareFrom: saved.compareFrom ?? "",
    formulas: Boolean(saved.formulas),
    snapshot: Boolean(saved.snapshot),
  };
}

/**
 * The problem shown on each field, worded with the pane's labels: the engine's own option rules
 * (resolveOptions, the same the CLI applies; parseBreaks and checkLadder for breakpoints and levels)
 * plus the pane-only ones (holdout and comparison dates, the breakdown column among `headers`, the
 * exclusion list's address).
 */
export function fieldProblems(v: FormValues, t: Strings, lang: Lang, headers?: readonly string[]): Partial<Record<FormKey, string>> {
  const out: Partial<Record<FormKey, string>> = {};
  const { options, issues } = resolveOptions(toOptions(v));
  for (const p of issues) {
    const key = problemField(p);
    if (key && !out[key]) out[key] = problemText(p, t, options.lifecycle, lang);
  }
  const asOf = v.asOf.trim();
  for (const key of ["holdoutFrom", "compareFrom"] as const) {
    const text = v[key].trim();
    if (!text || (key === "holdoutFrom" && !v.clv)) continue;
    if (!isRealDate(text)) out[key] = t.notDate;
    else if (asOf && isRealDate(asOf) && text >= asOf) out[key] = t.mustBeBefore(t.asOf);
  }
  if (v.method === "fixed") {
    const bins = Number(v.bins);
    for (const key of ["breaksR", "breaksF", "breaksM"] as const) {
      const text = v[key].trim();
      const numbers = breakNumbers(text);
      if (text === "" || !numbers) out[key] = t.breaksNumbers(bins - 1);
      else if (numbers.some((x, i) => i > 0 && x < numbers[i - 1])) out[key] = t.breaksAscending;
      else if (numbers.length !== bins - 1) out[key] = t.breaksCount(bins - 1, numbers.length, bins);
    }
    // Whatever else the engine's own reader refuses goes on the first field.
    const parsed = parseBreaks(breaksText(v), bins);
    if (!parsed.ok && !out.breaksR && !out.breaksF && !out.breaksM) out.breaksR = lang === "zh" ? parsed.zh : parsed.message;
    if (!parsed.ok || out.breaksR || out.breaksF || out.breaksM) delete out.method;
  }
  if (v.levels.length) {
    const missingName = v.levels.findIndex((l) => l.name.trim() === "");
    const badThreshold = v.levels.find((l) => l.threshold.trim() === "" || !Number.isFinite(Number(l.threshold)));
    const ladder = ladderOf(v)!;
    if (missingName >= 0) out.levels = t.levelNameMissing(missingName + 1);
    else if (badThreshold) out.levels = t.levelThresholdBad(badThreshold.name.trim());
    else if (!ladder.ok) out.levels = (lang === "zh" ? ladder.zh : ladder.message).replace(/^levels: |^会员等级：/, "");
    if (v.levelsOn === "spend" && !(Number.isInteger(Number(v.levelsDays)) && Number(v.levelsDays) > 0 && v.levelsDays.trim() !== "")) out.levelsDays = t.wholeNumber(1);
  }
  if (v.breakdown && headers && !headers.includes(v.breakdown)) out.breakdown = t.noColumn(v.breakdown);
  const exclude = v.exclude.trim();
  if (exclude) {
    const parts = splitAddress(exclude);
    if (!parts || (parts.range !== null && !localRange(parts.range))) out.exclude = t.excludeAddress;
  }
  return out;
}

function problemField(p: OptionProblem): FormKey | null {
  const known: Partial<Record<string, FormKey>> = { asOf: "asOf", bins: "bins", method: "method", fixedBreaks: "method", zeroAmounts: "zeroAmounts", returns: "returns", amountPer: "amountPer", dateOrder: "dateOrder", decimalMark: "decimalMark", activeDays: "activeDays", dormantDays: "dormantDays", lostDays: "lostDays" };
  return known[p.option] ?? null;
}

function problemText(p: OptionProblem, t: Strings, windows: Record<string, number>, lang: Lang): string {
  if (p.kind === "date") return t.notDate;
  if (p.kind === "order" && p.than && p.mustBe) return t.mustBe(p.mustBe === "more", t[p.than as "activeDays" | "dormantDays" | "lostDays"], windows[p.than]);
  if (p.kind === "range") return t.wholeNumber(p.min ?? 0, p.max);
  return lang === "zh" ? p.zh : p.message;
}

/**
 * The pane's option form as data: its values (what the controls hold, as typed), the groups and the
 * fields in each, how the values become a grade request, and which field each problem belongs on.
 * Adding an option: a value in FormValues + DEFAULT_FORM, a FieldSpec in its group, its label in
 * strings.ts, and its place in toRequest (and savedToForm/formToSaved if it is kept in the workbook).
 */
import { isRealDate, resolveOptions, type OptionProblem, type PartialOptions } from "../engine/grade/options";
import type { Lang } from "../engine/types";
import type { GradeRequest, SavedSettings } from "../excel/host";
import type { Strings } from "./strings";

export interface FormValues {
  asOf: string;
  bins: string;
  method: "quantile" | "ntile";
  zeroAmounts: "exclude" | "include";
  dateOrder: "auto" | "dmy" | "mdy";
  activeDays: string;
  dormantDays: string;
  lostDays: string;
  clv: boolean;
  holdoutFrom: string;
  clusters: boolean;
  clusterK: string;
  compareFrom: string;
  formulas: boolean;
}

export const DEFAULT_FORM: FormValues = {
  asOf: "",
  bins: "5",
  method: "quantile",
  zeroAmounts: "exclude",
  dateOrder: "auto",
  activeDays: "",
  dormantDays: "",
  lostDays: "",
  clv: false,
  holdoutFrom: "",
  clusters: false,
  clusterK: "auto",
  compareFrom: "",
  formulas: false,
};

export type FormKey = keyof FormValues;

export type FieldSpec =
  | { key: FormKey; kind: "select"; label: (t: Strings) => string; hint?: (t: Strings) => string; choices: (t: Strings) => { value: string; text: string }[]; shownWhen?: (v: FormValues) => boolean }
  | { key: FormKey; kind: "text" | "date" | "number"; label: (t: Strings) => string; hint?: (t: Strings) => string; placeholder?: string; shownWhen?: (v: FormValues) => boolean }
  | { key: FormKey; kind: "switch"; label: (t: Strings) => string; hint?: (t: Strings) => string; shownWhen?: (v: FormValues) => boolean };

export interface GroupSpec {
  id: "scoring" | "lifecycle" | "clv" | "clusters" | "compare" | "formulas";
  fields: FieldSpec[];
}

/** The essentials under the columns; everything else is in GROUPS. */
export const ESSENTIALS: FieldSpec[] = [
  { key: "asOf", kind: "date", label: (t) => t.asOf, hint: (t) => t.asOfHint, placeholder: "YYYY-MM-DD" },
  { key: "bins", kind: "select", label: (t) => t.bins, choices: () => [2, 3, 4, 5, 6, 7, 8, 9, 10].map((b) => ({ value: String(b), text: String(b) })) },
];

const DEFAULT_WINDOWS = { activeDays: 90, dormantDays: 180, lostDays: 365 };

export const GROUPS: GroupSpec[] = [
  {
    id: "scoring",
    fields: [
      { key: "method", kind: "select", label: (t) => t.method, choices: (t) => (["quantile", "ntile"] as const).map((m) => ({ value: m, text: t.methods[m] })) },
      { key: "zeroAmounts", kind: "select", label: (t) => t.zero, choices: (t) => (["exclude", "include"] as const).map((m) => ({ value: m, text: t.zeros[m] })) },
      { key: "dateOrder", kind: "select", label: (t) => t.dateOrder, choices: (t) => (["auto", "dmy", "mdy"] as const).map((m) => ({ value: m, text: t.dateOrders[m] })) },
    ],
  },
  {
    id: "lifecycle",
    fields: (["activeDays", "dormantDays", "lostDays"] as const).map((key) => ({ key, kind: "number" as const, label: (t: Strings) => t[key], hint: (t: Strings) => t.windowHint, placeholder: String(DEFAULT_WINDOWS[key]) })),
  },
  {
    id: "clv",
    fields: [
      { key: "clv", kind: "switch", label: (t) => t.clv, hint: (t) => t.clvHint },
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
];

/** A typed number, or undefined when blank (the engine's default then applies). */
const numberOrBlank = (text: string) => (text.trim() === "" ? undefined : Number(text));

export function toOptions(v: FormValues): PartialOptions {
  const lifecycle = { activeDays: numberOrBlank(v.activeDays), dormantDays: numberOrBlank(v.dormantDays), lostDays: numberOrBlank(v.lostDays) };
  return {
    asOf: v.asOf.trim() || undefined,
    bins: Number(v.bins),
    method: v.method,
    zeroAmounts: v.zeroAmounts,
    dateOrder: v.dateOrder,
    ...(Object.values(lifecycle).some((x) => x !== undefined) ? { lifecycle } : {}),
  };
}

export function toRequest(v: FormValues): Omit<GradeRequest, "mapping" | "source" | "lang"> {
  return {
    options: toOptions(v),
    clv: v.clv,
    holdoutFrom: v.clv && v.holdoutFrom.trim() ? v.holdoutFrom.trim() : undefined,
    clusters: v.clusters ? (v.clusterK === "auto" ? true : Number(v.clusterK)) : false,
    compareFrom: v.compareFrom.trim() || undefined,
    formulas: v.formulas,
  };
}

/** The form from settings kept in the workbook. */
export function savedToForm(saved: SavedSettings): FormValues {
  const o = saved.options ?? {};
  const text = (n: number | undefined) => (n === undefined ? "" : String(n));
  return {
    ...DEFAULT_FORM,
    asOf: o.asOf ?? "",
    bins: String(o.bins ?? 5),
    method: o.method === "ntile" ? "ntile" : "quantile",
    zeroAmounts: o.zeroAmounts ?? "exclude",
    dateOrder: o.dateOrder ?? "auto",
    activeDays: text(o.lifecycle?.activeDays),
    dormantDays: text(o.lifecycle?.dormantDays),
    lostDays: text(o.lifecycle?.lostDays),
    clv: Boolean(saved.clv),
    holdoutFrom: saved.holdoutFrom ?? "",
    clusters: saved.clusters !== undefined && saved.clusters !== false,
    clusterK: typeof saved.clusters === "number" ? String(saved.clusters) : "auto",
    compareFrom: saved.compareFrom ?? "",
    formulas: Boolean(saved.formulas),
  };
}

/**
 * The problem shown on each field, worded with the pane's labels: the engine's own option rules
 * (resolveOptions, the same the CLI applies) plus the pane-only dates (holdout, comparison).
 */
export function fieldProblems(v: FormValues, t: Strings, lang: Lang): Partial<Record<FormKey, string>> {
  void lang;
  const out: Partial<Record<FormKey, string>> = {};
  const { options, issues } = resolveOptions(toOptions(v));
  for (const p of issues) {
    const key = problemField(p);
    if (key && !out[key]) out[key] = problemText(p, t, options.lifecycle);
  }
  const asOf = v.asOf.trim();
  for (const key of ["holdoutFrom", "compareFrom"] as const) {
    const text = v[key].trim();
    if (!text || (key === "holdoutFrom" && !v.clv)) continue;
    if (!isRealDate(text)) out[key] = t.notDate;
    else if (asOf && isRealDate(asOf) && text >= asOf) out[key] = t.mustBeBefore(t.asOf);
  }
  return out;
}

function problemField(p: OptionProblem): FormKey | null {
  const known: Partial<Record<string, FormKey>> = { asOf: "asOf", bins: "bins", method: "method", zeroAmounts: "zeroAmounts", dateOrder: "dateOrder", activeDays: "activeDays", dormantDays: "dormantDays", lostDays: "lostDays" };
  return known[p.option] ?? null;
}

function problemText(p: OptionProblem, t: Strings, windows: Record<string, number>): string {
  if (p.kind === "date") return t.notDate;
  if (p.kind === "order" && p.than && p.mustBe) return t.mustBe(p.mustBe === "more", t[p.than as "activeDays" | "dormantDays" | "lostDays"], windows[p.than]);
  if (p.kind === "range") return t.wholeNumber(p.min ?? 0, p.max);
  return p.message;
}

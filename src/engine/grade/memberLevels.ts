/**
 * Member levels (会员等级, SPEC §5.5): a ladder of names with ascending thresholds on monetary
 * (default), frequency, or spend within the last N days before the as-of date. A customer's level is
 * the last name whose threshold ≤ the value (thresholds inclusive: with 普通 0, 银卡 1000, 金卡 5000,
 * monetary 1000 is 银卡). A value below the first threshold has no level.
 */
import type { GradeResult } from "./pipeline";
import { NO_GRADE } from "../common/labels";
import { ROW_INCLUDED } from "../read/transactions";
import { round6 } from "../common/round";

export type LevelBasis = { kind: "monetary" } | { kind: "frequency" } | { kind: "spend"; days: number };

export interface LevelLadder {
  names: string[];
  thresholds: number[];
  basis: LevelBasis;
}

export type LadderOutcome = { ok: true; ladder: LevelLadder } | { ok: false; message: string; zh: string };

/** Parses `普通:0,银卡:1000,金卡:5000` and `monetary|frequency|spend:365` (the CLI's --levels and --levels-on). */
export function parseLevels(text: string, basisText = "monetary"): LadderOutcome {
  const fail = (message: string, zh: string): LadderOutcome => ({ ok: false, message, zh });
  const basis = parseBasis(basisText);
  if (!basis) return fail(`levels-on must be monetary, frequency or spend:DAYS (got ${JSON.stringify(basisText)})`, `等级依据须为 monetary、frequency 或 spend:天数（实际为 ${JSON.stringify(basisText)}）`);
  const names: string[] = [], thresholds: number[] = [];
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const at = part.lastIndexOf(":");
    const name = at > 0 ? part.slice(0, at).trim() : "";
    const value = at > 0 ? Number(part.slice(at + 1).trim()) : NaN;
    if (!name || part.slice(at + 1).trim() === "" || !Number.isFinite(value))
      return fail(`levels: each level must look like NAME:THRESHOLD (got ${JSON.stringify(part)})`, `会员等级：每一级应形如 名称:门槛（实际为 ${JSON.stringify(part)}）`);
    names.push(name);
    thresholds.push(value);
  }
  return checkLadder(names, thresholds, basis);
}

/** Checks a ladder given as lists (the pane, TIERS.LEVEL). */
export function checkLadder(names: string[], thresholds: number[], basis: LevelBasis = { kind: "monetary" }): LadderOutcome {
  if (names.length < 1) return { ok: false, message: "levels: give at least one level, e.g. 普通:0,银卡:1000,金卡:5000", zh: "会员等级：至少给出一级，例如 普通:0,银卡:1000,金卡:5000" };
  if (names.length !== thresholds.length) return { ok: false, message: "levels: as many thresholds as names are needed", zh: "会员等级：门槛个数须与名称个数相同" };
  if (thresholds.some((v) => !Number.isFinite(v))) return { ok: false, message: "levels: thresholds must be numbers", zh: "会员等级：门槛必须是数字" };
  for (let i = 1; i < thresholds.length; ++i)
    if (!(thresholds[i] > thresholds[i - 1])) return { ok: false, message: `levels: thresholds must rise (${names[i - 1]} ${thresholds[i - 1]}, then ${names[i]} ${thresholds[i]})`, zh: `会员等级：门槛必须递增（${names[i - 1]} ${thresholds[i - 1]}，之后 ${names[i]} ${thresholds[i]}）` };
  if (new Set(names).size !== names.length) return { ok: false, message: "levels: each name once", zh: "会员等级：名称不能重复" };
  return { ok: true, ladder: { names, thresholds, basis } };
}

function parseBasis(text: string): LevelBasis | null {
  const t = text.trim().toLowerCase();
  if (t === "monetary") return { kind: "monetary" };
  if (t === "frequency") return { kind: "frequency" };
  const m = /^spend:(\d+)$/.exec(t);
  return m && Number(m[1]) > 0 ? { kind: "spend", days: Number(m[1]) } : null;
}

/** Index of the last threshold ≤ value, or −1 below the first. */
export function levelIndex(value: number, thresholds: readonly number[]): number {
  let level = -1;
  for (let k = 0; k < thresholds.length; ++k) if (value >= thresholds[k]) level = k;
  return level;
}

export interface MemberLevels {
  ladder: LevelLadder;
  /** Level index per customer dictionary index; NO_GRADE for prospects and customers below the first threshold. */
  level: Uint8Array;
  /** The value each customer was placed by (monetary, frequency or recent spend); NaN for non-customers. */
  value: Float64Array;
}

/** Each graded customer's level. */
export function memberLevels(result: GradeResult, ladder: LevelLadder): MemberLevels {
  const { measures, transactions: tx, asOfDay } = result;
  const value = new Float64Array(measures.size).fill(NaN);
  const { basis } = ladder;
  if (basis.kind === "spend") {
    const sums = new Float64Array(measures.size);
    const from = asOfDay - basis.days;
    for (let i = 0, n = tx.rowCount; i < n; ++i) if (tx.status[i] === ROW_INCLUDED && tx.day[i] >= from) sums[tx.customer[i]] += tx.amount[i];
    for (const c of measures.customerIndexes) value[c] = round6(sums[c]);
  } else for (const c of measures.customerIndexes) value[c] = basis.kind === "monetary" ? measures.monetary[c] : measures.frequency[c];
  const level = new Uint8Array(measures.size).fill(NO_GRADE);
  for (const c of measures.customerIndexes) {
    const k = levelIndex(value[c], ladder.thresholds);
    if (k >= 0) level[c] = k;
  }
  return { ladder, level, value };
}

/** A recommended action per level, by its place on the ladder (top, middle, bottom). */
export function levelAction(index: number, count: number, lang: "en" | "zh"): string {
  const top = index === count - 1, bottom = index === 0 && count > 1;
  if (lang === "zh")
    return top ? "专属权益与专人维护，邀请参与新品和会员活动，防止流失" : bottom ? "首购后跟进，给出升级到下一等级的门槛和奖励" : "展示距下一等级还差多少，用限时加赠促成升级";
  return top ? "Exclusive benefits and a named contact; early access and member events; watch for churn" : bottom ? "Follow up after the first purchase; show what it takes to reach the next level and its reward" : "Show how close the next level is; a time-limited bonus to nudge the upgrade";
}

/**
 * Customer lifetime value (SPEC §7): fits BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma on the graded
 * transactions and gives each customer p_alive, expected purchases, expected spend and a discounted
 * CLV, with the purchase model the user chose (BG/NBD by default). Data that cannot support a fit gives a message and no numbers — never NaN.
 */
import { KIND_CUSTOMER } from "../grade/aggregate";
import { NO_GRADE } from "../common/labels";
import { paretoTiers } from "../grade/valueTier";
import type { GradeResult } from "../grade/pipeline";
import type { Transactions } from "../read/transactions";
import { bgNbdConditionalExpected, bgNbdPAlive, fitBgNbd, toPatterns, type BgNbdParams } from "./bgnbd";
import { fitMbgNbd, mbgNbdConditionalExpected, mbgNbdPAlive, type MbgNbdParams } from "./mbgnbd";
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaParams } from "./gammaGamma";
import { fitParetoNbd, paretoNbdConditionalExpected, paretoNbdPAlive, type ParetoNbdParams } from "./paretoNbd";
import { clvSummary, UNIT_DAYS, type ClvSummary, type PeriodUnit } from "./summary";
import { MODEL_NAMES, PURCHASE_MODELS, type PurchaseModel } from "./models";

export * from "./special";
export * from "./summary";
export * from "./bgnbd";
export * from "./mbgnbd";
export * from "./paretoNbd";
export * from "./gammaGamma";
export * from "./tracking";
export * from "./models";
export { nelderMead, minimise } from "./optimize";

/** The fitted models in the shape `tiers fit --json` prints (SPEC §9). */
export interface ClvFit {
  customers: number;
  repeaters: number;
  bgnbd: BgNbdParams & { ll: number };
  /** NaN parameters when it was not fitted (not asked for, or no convergence). */
  mbgnbd: MbgNbdParams & { ll: number };
  paretonbd: ParetoNbdParams & { ll: number };
  gammagamma: GammaGammaParams & { ll: number; n: number };
}

/** Why no CLV is given, in English and Chinese. */
export interface ClvRefusal {
  ok: false;
  message: string;
  zh: string;
}

const refusal = (message: string, zh: string): ClvRefusal => ({ ok: false, message, zh });

export type ClvFitOutcome = { ok: true; fit: ClvFit; summary: ClvSummary } | ClvRefusal;

const NOT_FITTED = { params: { r: NaN, alpha: NaN, s: NaN, beta: NaN }, ll: NaN, converged: false };
const NOT_FITTED_MBG = { params: { r: NaN, alpha: NaN, a: NaN, b: NaN }, ll: NaN, converged: false };


/** P(alive) and E[Y(t) | x, t_x, T] of one fitted purchase model. */
export interface PurchaseFunctions {
  pAlive(x: number, tx: number, T: number): number;
  expected(t: number, x: number, tx: number, T: number): number;
}

/** The chosen model's functions, or null when it was not fitted. */
export function purchaseFunctions(fit: ClvFit, model: PurchaseModel): PurchaseFunctions | null {
  if (model === "bgnbd") return { pAlive: (x, tx, T) => bgNbdPAlive(fit.bgnbd, x, tx, T), expected: (t, x, tx, T) => bgNbdConditionalExpected(fit.bgnbd, t, x, tx, T) };
  if (model === "mbgnbd") return Number.isFinite(fit.mbgnbd.ll) ? { pAlive: (x, tx, T) => mbgNbdPAlive(fit.mbgnbd, x, tx, T), expected: (t, x, tx, T) => mbgNbdConditionalExpected(fit.mbgnbd, t, x, tx, T) } : null;
  // Pareto/NBD's E[Y(t)] = … / (s − 1) · [1 − ((β+T)/(β+T+t))^(s−1)] is finite for every s ≠ 1.
  return Number.isFinite(fit.paretonbd.ll) && Math.abs(fit.paretonbd.s - 1) > 1e-9 ? { pAlive: (x, tx, T) => paretoNbdPAlive(fit.paretonbd, x, tx, T), expected: (t, x, tx, T) => paretoNbdConditionalExpected(fit.paretonbd, t, x, tx, T) } : null;
}

/** Fewest repeat customers a fit is attempted on. */
export const MIN_REPEATERS = 10;
/** Above this frequency–spend correlation among repeaters, Gamma-Gamma's independence assumption is refused. */
export const MAX_SPEND_CORRELATION = 0.3;

function pearson(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

const finite = (o: object) => Object.values(o).every((v) => Number.isFinite(v));

/**
 * Fits the models on transactions whose statuses are set against `asOfDay`: BG/NBD and Gamma-Gamma
 * always, MBG/NBD and Pareto/NBD when `models` names them (`tiers fit` reports all three; a CLV
 * needs only the one it uses).
 */
export function fitClvModels(tx: Transactions, asOfDay: number, unit: PeriodUnit, models: readonly PurchaseModel[] = PURCHASE_MODELS): ClvFitOutcome {
  const summary = clvSummary(tx, asOfDay, unit);
  const n = summary.x.length;
  const repeatX: number[] = [];
  const repeatZ: number[] = [];
  for (let i = 0; i < n; ++i) if (summary.x[i] > 0 && summary.zbar[i] > 0) {
    repeatX.push(summary.x[i]);
    repeatZ.push(summary.zbar[i]);
  }
  const repeaters = summary.x.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
  if (n === 0) return refusal("No customers with valid purchases: nothing to fit.", "没有有效购买的客户：无从拟合。");
  if (repeaters < MIN_REPEATERS)
    return refusal(`Only ${repeaters} of ${n} customers bought on more than one day; lifetime value needs at least ${MIN_REPEATERS} repeat customers.`, `${n} 位客户中只有 ${repeaters} 位在不止一天购买过；计算客户终身价值至少需要 ${MIN_REPEATERS} 位回头客。`);
  let maxT = 0;
  for (let i = 0; i < n; ++i) maxT = Math.max(maxT, summary.T[i]);
  if (maxT <= 0) return refusal("All purchases fall on the last day before the as-of date: there is no history to fit.", "所有购买都在截止日期的前一天：没有可供拟合的购买历史。");
  const correlation = pearson(repeatX, repeatZ);
  if (Math.abs(correlation) > MAX_SPEND_CORRELATION)
    return refusal(`Purchase frequency and spend per purchase are correlated (r = ${correlation.toFixed(2)}); the Gamma-Gamma spend model assumes they are independent, so no CLV is given.`, `购买频次与单次消费相关（r = ${correlation.toFixed(2)}）；Gamma-Gamma 消费模型假定二者独立，因此不给出客户终身价值。`);

  const patterns = toPatterns(summary.x, summary.tx, summary.T);
  const scale = Math.max(1, maxT / 10);
  const bg = fitBgNbd(patterns, scale);
  // Fitted also where BG/NBD finds almost no drop-out: Pareto/NBD's drop-out rate then runs to its
  // bound, where the likelihood's 2F1 is taken by quadrature (special.ts), and the no-drop-out note says so.
  const pn = models.includes("paretonbd") ? fitParetoNbd(patterns, scale) : NOT_FITTED;
  const mbg = models.includes("mbgnbd") ? fitMbgNbd(patterns, scale) : NOT_FITTED_MBG;
  const gg = fitGammaGamma(Float64Array.from(repeatX), Float64Array.from(repeatZ));
  if (!bg.converged || !finite(bg.params) || !Number.isFinite(bg.ll)) return refusal("The BG/NBD model did not converge on this data; no CLV is given.", "BG/NBD 模型在此数据上未收敛；不给出客户终身价值。");
  if (!gg.converged || !finite(gg.params) || gg.params.q <= 1) return refusal("The Gamma-Gamma spend model did not converge (or has no finite mean) on this data; no CLV is given.", "Gamma-Gamma 消费模型在此数据上未收敛（或没有有限的均值）；不给出客户终身价值。");
  return {
    ok: true,
    summary,
    fit: {
      customers: n,
      repeaters,
      bgnbd: { ...bg.params, ll: bg.ll },
      mbgnbd: mbg.converged && finite(mbg.params) && Number.isFinite(mbg.ll) ? { ...mbg.params, ll: mbg.ll } : { ...NOT_FITTED_MBG.params, ll: NaN },
      paretonbd: pn.converged && finite(pn.params) ? { ...pn.params, ll: pn.ll } : { ...NOT_FITTED.params, ll: NaN },
      gammagamma: { ...gg.params, ll: gg.ll, n: repeatX.length },
    },
  };
}

export interface ClvOptions {
  unit: PeriodUnit;
  /** The purchase model behind p_alive, expected purchases and CLV (default BG/NBD). */
  model?: PurchaseModel;
  /** Months in the CLV sum (default 12). */
  horizonMonths?: number;
  /** Monthly discount rate d (default 0.01). */
  monthlyDiscount?: number;
}

/** What a reader of the CLV columns must be told about the fit behind them, in English and Chinese. */
export interface ClvNote {
  code: "no_drop_out";
  message: string;
  zh: string;
}

/** Every customer's P(alive) at least this: the fit found no drop-out at all. */
export const NO_DROP_OUT_P_ALIVE = 0.999;

/**
 * The note for a fit that found no drop-out: its drop-out parameter at the boundary (a → 0 or b → ∞,
 * s/β → 0) because no customer's history looks like leaving — e.g. purchases spread evenly to the
 * end of the data. That is the maximum-likelihood answer, but P(alive) = 1 for everyone must not pass
 * as a finding about the customers.
 */
function noDropOutNote(model: PurchaseModel, lowest: number): ClvNote {
  const name = MODEL_NAMES[model];
  const shown = lowest.toFixed(4);
  return {
    code: "no_drop_out",
    message: `The data show no customers leaving: the ${name} fit puts drop-out at zero (its bound), so P(alive) is 1 for everyone (lowest ${shown}) and the CLV assumes no churn.`,
    zh: `数据中看不到客户流失：${name} 模型拟合的流失率为 0（落在参数边界），因此所有客户的存活概率都是 1（最低 ${shown}），客户终身价值按不流失计算。`,
  };
}

export interface ClvColumns {
  /** The purchase model behind p_alive, expected purchases and CLV. */
  model: PurchaseModel;
  /** Said with the columns (CLI, pane, Method sheet). */
  notes: ClvNote[];
  /** Indexed by customer dictionary index; NaN only for ids that are not graded customers. */
  pAlive: Float64Array;
  expectedPurchases90d: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
  fit: ClvFit;
}

/**
 * clv = Σ_{k=1..M} E[spend] · (E[Y(k·m)] − E[Y((k−1)·m)]) / (1 + d)^k, m = one month in the unit.
 */
export function discountedClv(model: PurchaseFunctions, spend: number, x: number, tx: number, T: number, monthInUnits: number, months: number, discount: number): number {
  let total = 0;
  let previous = 0;
  for (let k = 1; k <= months; ++k) {
    const current = model.expected(k * monthInUnits, x, tx, T);
    total += (spend * (current - previous)) / Math.pow(1 + discount, k);
    previous = current;
  }
  return total;
}

/** CLV columns for a graded result. */
export function clvForResult(result: GradeResult, options: ClvOptions): { ok: true; columns: ClvColumns } | ClvRefusal {
  const choice = options.model ?? "bgnbd";
  const outcome = fitClvModels(result.transactions, result.asOfDay, options.unit, [choice]);
  if (!outcome.ok) return outcome;
  const { fit, summary } = outcome;
  const model = purchaseFunctions(fit, choice);
  if (!model)
    return refusal(
      `The ${MODEL_NAMES[choice]} model could not be fitted on this data${choice === "paretonbd" ? " (it needs some drop-out)" : ""}; choose BG/NBD, or no CLV is given.`,
      `${MODEL_NAMES[choice]} 模型无法在此数据上拟合${choice === "paretonbd" ? "（它需要数据中有客户流失）" : ""}；请改选 BG/NBD，否则不给出客户终身价值。`,
    );
  const size = result.measures.size;
  const pAlive = new Float64Array(size).fill(NaN);
  const expectedPurchases90d = new Float64Array(size).fill(NaN);
  const expectedSpend = new Float64Array(size).fill(NaN);
  const clv = new Float64Array(size).fill(NaN);
  const unitDays = UNIT_DAYS[options.unit];
  const month = 365.25 / 12 / unitDays;
  const months = options.horizonMonths ?? 12;
  const discount = options.monthlyDiscount ?? 0.01;
  for (let i = 0; i < summary.customers.length; ++i) {
    const c = summary.customers[i];
    if (result.measures.kind[c] !== KIND_CUSTOMER) continue;
    const x = summary.x[i], tx = summary.tx[i], T = summary.T[i];
    const spend = gammaGammaExpectedSpend(fit.gammagamma, x, summary.zbar[i]);
    pAlive[c] = model.pAlive(x, tx, T);
    expectedPurchases90d[c] = model.expected(90 / unitDays, x, tx, T);
    expectedSpend[c] = spend;
    clv[c] = discountedClv(model, spend, x, tx, T, month, months, discount);
  }
  for (const arr of [pAlive, expectedPurchases90d, expectedSpend, clv])
    for (const c of result.measures.customerIndexes)
      if (!Number.isFinite(arr[c])) return refusal(`The models gave no finite value for customer ${result.measures.ids[c]}; no CLV is given.`, `模型对客户 ${result.measures.ids[c]} 没有给出有限的数值；不给出客户终身价值。`);
  let lowest = 1;
  for (const c of result.measures.customerIndexes) lowest = Math.min(lowest, pAlive[c]);
  const notes = lowest >= NO_DROP_OUT_P_ALIVE ? [noDropOutNote(choice, lowest)] : [];
  return { ok: true, columns: { model: choice, notes, pAlive, expectedPurchases90d, expectedSpend, clv, fit } };
}

/**
 * CLV tiers: A/B/C by cumulative share of total 12-month CLV, largest first, ties by customer id —
 * the Pareto rule of SPEC §5.3 applied to predicted instead of past value. Codes per customer index
 * (NO_GRADE for ids that are not graded customers).
 */
export function clvTiers(result: GradeResult, clv: Float64Array): Uint8Array {
  const { measures, outputOrder } = result;
  const ids: number[] = [];
  for (const c of outputOrder) if (measures.kind[c] === KIND_CUSTOMER) ids.push(c);
  const values = Float64Array.from(ids, (c) => Math.max(0, clv[c]));
  const rank = Uint32Array.from(ids, (_, k) => k); // outputOrder is id order
  const tiers = paretoTiers(values, rank, result.options.valueTiers.a, result.options.valueTiers.b);
  const out = new Uint8Array(measures.size).fill(NO_GRADE);
  ids.forEach((c, k) => (out[c] = tiers[k]));
  return out;
}

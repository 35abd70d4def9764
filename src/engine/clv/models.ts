/** The purchase (and drop-out) models a CLV can be computed with, and their names — no model code, so the report can name them without loading the fits. */
export const PURCHASE_MODELS = ["bgnbd", "mbgnbd", "paretonbd"] as const;
export type PurchaseModel = (typeof PURCHASE_MODELS)[number];
export const MODEL_NAMES: Record<PurchaseModel, string> = { bgnbd: "BG/NBD", mbgnbd: "MBG/NBD", paretonbd: "Pareto/NBD" };

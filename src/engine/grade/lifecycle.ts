/** Lifecycle stages (SPEC §6): the first rule that matches wins. */
import type { GradeOptions } from "./options";

export const STAGE_PROSPECT = 0;
export const STAGE_LOST = 1;
export const STAGE_DORMANT = 2;
export const STAGE_AT_RISK = 3;
export const STAGE_NEW = 4;
export const STAGE_REACTIVATED = 5;
export const STAGE_LOYAL = 6;
export const STAGE_ACTIVE = 7;

/** LIFECYCLE_STAGES code of a graded customer (prospects are STAGE_PROSPECT, decided before). */
export function lifecycleStage(
  recencyDays: number,
  tenureDays: number,
  purchaseDays: number,
  lastGapDays: number,
  frequency: number,
  windows: GradeOptions["lifecycle"],
): number {
  if (recencyDays > windows.lostDays) return STAGE_LOST;
  if (recencyDays > windows.dormantDays) return STAGE_DORMANT;
  if (recencyDays > windows.activeDays) return STAGE_AT_RISK;
  if (tenureDays <= windows.newDays) return STAGE_NEW;
  if (purchaseDays >= 2 && lastGapDays > windows.reactivationGapDays) return STAGE_REACTIVATED;
  if (frequency >= windows.loyalOrders) return STAGE_LOYAL;
  return STAGE_ACTIVE;
}

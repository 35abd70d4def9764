/** Grades per customer, indexed like CustomerMeasures; NO_GRADE (or score 0) where there is none. */
export interface CustomerGrades {
  rScore: Uint8Array;
  fScore: Uint8Array;
  mScore: Uint8Array;
  rfSegment: Uint8Array;
  rfm8: Uint8Array;
  valueTier: Uint8Array;
  frequencyTier: Uint8Array;
  amountTier: Uint8Array;
  lifecycle: Uint8Array;
}

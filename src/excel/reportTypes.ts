/** Shapes the report writers pass between them (extra Customers columns, the holdout curve, the cluster scatter). */
import type { TrackingPoint } from "../engine/clv";
import type { OutCell } from "../engine/report/customerTable";

export interface ExtraCustomerColumns {
  header: string[];
  values: (c: number) => OutCell[];
  formats: string[];
}

export interface Tracking {
  points: TrackingPoint[];
  calibrationEnd: string;
}

export interface Scatter {
  header: string[];
  rows: (number | null)[][];
}

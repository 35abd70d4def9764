/** What the caller computed besides the grades (CLV, clusters, trends, a holdout, an earlier grade), for the plan to show. */
import type { ClvColumns, TrackingPoint } from "../clv";
import type { Clustering } from "../cluster";
import type { GradeResult } from "../grade/pipeline";
import type { Trends } from "./trend";
import type { MemberLevels } from "../grade/memberLevels";
import type { Breakdown } from "../grade/breakdown";

export interface PlanExtras {
  /** CLV columns (clvForResult) and the CLV tier per customer (clvTiers). */
  clv?: { columns: ClvColumns; tiers: Uint8Array } | null;
  clustering?: Clustering | null;
  /** Trend and activity columns, and the valuable-customers table. */
  trends?: Trends | null;
  /** BG/NBD fitted before calibrationEnd and tracked week by week. */
  tracking?: { points: TrackingPoint[]; calibrationEnd: string } | null;
  /** The same data graded at an earlier as-of date: the segment migration since. */
  earlier?: GradeResult | null;
  /** Member levels (会员等级) on the user's ladder. */
  levels?: MemberLevels | null;
  /** Breakdown by a dimension (`--by Country`): each customer's value. */
  breakdown?: Breakdown | null;
}

/**
 * The add-in's data-driven extras: cluster, trend and activity columns for the Customers sheet, and
 * the tables the Summary sheet shows for them (cluster profiles, the three valuable kinds).
 */
import { clusterCustomers, type Clustering } from "../engine/cluster";
import { cohortTable } from "../engine/report/cohorts";
import { asOfText, type GradeResult } from "../engine/grade/pipeline";
import { labelText, NO_GRADE, RF_SEGMENTS } from "../engine/labels";
import { migration } from "../engine/report/migration";
import type { SheetTable } from "../engine/report/reportTables";
import { activityValue, customerTrends, TRENDS, VALUABLE_KINDS, valuableCustomers, type Trends } from "../engine/report/trend";
import type { Lang } from "../engine/types";
import type { ExtraCustomerColumns, Scatter } from "./reportTypes";

export interface Extras {
  trends: Trends;
  clustering: Clustering | null;
}

export function computeExtras(result: GradeResult, clusters: boolean | number | undefined): Extras {
  const k = typeof clusters === "number" ? clusters : undefined;
  return { trends: customerTrends(result), clustering: clusters ? clusterCustomers(result, { k }) : null };
}

/** Joins several groups of extra columns into one. */
export function joinColumns(parts: (ExtraCustomerColumns | null)[]): ExtraCustomerColumns | null {
  const list = parts.filter((p): p is ExtraCustomerColumns => p !== null);
  if (!list.length) return null;
  return { header: list.flatMap((p) => p.header), formats: list.flatMap((p) => p.formats), values: (c) => list.flatMap((p) => p.values(c)) };
}

export function extraColumns(extras: Extras, lang: Lang): ExtraCustomerColumns {
  const { trends, clustering } = extras;
  const zh = lang === "zh";
  const header = [zh ? "消费趋势" : "Trend", zh ? "活跃指数" : "Activity index", ...(clustering ? [zh ? "聚类" : "Cluster"] : [])];
  return {
    header,
    formats: ["", "0.00", ...(clustering ? [""] : [])],
    values: (c) => {
      const trend = trends.trend[c] === NO_GRADE ? null : labelText(TRENDS, trends.trend[c], lang);
      const activity = activityValue(trends.activity[c]);
      const cluster = clustering ? [clustering.cluster[c] === NO_GRADE ? null : clustering.profiles[clustering.cluster[c]].name[lang]] : [];
      return [trend, activity, ...cluster];
    },
  };
}

export function extraTables(result: GradeResult, extras: Extras, lang: Lang): SheetTable[] {
  const zh = lang === "zh";
  const total = result.summary.revenue;
  const share = (v: number) => (total > 0 ? Math.round((v / total) * 10000) / 10000 : 0);
  const tables: SheetTable[] = [
    {
      title: zh ? "三类重点客户" : "Valuable customers",
      header: [zh ? "类别" : "Kind", zh ? "客户数" : "Customers", zh ? "收入" : "Revenue", zh ? "收入占比" : "Share of revenue", zh ? "建议行动" : "Recommended action"],
      rows: valuableCustomers(result, extras.trends).map((v, k) => [VALUABLE_KINDS[k][lang], v.customers, v.revenue, share(v.revenue), VALUABLE_KINDS[k].action[lang]]),
      moneyColumn: 2,
      shareColumn: 3,
    },
  ];
  if (extras.clustering) {
    tables.push({
      title: zh ? `聚类（k = ${extras.clustering.k}）` : `Clusters (k = ${extras.clustering.k})`,
      header: [zh ? "聚类" : "Cluster", zh ? "客户数" : "Customers", zh ? "收入占比" : "Share of revenue", zh ? "最近购买天数中位数" : "Median recency (days)", zh ? "购买次数中位数" : "Median frequency", zh ? "消费金额中位数" : "Median monetary"],
      rows: extras.clustering.profiles.map((p) => [p.name[lang], p.customers, Math.round(p.revenueShare * 10000) / 10000, p.median.recency, p.median.frequency, p.median.monetary]),
    });
  }
  return tables;
}

/**
 * Frequency (x) against monetary (y), one column of y per cluster so that an XY scatter colours the
 * clusters: at most 200 customers per cluster, evenly spaced in id order (deterministic).
 */
export function scatterPoints(result: GradeResult, extras: Extras, perCluster = 200): Scatter | null {
  const clustering = extras.clustering;
  if (!clustering) return null;
  const { measures } = result;
  const members: number[][] = clustering.profiles.map(() => []);
  for (const c of result.outputOrder) if (clustering.cluster[c] !== NO_GRADE) members[clustering.cluster[c]].push(c);
  const rows: (number | null)[][] = [];
  members.forEach((list, j) => {
    const step = Math.max(1, list.length / perCluster);
    for (let t = 0; t < list.length && rows.length < 5000; t += step) {
      const c = list[Math.floor(t)];
      const row: (number | null)[] = new Array(members.length + 1).fill(null);
      row[0] = measures.frequency[c];
      row[j + 1] = measures.monetary[c];
      rows.push(row);
    }
  });
  return { header: ["F", ...clustering.profiles.map((p) => p.name.en)], rows };
}

/** Segment migration from an earlier as-of date to this grade, as a Summary table with a heat map. */
export function migrationTable(earlier: GradeResult, result: GradeResult, lang: Lang): SheetTable {
  const moved = migration(earlier, result);
  const zh = lang === "zh";
  const names = RF_SEGMENTS.map((s) => s[lang]);
  const from = asOfText(earlier), to = asOfText(result);
  return {
    title: zh ? `分群迁移：${from} → ${to}（客户数）` : `Segment migration ${from} → ${to} (customers)`,
    header: [zh ? "原分群 \\ 现分群" : "Segment then \\ now", ...names],
    rows: moved.counts.map((row, k) => [k === 0 ? (zh ? "（新客户）" : "(new)") : names[k - 1], ...row]),
    heatFromColumn: 1,
  };
}

/** First-month cohorts × months since (retention %), at most 24 months, as a Summary table with a heat map. */
export function cohortSheetTable(result: GradeResult, lang: Lang): SheetTable {
  const table = cohortTable(result);
  const zh = lang === "zh";
  const months = Math.min(24, 1 + table.cells.reduce((m, c) => Math.max(m, c.monthsSinceFirst), 0));
  const rows = table.cohorts.map(({ cohort, size }) => {
    const row: (string | number)[] = [cohort, size, ...new Array(months).fill(0)];
    for (const c of table.cells) if (c.cohort === cohort && c.monthsSinceFirst < months) row[2 + c.monthsSinceFirst] = Math.round(c.retention * 1000) / 1000;
    return row;
  });
  return {
    title: zh ? "同期群留存（首购月 × 此后月数，占比）" : "Cohort retention (first-purchase month × months since, share)",
    header: [zh ? "首购月" : "Cohort", zh ? "客户数" : "Customers", ...Array.from({ length: months }, (_, m) => `M${m}`)],
    rows,
    heatFromColumn: 2,
  };
}

/**
 * What the grade found: customers and rows, the as-of date and period, revenue in the amount
 * column's currency, the segments with their shares, what was assumed, CLV / cluster / trend lines
 * when computed, and links that open each sheet written.
 */
import * as React from "react";
import { Link, MessageBar, MessageBarBody, Text } from "@fluentui/react-components";
import type { Lang, ReadNote } from "../engine/common/types";
import type { GradeReport, TiersHost } from "../excel/host";
import { moneyFormatter, percent } from "./formatCell";
import { paneText } from "./optionWords";
import { SegmentTable } from "./SegmentTable";
import { STRINGS } from "./strings";
import { useStyles } from "./styles";

interface Props {
  report: GradeReport;
  /** Whether the user typed an as-of date (else the default was assumed, and the pane says so). */
  asOfGiven: boolean;
  lang: Lang;
  amountFormat?: string;
  host: TiersHost;
}

export const Results = React.forwardRef<HTMLHeadingElement, Props>(function Results({ report, asOfGiven, lang, amountFormat, host }, heading) {
  const t = STRINGS[lang];
  const styles = useStyles();
  const money = moneyFormatter(amountFormat, lang);
  const excluded = Object.entries(report.rows.excluded).filter(([, r]) => r.count > 0);
  const assumed = [...(asOfGiven ? [] : [t.asOfAssumed(report.asOf)]), ...report.notes.map(noteText(lang))];
  const w = report.written;
  const sheets: { label: string; target: string }[] = [
    { label: `${t.gradeColumns} (${w.gradeColumns})`, target: w.gradeColumns },
    { label: w.customers, target: w.customers },
    { label: w.summary, target: w.summary },
    { label: w.method, target: w.method },
    ...(w.formulaSheets ?? []).map((name) => ({ label: name, target: name })),
  ];
  const locale = lang === "zh" ? "zh-CN" : "en-US";
  const list = (items: string[]) => items.join(lang === "zh" ? "，" : ", ");
  return (
    <section aria-labelledby="results-heading" className={styles.section}>
      <h2 className={styles.heading} id="results-heading" tabIndex={-1} ref={heading}>
        {t.results}
      </h2>
      <Text as="p" weight="semibold" className={styles.para}>
        {t.summaryLine(t.customers(report.summary.customers), report.rows.included, report.rows.rowsRead)}
      </Text>
      <Text as="p" className={styles.para}>{t.asOfLine(report.asOf, report.period?.first, report.period?.last)}</Text>
      <Text as="p" className={styles.para}>{t.revenueLine(money(report.summary.revenue))}</Text>
      {excluded.map(([reason, r]) => (
        <Text as="p" key={reason} className={`${styles.para} ${styles.hint}`}>
          {t.excluded(r.count, t.reasons[reason] ?? reason, r.column, r.rows.join(", "))}
        </Text>
      ))}
      {assumed.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <h3 className={styles.heading}>{t.assumed}</h3>
            <ul className={styles.list}>
              {assumed.map((note, i) => (
                <li key={i}>{note}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {report.clv && <Text as="p" className={styles.para}>{t.clvLine(money(report.clv.total12m), t.customers(report.clv.customers), percent(report.clv.meanPAlive, lang))}</Text>}
      {report.clusters && report.clusters.length > 0 && <Text as="p" className={styles.para}>{t.clustersLine(list(report.clusters.map((c) => `${c.name[lang]} (${c.customers.toLocaleString(locale)})`)))}</Text>}
      {report.trends && report.trends.some((x) => x.customers > 0) && (
        <Text as="p" className={styles.para}>{t.trendsLine(list(report.trends.filter((x) => x.customers > 0).map((x) => `${x.customers.toLocaleString(locale)} ${t.trendNames[x.key] ?? x.key}`)))}</Text>
      )}
      {report.migrationFrom && <Text as="p" className={styles.para}>{t.migrationLine(report.migrationFrom)}</Text>}
      <SegmentTable report={report} lang={lang} money={money} onSelect={(key) => void host.selectSegment(key)} />
      <h3 className={styles.heading} id="sheets-heading">
        {t.sheets}
      </h3>
      <ul className={styles.links} aria-labelledby="sheets-heading">
        {sheets.map((s) => (
          <li key={s.target}>{host.showSheet ? <Link as="button" onClick={() => void host.showSheet!(s.target)}>{s.label}</Link> : <Text>{s.label}</Text>}</li>
        ))}
      </ul>
    </section>
  );
});

/** Notes come as the host's text, or as the engine's notes, said in the pane's words and language. */
function noteText(lang: Lang) {
  return (note: string | ReadNote) => (typeof note === "string" ? note : paneText(note, lang));
}

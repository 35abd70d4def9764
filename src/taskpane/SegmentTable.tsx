/**
 * Customers and revenue per RF segment with their shares and the recommended action, and a link that
 * filters the sheet to the segment's rows. A list rather than a table: the pane is narrow and actions are long.
 */
import * as React from "react";
import { Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { SEGMENT_ACTIONS } from "../engine/grade/actions";
import { RF_SEGMENTS } from "../engine/common/labels";
import type { Lang } from "../engine/common/types";
import type { GradeReport } from "../excel/host";
import { percent } from "./formatCell";
import { STRINGS } from "./strings";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: "10px" },
  item: { display: "flex", flexDirection: "column", rowGap: "2px", borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: "8px" },
  head: { display: "flex", justifyContent: "space-between", columnGap: "8px", flexWrap: "wrap" },
  share: { color: tokens.colorNeutralForeground2 },
  action: { color: tokens.colorNeutralForeground2 },
});

export function SegmentTable({ report, lang, money, onSelect }: { report: GradeReport; lang: Lang; money: (v: number) => string; onSelect: (segmentKey: string) => void }) {
  const t = STRINGS[lang];
  const styles = useStyles();
  const { customers, revenue } = report.summary;
  const rows = report.summary.segments.filter((g) => g.customers > 0);
  return (
    <ul className={styles.list} aria-label={t.segment}>
      {rows.map((g) => {
        const label = RF_SEGMENTS[g.code];
        return (
          <li key={label.key} className={styles.item}>
            <div className={styles.head}>
              <Link as="button" onClick={() => onSelect(label.key)} title={t.showRows(label[lang])}>
                {label[lang]}
              </Link>
              <Text>{`${t.customers(g.customers)} · ${money(g.revenue)}`}</Text>
            </div>
            <Text size={200} className={styles.share} data-share="">
              {t.share(percent(customers ? g.customers / customers : 0, lang), percent(revenue ? g.revenue / revenue : 0, lang))}
            </Text>
            <Text size={200} className={styles.action}>
              {SEGMENT_ACTIONS[g.code][lang]}
            </Text>
          </li>
        );
      })}
    </ul>
  );
}

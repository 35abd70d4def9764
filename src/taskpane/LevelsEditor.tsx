/**
 * The member-level ladder (会员等级): one row per level, a name and the threshold from which it applies
 * (inclusive), rows added and removed; its problem (the engine's checkLadder rules, worded by the
 * pane) shown under the rows and marked on the inputs.
 */
import * as React from "react";
import { Button, Input, Text, tokens, makeStyles } from "@fluentui/react-components";
import type { LevelRow } from "./optionFields";
import type { Strings } from "./strings";

const useLevelStyles = makeStyles({
  set: { border: "none", margin: 0, padding: 0, minWidth: 0, display: "flex", flexDirection: "column", rowGap: "4px" },
  legend: { padding: 0, marginBottom: "2px", fontWeight: tokens.fontWeightRegular },
  row: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 7em) 32px", columnGap: "4px", alignItems: "center" },
  head: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  error: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1 },
  add: { alignSelf: "flex-start" },
  input: { width: "100%", minWidth: 0 },
  remove: { minWidth: "32px", maxWidth: "32px", paddingLeft: 0, paddingRight: 0 },
});

export function LevelsEditor({ label, hint, rows, onChange, problem, disabled, t }: { label: string; hint?: string; rows: LevelRow[]; onChange: (rows: LevelRow[]) => void; problem?: string; disabled: boolean; t: Strings }) {
  const styles = useLevelStyles();
  const set = (i: number, part: Partial<LevelRow>) => onChange(rows.map((r, k) => (k === i ? { ...r, ...part } : r)));
  const described = [hint ? "levels-hint" : "", problem ? "levels-error" : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={styles.set} id="field-levels" aria-describedby={described}>
      <legend className={styles.legend}>{label}</legend>
      {rows.length === 0 ? (
        <Text className={styles.hint}>{t.noLevels}</Text>
      ) : (
        <div className={styles.row} aria-hidden="true">
          <span className={styles.head}>{t.levelName}</span>
          <span className={styles.head}>{t.levelThreshold}</span>
          <span />
        </div>
      )}
      {rows.map((row, i) => (
        <div className={styles.row} key={i}>
          <Input className={styles.input} aria-label={`${t.levelName} ${i + 1}`} aria-invalid={problem ? true : undefined} aria-describedby={problem ? "levels-error" : undefined} value={row.name} disabled={disabled} onChange={(_, d) => set(i, { name: d.value })} />
          <Input className={styles.input} aria-label={`${t.levelThreshold} ${i + 1}`} aria-invalid={problem ? true : undefined} aria-describedby={problem ? "levels-error" : undefined} type="number" inputMode="decimal" value={row.threshold} disabled={disabled} onChange={(_, d) => set(i, { threshold: d.value })} />
          <Button appearance="subtle" className={styles.remove} aria-label={t.removeLevel(row.name.trim())} title={t.removeLevel(row.name.trim())} disabled={disabled} onClick={() => onChange(rows.filter((_, k) => k !== i))}>
            ×
          </Button>
        </div>
      ))}
      <Button size="small" className={styles.add} disabled={disabled} onClick={() => onChange([...rows, { name: "", threshold: rows.length === 0 ? "0" : "" }])}>
        {t.addLevel}
      </Button>
      {problem && (
        <Text id="levels-error" className={styles.error} role="alert">
          {problem}
        </Text>
      )}
      {hint && (
        <Text id="levels-hint" className={styles.hint}>
          {hint}
        </Text>
      )}
    </fieldset>
  );
}

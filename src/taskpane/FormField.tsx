/** One option control drawn from its FieldSpec (optionFields.ts): label, hint and problem on the field. */
import * as React from "react";
import { Field, Input, Select, Switch } from "@fluentui/react-components";
import type { FieldSpec, FormValues, LevelRow } from "./optionFields";
import { LevelsEditor } from "./LevelsEditor";
import type { Strings } from "./strings";
import { useStyles } from "./styles";

export function FormField({ spec, values, onChange, problem, disabled, t, columns = [], note }: { spec: FieldSpec; values: FormValues; onChange: (key: keyof FormValues, value: string | boolean | LevelRow[]) => void; problem?: string; disabled: boolean; t: Strings; columns?: readonly string[]; note?: string }) {
  const styles = useStyles();
  if (spec.shownWhen && !spec.shownWhen(values)) return null;
  const label = spec.label(t);
  // A note (what the host found, e.g. how many ids the exclusion list has) takes the hint's place.
  const hint = note ?? spec.hint?.(t, values);
  const id = `field-${spec.key}`;
  if (spec.kind === "levels") return <LevelsEditor label={label} hint={hint} rows={values.levels} onChange={(rows) => onChange(spec.key, rows)} problem={problem} disabled={disabled} t={t} />;
  if (spec.kind === "column") {
    const value = String(values[spec.key]);
    // A saved column the selection no longer has stays visible (with its problem) rather than vanishing.
    const choices = value && !columns.includes(value) ? [...columns, value] : columns;
    return (
      <Field label={label} hint={hint} validationMessage={problem} validationState={problem ? "error" : "none"} className={styles.field}>
        <Select id={id} className={styles.control} value={value} disabled={disabled} onChange={(_, d) => onChange(spec.key, d.value)}>
          <option value="">{t.none}</option>
          {choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  if (spec.kind === "switch")
    return (
      <Field hint={hint} validationMessage={problem} validationState={problem ? "error" : "none"}>
        <Switch id={id} label={label} checked={Boolean(values[spec.key])} disabled={disabled} onChange={(_, d) => onChange(spec.key, d.checked)} />
      </Field>
    );
  return (
    <Field label={label} hint={hint} validationMessage={problem} validationState={problem ? "error" : "none"} className={styles.field}>
      {spec.kind === "select" ? (
        <Select id={id} className={styles.control} value={String(values[spec.key])} disabled={disabled} onChange={(_, d) => onChange(spec.key, d.value)}>
          {spec.choices(t).map((c) => (
            <option key={c.value} value={c.value}>
              {c.text}
            </option>
          ))}
        </Select>
      ) : (
        <Input
          id={id}
          className={styles.control}
          // Dates are typed as text: a native date input is three Tab stops in Chromium and reads differently per locale.
          type={spec.kind === "number" ? "number" : "text"}
          inputMode={spec.kind === "number" ? "numeric" : undefined}
          min={spec.kind === "number" ? 0 : undefined}
          placeholder={typeof spec.placeholder === "function" ? spec.placeholder(t) : spec.placeholder}
          value={String(values[spec.key])}
          disabled={disabled}
          onChange={(_, d) => onChange(spec.key, d.value)}
        />
      )}
    </Field>
  );
}

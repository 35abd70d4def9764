/** One option control drawn from its FieldSpec (optionFields.ts): label, hint and problem on the field. */
import * as React from "react";
import { Field, Input, Select, Switch } from "@fluentui/react-components";
import type { FieldSpec, FormValues } from "./optionFields";
import type { Strings } from "./strings";
import { useStyles } from "./styles";

export function FormField({ spec, values, onChange, problem, disabled, t }: { spec: FieldSpec; values: FormValues; onChange: (key: keyof FormValues, value: string | boolean) => void; problem?: string; disabled: boolean; t: Strings }) {
  const styles = useStyles();
  if (spec.shownWhen && !spec.shownWhen(values)) return null;
  const label = spec.label(t);
  const hint = spec.hint?.(t);
  const id = `field-${spec.key}`;
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
          placeholder={spec.placeholder}
          value={String(values[spec.key])}
          disabled={disabled}
          onChange={(_, d) => onChange(spec.key, d.value)}
        />
      )}
    </Field>
  );
}

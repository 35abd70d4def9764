/**
 * The first rows as the sheet shows them (number formats, dates by the workbook's date system), the
 * header row marked and each mapped column tagged with its field. Scrolls sideways in a focusable
 * region, so it can be read with the keyboard at 320 px.
 */
import * as React from "react";
import type { Field } from "../engine/common/types";
import type { SelectionPreview } from "../excel/host";
import { showCell } from "./formatCell";
import type { Strings } from "./strings";
import { useStyles } from "./styles";

export function PreviewTable({ preview, mapping, t }: { preview: SelectionPreview; mapping: Record<Field, number | null>; t: Strings }) {
  const styles = useStyles();
  const fieldOf = (column: number) => (Object.keys(mapping) as Field[]).find((f) => mapping[f] === column);
  return (
    <div>
      <span id="preview-caption" className={styles.caption}>
        {t.preview}
      </span>
      <div className={styles.scroll} role="region" aria-labelledby="preview-caption" tabIndex={0}>
      <table className={styles.previewTable} aria-labelledby="preview-caption">
        <thead>
          <tr>
            {preview.headers.map((h, c) => {
              const field = fieldOf(c);
              return (
                <th key={c} scope="col" className={`${styles.previewCell} ${styles.previewHead}`}>
                  {h}
                  {field && <span className={styles.fieldTag}>{t.field[field]}</span>}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {preview.sampleRows.map((row, r) => (
            <tr key={r}>
              {preview.headers.map((_, c) => {
                const shown = showCell(row[c], preview.sampleFormats?.[r]?.[c], preview.dateSystem, mapping.date === c);
                return (
                  <td key={c} className={shown.numeric ? `${styles.previewCell} ${styles.numeric}` : styles.previewCell}>
                    {shown.text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}

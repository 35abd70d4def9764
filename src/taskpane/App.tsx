/**
 * The task pane: the detected column mapping, options, Grade with progress and Cancel, and the
 * results. It talks to the workbook only through TiersHost.
 */
import * as React from "react";
import {
  Button,
  Field,
  FluentProvider,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  Subtitle2,
  webLightTheme,
} from "@fluentui/react-components";
import type { MappingOverride } from "../engine/read/mapping";
import type { PartialOptions } from "../engine/grade/options";
import { issueMessage, type Field as FieldName, type InputIssue, type Lang } from "../engine/types";
import type { GradeProgress, GradeReport, SelectionPreview, TiersHost } from "../excel/host";
import { SegmentTable } from "./SegmentTable";
import { STRINGS } from "./strings";
import { useStyles } from "./styles";

type Stage =
  | { kind: "idle" }
  | { kind: "grading"; progress: GradeProgress | null; controller: AbortController }
  | { kind: "done"; report: GradeReport }
  | { kind: "failed"; issues: InputIssue[] }
  | { kind: "cancelled" };

const FIELDS: FieldName[] = ["customer", "date", "amount", "quantity", "price", "order", "status", "orderType"];

export function App({ host, initialLang }: { host: TiersHost; initialLang: Lang }) {
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const t = STRINGS[lang];
  const [preview, setPreview] = React.useState<SelectionPreview | null>(null);
  const [previewIssues, setPreviewIssues] = React.useState<InputIssue[]>([]);
  const [mapping, setMapping] = React.useState<Record<FieldName, number | null>>({ customer: null, date: null, amount: null, quantity: null, price: null, order: null, status: null, orderType: null });
  const [options, setOptions] = React.useState<PartialOptions>({});
  const [clv, setClv] = React.useState(false);
  const [holdoutFrom, setHoldoutFrom] = React.useState("");
  const [clusters, setClusters] = React.useState<boolean | number>(false);
  const [compareFrom, setCompareFrom] = React.useState("");
  const [formulas, setFormulas] = React.useState(false);
  const [stage, setStage] = React.useState<Stage>({ kind: "idle" });

  const loadPreview = React.useCallback(async () => {
    const outcome = await host.previewSelection();
    if (!outcome.ok) {
      setPreview(null);
      setPreviewIssues(outcome.issues);
      return;
    }
    setPreviewIssues([]);
    setPreview(outcome.preview);
    const detected = outcome.preview.detectedMapping;
    setMapping(Object.fromEntries(FIELDS.map((f) => [f, detected[f] ?? null])) as Record<FieldName, number | null>);
  }, [host]);

  React.useEffect(() => {
    void (async () => {
      const saved = await host.loadSettings().catch(() => null);
      if (saved) {
        setOptions(saved.options);
        setClv(saved.clv);
        setHoldoutFrom(saved.holdoutFrom ?? "");
        setClusters(saved.clusters ?? false);
        setCompareFrom(saved.compareFrom ?? "");
        setFormulas(saved.formulas ?? false);
        setLang(saved.lang);
      }
      await loadPreview();
    })();
  }, [host, loadPreview]);

  const mappingComplete = mapping.customer !== null && mapping.date !== null && (mapping.amount !== null || (mapping.quantity !== null && mapping.price !== null));

  const grade = async () => {
    if (!preview) return;
    const controller = new AbortController();
    setStage({ kind: "grading", progress: null, controller });
    // Column numbers as the engine takes them: 0-based indexes within the selection.
    const override: MappingOverride = Object.fromEntries(FIELDS.map((f) => [f, mapping[f]]));
    if (mapping.amount !== null) {
      override.quantity = null;
      override.price = null;
    }
    try {
      const response = await host.grade({ source: { address: preview.address, headers: preview.headers }, mapping: override, options, clv, holdoutFrom: clv && holdoutFrom ? holdoutFrom : undefined, clusters, compareFrom: compareFrom || undefined, formulas, lang }, (progress) => setStage({ kind: "grading", progress, controller }), controller.signal);
      if (response.ok) setStage({ kind: "done", report: response.report });
      else if (response.cancelled) setStage({ kind: "cancelled" });
      else setStage({ kind: "failed", issues: response.issues });
    } catch (error) {
      setStage({ kind: "failed", issues: [{ row: 0, column: "", code: "unexpected", message: String((error as Error)?.message ?? error) }] });
    }
  };

  const setOption = <K extends keyof PartialOptions>(key: K, value: PartialOptions[K]) => setOptions((o) => ({ ...o, [key]: value }));
  const setLifecycle = (key: "activeDays" | "dormantDays" | "lostDays", text: string) =>
    setOptions((o) => ({ ...o, lifecycle: { ...o.lifecycle, [key]: text === "" ? undefined : Number(text) } }));
  const grading = stage.kind === "grading";

  return (
    <FluentProvider theme={webLightTheme} className={styles.root} lang={lang === "zh" ? "zh-CN" : "en-US"}>
      <header className={styles.header}>
        <Title3 as="h1">{t.title}</Title3>
        <Select aria-label={t.language} value={lang} onChange={(_, d) => setLang(d.value as Lang)} className={styles.lang}>
          <option value="en">English</option>
          <option value="zh">简体中文</option>
        </Select>
      </header>
      <Text as="p">{t.intro}</Text>

      <section aria-labelledby="selection-heading" className={styles.section}>
        <div className={styles.row}>
          <Subtitle2 as="h2" id="selection-heading">{preview ? t.selection(preview.address, preview.rowCount) : t.columns}</Subtitle2>
          <Button size="small" onClick={() => void loadPreview()} disabled={grading}>{t.refresh}</Button>
        </div>
        {!preview && <MessageBar intent="info"><MessageBarBody>{previewIssues.length ? issueMessage(previewIssues[0], lang) : t.noSelection}</MessageBarBody></MessageBar>}
        {preview?.expandedFrom && <MessageBar intent="info"><MessageBarBody>{t.expanded(preview.expandedFrom)}</MessageBarBody></MessageBar>}
        {preview && !preview.hasHeader && <MessageBar intent="warning"><MessageBarBody>{t.noHeader}</MessageBarBody></MessageBar>}
        {preview && (
          <div className={styles.grid}>
            {FIELDS.map((f) => (
              <Field key={f} label={t.field[f]}>
                <Select className={styles.control} value={mapping[f] === null ? "" : String(mapping[f])} disabled={grading} onChange={(_, d) => setMapping((m) => ({ ...m, [f]: d.value === "" ? null : Number(d.value) }))}>
                  <option value="">{t.none}</option>
                  {preview.headers.map((h, i) => (
                    <option key={i} value={i}>{h}</option>
                  ))}
                </Select>
              </Field>
            ))}
          </div>
        )}
        {preview && !mappingComplete && <Text className={styles.hint}>{t.amountOr}</Text>}
        {preview && preview.sampleRows.length > 0 && (
          <details className={styles.details}>
            <summary>{t.preview}</summary>
            <div className={styles.scroll}>
              <Table size="extra-small" aria-label={t.preview}>
                <TableHeader>
                  <TableRow>{preview.headers.map((h, i) => <TableHeaderCell key={i}>{h}</TableHeaderCell>)}</TableRow>
                </TableHeader>
                <TableBody>
                  {preview.sampleRows.map((row, r) => (
                    <TableRow key={r}>{preview.headers.map((_, i) => <TableCell key={i}>{String(row[i] ?? "")}</TableCell>)}</TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </details>
        )}
      </section>

      <section aria-labelledby="options-heading" className={styles.section}>
        <Subtitle2 as="h2" id="options-heading">{t.options}</Subtitle2>
        <div className={styles.grid}>
          <Field label={t.asOf}>
            <Input className={styles.control} type="date" value={options.asOf ?? ""} disabled={grading} onChange={(_, d) => setOption("asOf", d.value === "" ? undefined : d.value)} />
          </Field>
          <Field label={t.bins}>
            <Select className={styles.control} value={String(options.bins ?? 5)} disabled={grading} onChange={(_, d) => setOption("bins", Number(d.value))}>
              {[2, 3, 4, 5, 6, 7, 8, 9, 10].map((b) => <option key={b} value={b}>{b}</option>)}
            </Select>
          </Field>
          <Field label={t.method}>
            <Select className={styles.control} value={options.method ?? "quantile"} disabled={grading} onChange={(_, d) => setOption("method", d.value as "quantile" | "ntile")}>
              {(["quantile", "ntile"] as const).map((o) => <option key={o} value={o}>{t.methods[o]}</option>)}
            </Select>
          </Field>
          <Field label={t.zero}>
            <Select className={styles.control} value={options.zeroAmounts ?? "exclude"} disabled={grading} onChange={(_, d) => setOption("zeroAmounts", d.value as "exclude" | "include")}>
              {(["exclude", "include"] as const).map((o) => <option key={o} value={o}>{t.zeros[o]}</option>)}
            </Select>
          </Field>
          <Field label={t.compareFrom}>
            <Input className={styles.control} type="date" value={compareFrom} disabled={grading} onChange={(_, d) => setCompareFrom(d.value)} />
          </Field>
          <Field label={t.dateOrder}>
            <Select className={styles.control} value={options.dateOrder ?? "auto"} disabled={grading} onChange={(_, d) => setOption("dateOrder", d.value as "auto" | "dmy" | "mdy")}>
              {(["auto", "dmy", "mdy"] as const).map((o) => <option key={o} value={o}>{t.dateOrders[o]}</option>)}
            </Select>
          </Field>
          {(["activeDays", "dormantDays", "lostDays"] as const).map((key) => (
            <Field key={key} label={t[key]}>
              <Input className={styles.control} type="number" min={1} value={options.lifecycle?.[key] === undefined ? "" : String(options.lifecycle[key])} placeholder={String({ activeDays: 90, dormantDays: 180, lostDays: 365 }[key])} disabled={grading} onChange={(_, d) => setLifecycle(key, d.value)} />
            </Field>
          ))}
        </div>
        <Switch label={t.clv} checked={clv} disabled={grading} onChange={(_, d) => setClv(d.checked)} />
        <Switch label={t.formulas} checked={formulas} disabled={grading} onChange={(_, d) => setFormulas(d.checked)} />
        <Switch label={t.clusters} checked={clusters !== false} disabled={grading} onChange={(_, d) => setClusters(d.checked ? true : false)} />
        {clusters !== false && (
          <Field label={t.clusterK}>
            <Select className={styles.control} value={clusters === true ? "auto" : String(clusters)} disabled={grading} onChange={(_, d) => setClusters(d.value === "auto" ? true : Number(d.value))}>
              <option value="auto">{t.clusterAuto}</option>
              {[2, 3, 4, 5, 6, 7, 8].map((k) => <option key={k} value={k}>{k}</option>)}
            </Select>
          </Field>
        )}
        {clv && (
          <Field label={t.holdout}>
            <Input className={styles.control} type="date" value={holdoutFrom} disabled={grading} onChange={(_, d) => setHoldoutFrom(d.value)} />
          </Field>
        )}
      </section>

      <div className={styles.actions}>
        <Button appearance="primary" disabled={!preview || !mappingComplete || grading} onClick={() => void grade()}>{t.grade}</Button>
        {grading && <Button onClick={() => stage.controller.abort()}>{t.cancel}</Button>}
      </div>

      {grading && (
        <Field label={stage.progress ? t.phases[stage.progress.phase] : t.phases.reading} hint={stage.progress ? t.progress(stage.progress.done, stage.progress.total) : undefined} validationState="none">
          <ProgressBar value={stage.progress && stage.progress.total > 0 ? stage.progress.done / stage.progress.total : undefined} aria-label={stage.progress ? t.phases[stage.progress.phase] : t.phases.reading} />
        </Field>
      )}
      <div aria-live="polite">
        {stage.kind === "cancelled" && <MessageBar intent="info"><MessageBarBody>{t.cancelled}</MessageBarBody></MessageBar>}
        {stage.kind === "failed" && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
              {stage.issues.map((issue, i) => (
                <div key={i}>{t.rowCol(issue.row, issue.column)}{issueMessage(issue, lang)}</div>
              ))}
            </MessageBarBody>
          </MessageBar>
        )}
        {stage.kind === "done" && <Results report={stage.report} lang={lang} onSelect={(key) => void host.selectSegment(key)} />}
      </div>
    </FluentProvider>
  );
}

function Results({ report, lang, onSelect }: { report: GradeReport; lang: Lang; onSelect: (segmentKey: string) => void }) {
  const t = STRINGS[lang];
  const styles = useStyles();
  const excluded = Object.entries(report.rows.excluded).filter(([, r]) => r.count > 0);
  const written = [report.written.gradeColumns, report.written.customers, report.written.summary, report.written.method].join(", ");
  return (
    <section aria-labelledby="results-heading" className={styles.section}>
      <Subtitle2 as="h2" id="results-heading">{t.results}</Subtitle2>
      <Text as="p">{t.summaryLine(report.summary.customers, report.rows.included, report.rows.rowsRead)}</Text>
      {excluded.map(([reason, r]) => (
        <Text as="p" key={reason} className={styles.hint}>{t.excluded(r.count, t.reasons[reason as keyof typeof t.reasons], r.column, r.rows.join(", "))}</Text>
      ))}
      {report.notes.map((note, i) => <MessageBar key={i} intent="warning"><MessageBarBody>{note}</MessageBarBody></MessageBar>)}
      <SegmentTable report={report} lang={lang} onSelect={onSelect} />
      <Text as="p" className={styles.hint}>{t.written(written)}</Text>
    </section>
  );
}

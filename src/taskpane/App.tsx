/**
 * The task pane: the selection and its detected columns with the first rows as the sheet shows them,
 * the essentials (as-of date, score levels), Grade (replaced in place by progress and Cancel), the
 * results, and the other options in groups that open on demand. It talks to the workbook only
 * through TiersHost.
 */
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Text,
} from "@fluentui/react-components";
import type { MappingOverride } from "../engine/read/mapping";
import type { Field as FieldName, InputIssue, Lang } from "../engine/common/types";
import { paneText } from "./optionWords";
import type { GradeProgress, GradeReport, GradeRequest, RegradeQuestion, SelectionPreview, TiersHost } from "../excel/host";
import { FormField } from "./FormField";
import { PreviewTable } from "./PreviewTable";
import { Results } from "./Results";
import { DEFAULT_FORM, ESSENTIALS, fieldProblems, GROUPS, savedToForm, toRequest, type FormKey, type FormValues, type LevelRow } from "./optionFields";
import { localeOf, STRINGS, type Strings } from "./strings";
import { useStyles } from "./styles";
import { useOfficeTheme, type OfficeThemeLike } from "./theme";

type Stage =
  | { kind: "idle" }
  | { kind: "grading"; progress: GradeProgress | null; controller: AbortController }
  | { kind: "done"; report: GradeReport; asOfGiven: boolean }
  | { kind: "failed"; issues: InputIssue[] }
  | { kind: "question"; question: RegradeQuestion }
  | { kind: "cancelled" };

const COLUMN_FIELDS: FieldName[] = ["customer", "date", "amount", "quantity", "price", "order", "status", "orderType"];
type Mapping = Record<FieldName, number | null>;
const NO_MAPPING: Mapping = { customer: null, date: null, amount: null, quantity: null, price: null, order: null, status: null, orderType: null };

/** The required columns not chosen yet, each with what it needs. */
function missingColumns(m: Mapping): FieldName[] {
  const out: FieldName[] = [];
  if (m.customer === null) out.push("customer");
  if (m.date === null) out.push("date");
  if (m.amount === null) {
    if (m.quantity === null && m.price === null) out.push("amount");
    else {
      if (m.quantity === null) out.push("quantity");
      if (m.price === null) out.push("price");
    }
  }
  return out;
}

/** Host messages that name a control are worded by the pane, so they use its labels. */
function issueText(issue: InputIssue, lang: Lang, t: Strings, address: string): string {
  const own = t.hostIssues[issue.code as keyof Strings["hostIssues"]];
  return own ? own(address) : paneText(issue, lang);
}

export function App({ host, initialLang, officeTheme }: { host: TiersHost; initialLang: Lang; officeTheme?: () => OfficeThemeLike | undefined }) {
  const styles = useStyles();
  const { theme, kind: themeKind } = useOfficeTheme(officeTheme);
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const t = STRINGS[lang];
  const [preview, setPreview] = React.useState<SelectionPreview | null>(null);
  const [previewIssues, setPreviewIssues] = React.useState<InputIssue[]>([]);
  const [mapping, setMapping] = React.useState<Mapping>(NO_MAPPING);
  const [form, setForm] = React.useState<FormValues>(DEFAULT_FORM);
  const [stage, setStage] = React.useState<Stage>({ kind: "idle" });
  /** null: open exactly when a required column is missing. */
  const [columnsOpen, setColumnsOpen] = React.useState<boolean | null>(null);
  const [explained, setExplained] = React.useState(0);
  const [openGroups, setOpenGroups] = React.useState<string[]>([]);
  /** What the host found at the exclusion list's address: the ids it holds, or why it cannot be read. */
  const [excludeCheck, setExcludeCheck] = React.useState<{ address: string; count?: number; shown?: string; issue?: InputIssue } | null>(null);
  const resultsHeading = React.useRef<HTMLHeadingElement>(null);
  const cancelButton = React.useRef<HTMLButtonElement>(null);
  const gradeButton = React.useRef<HTMLButtonElement>(null);

  const loadPreview = React.useCallback(async () => {
    const outcome = await host.previewSelection();
    setExplained(0);
    if (!outcome.ok) {
      setPreview(null);
      setPreviewIssues(outcome.issues);
      return;
    }
    setPreviewIssues([]);
    setPreview(outcome.preview);
    const detected = outcome.preview.detectedMapping;
    setMapping(Object.fromEntries(COLUMN_FIELDS.map((f) => [f, detected[f] ?? null])) as Mapping);
    setColumnsOpen(null);
  }, [host]);

  React.useEffect(() => {
    void (async () => {
      const saved = await host.loadSettings().catch(() => null);
      if (saved) {
        setForm(savedToForm(saved));
        setLang(saved.lang);
      }
      await loadPreview();
    })();
  }, [host, loadPreview]);

  React.useEffect(() => {
    document.documentElement.lang = localeOf(lang);
  }, [lang]);

  // The exclusion list is read through the host a moment after typing stops (and after settings restore it).
  const excludeAddress = form.exclude.trim();
  React.useEffect(() => {
    if (!excludeAddress || !host.readIds) return;
    let live = true;
    const timer = setTimeout(() => {
      void host.readIds!(excludeAddress)
        .then((outcome) => live && setExcludeCheck(outcome.ok ? { address: excludeAddress, count: outcome.ids.length, shown: outcome.address } : { address: excludeAddress, issue: outcome.issues[0] }))
        .catch(() => undefined);
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [excludeAddress, host]);
  const excludeNow = excludeCheck && excludeCheck.address === excludeAddress ? excludeCheck : null;

  const missing = preview ? missingColumns(mapping) : [];
  const problems = fieldProblems(form, t, lang, preview?.headers);
  if (!problems.exclude && excludeNow?.issue) problems.exclude = paneText(excludeNow.issue, lang);
  const notes: Partial<Record<FormKey, string>> = excludeNow && excludeNow.count !== undefined ? { exclude: t.excludeRead(excludeNow.count, excludeNow.shown ?? excludeAddress) } : {};
  const problemKeys = Object.keys(problems) as FormKey[];
  const grading = stage.kind === "grading";
  const showColumns = columnsOpen ?? missing.length > 0;

  // Why Grade cannot run yet, naming the fields by their labels.
  const fieldLabel = (key: FormKey): string => [...ESSENTIALS, ...GROUPS.flatMap((g) => g.fields)].find((f) => f.key === key)!.label(t);
  const reason = !preview ? t.blockedNoSelection : missing.length || problemKeys.length ? t.blocked([...missing.map((f) => t.field[f]), ...problemKeys.map(fieldLabel)]) : "";
  const blocked = reason !== "";

  // A problem inside a closed group opens it, so the marked field can be seen.
  React.useEffect(() => {
    const withProblem = GROUPS.filter((g) => g.fields.some((f) => problemKeys.includes(f.key))).map((g) => g.id);
    if (withProblem.some((id) => !openGroups.includes(id)) && explained) setOpenGroups((o) => [...new Set([...o, ...withProblem])]);
  }, [explained]); // eslint-disable-line react-hooks/exhaustive-deps

  React.useEffect(() => {
    if (stage.kind === "done" || stage.kind === "failed") {
      const heading = resultsHeading.current;
      heading?.focus({ preventScroll: true });
      heading?.scrollIntoView({ block: "start", behavior: "auto" });
    } else if (stage.kind === "grading") cancelButton.current?.focus();
    else if (stage.kind === "cancelled") gradeButton.current?.focus();
  }, [stage.kind]);

  const setField = (key: FormKey, value: string | boolean | LevelRow[]) => setForm((f) => ({ ...f, [key]: value }));

  const grade = async (ifEdited?: GradeRequest["ifEdited"]) => {
    if (blocked || !preview) {
      setExplained((n) => n + 1);
      return;
    }
    const controller = new AbortController();
    setStage({ kind: "grading", progress: null, controller });
    // Column numbers as the engine takes them: 0-based indexes within the selection.
    const override: MappingOverride = Object.fromEntries(COLUMN_FIELDS.map((f) => [f, mapping[f]]));
    if (mapping.amount !== null) {
      override.quantity = null;
      override.price = null;
    }
    const dimension = form.breakdown ? preview.headers.indexOf(form.breakdown) : -1;
    if (dimension >= 0) override.dimension = dimension;
    try {
      const response = await host.grade({ source: { address: preview.address, headers: preview.headers }, mapping: override, ...toRequest(form), ifEdited, lang }, (progress) => setStage({ kind: "grading", progress, controller }), controller.signal);
      if (response.ok) setStage({ kind: "done", report: response.report, asOfGiven: form.asOf.trim() !== "" });
      else if (response.cancelled) setStage({ kind: "cancelled" });
      else if (response.question) setStage({ kind: "question", question: response.question });
      else {
        // The exclusion list could not be read: say so on its field too.
        const excludeIssue = response.issues.find((i) => i.code.startsWith("exclude_"));
        if (excludeIssue) {
          setExcludeCheck({ address: form.exclude.trim(), issue: excludeIssue });
          setOpenGroups((o) => (o.includes("data") ? o : [...o, "data"]));
        }
        setStage({ kind: "failed", issues: response.issues });
      }
    } catch (error) {
      setStage({ kind: "failed", issues: [{ row: 0, column: "", code: "unexpected", message: String((error as Error)?.message ?? error) }] });
    }
  };

  const amountFormat = preview && preview.sampleFormats ? formatOfColumn(preview, mapping.amount ?? mapping.price) : undefined;
  const announcement =
    stage.kind === "done" ? t.done(t.customers(stage.report.summary.customers)) : stage.kind === "failed" ? t.errorTitle : stage.kind === "cancelled" ? t.cancelled : stage.kind === "grading" && stage.progress ? t.phases[stage.progress.phase] : "";

  return (
    <FluentProvider theme={theme} className={styles.root} lang={localeOf(lang)} data-theme={themeKind}>
      <header>
        <h1 className={styles.title}>{t.title}</h1>
      </header>
      <main className={styles.main}>

      <section aria-labelledby="selection-heading" className={styles.section}>
        <div className={styles.row}>
          <h2 className={styles.heading} id="selection-heading">
            {preview ? t.selection(preview.address, preview.rowCount) : t.columns}
          </h2>
          <Button size="small" onClick={() => void loadPreview()} disabled={grading}>
            {t.refresh}
          </Button>
        </div>
        {!preview && (
          <MessageBar intent="info">
            <MessageBarBody>{previewIssues.length ? issueText(previewIssues[0], lang, t, "") : t.noSelection}</MessageBarBody>
          </MessageBar>
        )}
        {preview?.expandedFrom && (
          <MessageBar intent="info">
            <MessageBarBody>{t.expanded(preview.expandedFrom)}</MessageBarBody>
          </MessageBar>
        )}
        {preview && !preview.hasHeader && (
          <MessageBar intent="warning">
            <MessageBarBody>{t.noHeader}</MessageBarBody>
          </MessageBar>
        )}
      </section>

      {preview && (
        <section aria-labelledby="columns-heading" className={styles.section}>
          <div className={styles.row}>
            <h2 className={styles.heading} id="columns-heading">
              {t.columns}
            </h2>
            <Button size="small" appearance="subtle" aria-expanded={showColumns} aria-controls="column-choices" onClick={() => setColumnsOpen(!showColumns)} disabled={grading}>
              {t.changeColumns}
            </Button>
          </div>
          {showColumns ? (
            <div id="column-choices" className={styles.grid}>
              {COLUMN_FIELDS.filter((f) => (f !== "quantity" && f !== "price") || mapping.amount === null).map((f) => (
                <Field key={f} label={t.field[f]} className={styles.field} validationState={missing.includes(f) ? "error" : "none"} validationMessage={missing.includes(f) ? t.need[f as keyof Strings["need"]] : undefined}>
                  <Select className={styles.control} value={mapping[f] === null ? "" : String(mapping[f])} disabled={grading} onChange={(_, d) => {
                      // The choices stay open once the user works in them, even when the last gap is filled.
                      setColumnsOpen(true);
                      setMapping((m) => ({ ...m, [f]: d.value === "" ? null : Number(d.value) }));
                    }}>
                    <option value="">{t.none}</option>
                    {preview.headers.map((h, i) => (
                      <option key={i} value={i}>
                        {h}
                      </option>
                    ))}
                  </Select>
                </Field>
              ))}
            </div>
          ) : (
            <dl id="column-choices" className={styles.mapping}>
              {COLUMN_FIELDS.flatMap((f) => {
                const byProduct = mapping.amount === null && mapping.quantity !== null && mapping.price !== null;
                if ((f === "quantity" || f === "price") && byProduct) return [];
                const value = f === "amount" && byProduct ? `${preview.headers[mapping.quantity!]} × ${preview.headers[mapping.price!]}` : mapping[f] === null ? null : preview.headers[mapping[f]!];
                if (value === null) return [];
                return [
                  <React.Fragment key={f}>
                    <dt className={styles.mapTerm}>{t.field[f]}</dt>
                    <dd className={styles.mapValue}>{value}</dd>
                  </React.Fragment>,
                ];
              })}
            </dl>
          )}
          {preview.sampleRows.length > 0 && <PreviewTable preview={preview} mapping={mapping} t={t} />}
        </section>
      )}

      <div className={styles.grid}>
        {ESSENTIALS.map((spec) => (
          <FormField key={spec.key} spec={spec} values={form} onChange={setField} problem={problems[spec.key]} disabled={grading} t={t} />
        ))}
      </div>

      <div className={styles.action}>
        {grading ? (
          <div className={styles.actionRow}>
            <Field className={styles.progress} label={stage.progress ? t.phases[stage.progress.phase] : t.phases.reading} hint={stage.progress ? (stage.progress.phase === "writing" ? t.progress(stage.progress.done, stage.progress.total) : t.progressRows(stage.progress.done, stage.progress.total)) : undefined}>
              <ProgressBar value={stage.progress && stage.progress.total > 0 ? stage.progress.done / stage.progress.total : undefined} />
            </Field>
            <Button ref={cancelButton} onClick={() => stage.controller.abort()}>
              {t.cancel}
            </Button>
          </div>
        ) : (
          <>
            {/* Fluent swallows clicks and Enter on an aria-disabled button: catch them first, to explain. */}
            <div
              className={styles.actionRow}
              onClickCapture={() => blocked && setExplained((n) => n + 1)}
              onKeyDownCapture={(e) => blocked && (e.key === "Enter" || e.key === " ") && setExplained((n) => n + 1)}
            >
              <Button ref={gradeButton} appearance="primary" className={blocked ? styles.blocked : undefined} aria-disabled={blocked || undefined} aria-describedby={blocked ? "grade-reason" : undefined} onClick={() => void grade()}>
                {t.grade}
              </Button>
            </div>
            {blocked && (
              <Text id="grade-reason" className={explained ? styles.reasonStrong : styles.reason}>
                {reason}
              </Text>
            )}
          </>
        )}
        <div role="alert" className={styles.visuallyHidden}>
          {explained && blocked ? `${reason}${"\u200b".repeat(explained % 2)}` : ""}
        </div>
      </div>

      <div aria-live="polite" className={styles.visuallyHidden}>
        {announcement}
      </div>
      {stage.kind === "cancelled" && (
        <MessageBar intent="info">
          <MessageBarBody>{t.cancelled}</MessageBarBody>
        </MessageBar>
      )}
      {stage.kind === "question" && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {lang === "zh" ? stage.question.zh : stage.question.message}{" "}
            <Button size="small" appearance="primary" onClick={() => void grade("replace")}>{t.replace}</Button>{" "}
            <Button size="small" onClick={() => void grade("keepBoth")}>{t.keepBoth}</Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {stage.kind === "failed" && (
        <section aria-labelledby="results-heading" className={styles.section}>
          <h2 className={styles.heading} id="results-heading" tabIndex={-1} ref={resultsHeading}>
            {t.errorTitle}
          </h2>
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t.errorTitle}</MessageBarTitle>
              {stage.issues.map((issue, i) => (
                <div key={i}>
                  {t.rowCol(issue.row, issue.column)}
                  {issueText(issue, lang, t, preview?.address ?? "")}
                </div>
              ))}
            </MessageBarBody>
          </MessageBar>
        </section>
      )}
      {stage.kind === "done" && <Results ref={resultsHeading} report={stage.report} asOfGiven={stage.asOfGiven} lang={lang} amountFormat={amountFormat} host={host} />}

      <section aria-label={t.moreOptions} className={styles.section}>
        <Accordion multiple collapsible openItems={openGroups} onToggle={(_, d) => setOpenGroups(d.openItems as string[])}>
          {GROUPS.map((group) => (
            <AccordionItem key={group.id} value={group.id}>
              <AccordionHeader as="h2" size="small">
                {t.groups[group.id]}
              </AccordionHeader>
              <AccordionPanel>
                <div className={styles.panel}>
                  {group.fields.map((spec) => (
                    <FormField key={spec.key} spec={spec} values={form} onChange={setField} problem={problems[spec.key]} note={notes[spec.key]} disabled={grading} t={t} columns={preview?.headers} />
                  ))}
                </div>
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      </section>

      </main>

      <footer className={styles.footer}>
        <Field label={t.language}>
          <Select className={styles.lang} value={lang} onChange={(_, d) => setLang(d.value as Lang)}>
            <option value="en">English</option>
            <option value="zh">简体中文</option>
          </Select>
        </Field>
      </footer>
    </FluentProvider>
  );
}

/** The number format of a column's first sample cell that has a value. */
function formatOfColumn(preview: SelectionPreview, column: number | null): string | undefined {
  if (column === null || !preview.sampleFormats) return undefined;
  for (let r = 0; r < preview.sampleRows.length; ++r) if (preview.sampleRows[r][column] !== null && preview.sampleRows[r][column] !== "") return preview.sampleFormats[r]?.[column];
  return undefined;
}

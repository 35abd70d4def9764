/**
 * The user's own breakpoints as text (`r=30,90,180,365;f=1,2,5,10;m=250,500,1000,5000`), as the CLI's
 * `--breaks`, the pane and the workbook settings write them: bins − 1 ascending numbers per measure,
 * compared as quantile breaks are (SPEC §4, method "fixed").
 */
export interface FixedBreaks {
  recency: number[];
  frequency: number[];
  monetary: number[];
}

export type BreaksOutcome = { ok: true; breaks: FixedBreaks; bins: number } | { ok: false; message: string; zh: string };

const KEYS = { r: "recency", f: "frequency", m: "monetary" } as const;

/** Parses a breaks text; `bins`, when given, must match (bins − 1 numbers per measure). */
export function parseBreaks(text: string, bins?: number): BreaksOutcome {
  const found: Partial<FixedBreaks> = {};
  const fail = (message: string, zh: string): BreaksOutcome => ({ ok: false, message: `breaks ${JSON.stringify(text)}: ${message}`, zh: `分界点 ${JSON.stringify(text)}：${zh}` });
  for (const part of text.split(";").map((p) => p.trim()).filter(Boolean)) {
    const m = /^([rfm])\s*=\s*(.*)$/i.exec(part);
    if (!m) return fail(`each part must look like r=30,90 (got ${JSON.stringify(part)})`, `每一部分应形如 r=30,90（实际为 ${JSON.stringify(part)}）`);
    const key = KEYS[m[1].toLowerCase() as keyof typeof KEYS];
    if (found[key]) return fail(`${m[1]} is given twice`, `${m[1]} 重复给出`);
    const values = m[2].split(",").map((v) => v.trim());
    const numbers = values.map(Number);
    if (values.some((v) => v === "") || numbers.some((v) => !Number.isFinite(v))) return fail(`${m[1]} must be numbers separated by commas`, `${m[1]} 必须是以逗号分隔的数字`);
    if (numbers.some((v, i) => i > 0 && v < numbers[i - 1])) return fail(`${m[1]} must be ascending`, `${m[1]} 必须从小到大排列`);
    found[key] = numbers;
  }
  const missing = (Object.keys(KEYS) as (keyof typeof KEYS)[]).filter((k) => !found[KEYS[k]]);
  if (missing.length) return fail(`give all three measures (missing ${missing.join(", ")})`, `三个指标都要给出（缺少 ${missing.join("、")}）`);
  const counts = new Set([found.recency!.length, found.frequency!.length, found.monetary!.length]);
  if (counts.size !== 1) return fail("r, f and m need the same number of breakpoints", "r、f、m 的分界点个数必须相同");
  const got = found.recency!.length + 1;
  if (got < 2 || got > 10) return fail("give 1 to 9 breakpoints per measure (2 to 10 score levels)", "每个指标给 1 到 9 个分界点（2 到 10 档）");
  if (bins !== undefined && bins !== got) return fail(`${bins} score levels need ${bins - 1} breakpoints per measure (got ${got - 1})`, `${bins} 档评分需要每个指标 ${bins - 1} 个分界点（实际 ${got - 1} 个）`);
  return { ok: true, breaks: found as FixedBreaks, bins: got };
}

/** The text form of breaks, as parseBreaks reads it. */
export function formatBreaks(b: FixedBreaks): string {
  return `r=${b.recency.join(",")};f=${b.frequency.join(",")};m=${b.monetary.join(",")}`;
}

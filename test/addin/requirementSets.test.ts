/**
 * Requirement sets, from the code: the TypeScript compiler API walks src/excel/ and src/functions/,
 * resolves every Office member used to its declaration in @types/office-js (and the custom-functions
 * typings), and reads its `[Api set: NAME x.y]` annotation. A use is guarded when it sits behind
 * `isSetSupported("NAME", "x.y")` (Office.context.requirements' or src/excel/requirements.ts') with a
 * version at least the member's: in the `if`'s then-branch, after an `if (!isSetSupported(…)) return`,
 * or right of `&&`. The manifest must declare every set used unguarded, at least at the highest
 * version used unguarded; otherwise an older Excel would load the add-in and fail mid-grade.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");
const TYPINGS = /node_modules\/@types\/(office-js|custom-functions-runtime|office-runtime)\//;

interface Use {
  where: string;
  member: string;
  set: string;
  version: string;
  guardedBy: string | null;
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); ++i) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The `isSetSupported("SET", "x.y")` call in `expr`, if `expr` is one (possibly parenthesised). */
function guardCall(expr: ts.Expression): { set: string; version: string } | null {
  while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
  if (!ts.isCallExpression(expr)) return null;
  const callee = expr.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
  const [set, version] = expr.arguments;
  if (name !== "isSetSupported" || !set || !version || !ts.isStringLiteralLike(set) || !ts.isStringLiteralLike(version)) return null;
  return { set: set.text, version: version.text };
}

/** Guards that hold when `cond` is true (`a && b` holds both); `negated` asks for those that hold when it is false. */
function guardsOf(cond: ts.Expression, negated: boolean): { set: string; version: string }[] {
  while (ts.isParenthesizedExpression(cond)) cond = cond.expression;
  if (ts.isPrefixUnaryExpression(cond) && cond.operator === ts.SyntaxKind.ExclamationToken) return guardsOf(cond.operand, !negated);
  if (ts.isBinaryExpression(cond)) {
    const op = cond.operatorToken.kind;
    // a && b is true ⇒ both hold; a || b is false ⇒ neither holds.
    if ((!negated && op === ts.SyntaxKind.AmpersandAmpersandToken) || (negated && op === ts.SyntaxKind.BarBarToken)) return [...guardsOf(cond.left, negated), ...guardsOf(cond.right, negated)];
    return [];
  }
  const call = guardCall(cond);
  return call && !negated ? [call] : [];
}

const exits = (s: ts.Statement): boolean => ts.isReturnStatement(s) || ts.isThrowStatement(s) || (ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]));

/** The guards that hold wherever `node` runs. */
function guardsAt(node: ts.Node): { set: string; version: string }[] {
  const found: { set: string; version: string }[] = [];
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent)) {
      if (child === parent.thenStatement) found.push(...guardsOf(parent.expression, false));
      if (child === parent.elseStatement) found.push(...guardsOf(parent.expression, true));
    } else if (ts.isConditionalExpression(parent)) {
      if (child === parent.whenTrue) found.push(...guardsOf(parent.condition, false));
      if (child === parent.whenFalse) found.push(...guardsOf(parent.condition, true));
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === parent.right) {
      found.push(...guardsOf(parent.left, false));
    } else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      // `if (!isSetSupported(…)) return;` before the statement holding the use.
      for (const s of parent.statements) {
        if (s === child) break;
        if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement)) found.push(...guardsOf(s.expression, true));
      }
    }
    if (ts.isFunctionLike(parent)) break;
  }
  return found;
}

/** The annotated Office members the files use. */
function officeUses(files: string[], options: ts.CompilerOptions): Use[] {
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        // A call resolves to the overload it uses; anything else to the symbol's declarations.
        const call = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node && ts.isCallExpression(node.parent.parent) && node.parent.parent.expression === node.parent ? node.parent.parent : null;
        const resolved = call ? checker.getResolvedSignature(call)?.declaration : undefined;
        const declarations = (resolved ? [resolved] : symbol?.declarations ?? []).filter((d) => TYPINGS.test(d.getSourceFile().fileName.split(path.sep).join("/")));
        const annotations = declarations.flatMap((d) => ts.getJSDocCommentsAndTags(d).flatMap((doc) => [...doc.getText().matchAll(/\[Api set: ([A-Za-z]+) (\d+(?:\.\d+)*)\]/g)]));
        if (annotations.length) {
          // Several overloads or declarations: the lowest set that has the member.
          const [, set, version] = annotations.sort((a, b) => compareVersions(a[2], b[2]))[0];
          const guard = guardsAt(node).find((g) => g.set === set && compareVersions(g.version, version) >= 0);
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          uses.push({ where: `${path.relative(ROOT, file)}:${line + 1}`, member: node.text, set, version, guardedBy: guard ? `${guard.set} ${guard.version}` : null });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

/** The highest version used unguarded, per set. */
function needed(uses: Use[]): Record<string, Use> {
  const out: Record<string, Use> = {};
  for (const use of uses) if (!use.guardedBy && (!out[use.set] || compareVersions(use.version, out[use.set].version) > 0)) out[use.set] = use;
  return out;
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
  return { ...config!.options, noEmit: true };
}

/** The top-level <Requirements><Sets> of manifest.xml, as set name → MinVersion. */
function declaredSets(xml: string): Record<string, string> {
  const end = xml.indexOf("<VersionOverrides");
  const block = /<Requirements>\s*<Sets(?: DefaultMinVersion="([\d.]+)")?>([\s\S]*?)<\/Sets>\s*<\/Requirements>/.exec(end < 0 ? xml : xml.slice(0, end));
  if (!block) return {};
  return Object.fromEntries([...block[2].matchAll(/<Set Name="([^"]+)"(?: MinVersion="([\d.]+)")?\s*\/>/g)].map((m) => [m[1], m[2] ?? block[1] ?? "1.1"]));
}

describe("the analysis (on small programs, so that it can be seen to fail)", () => {
  const filter = "sheet.autoFilter.apply(sheet.getRange('A1:B2'), 0, { filterOn: Excel.FilterOn.values, values: ['x'] });";
  const cases: [string, string | null][] = [
    [`if (Office.context.requirements.isSetSupported("ExcelApi", "1.9")) ${filter}`, "ExcelApi 1.9"],
    [`if (isSetSupported("ExcelApi", "1.10") && sheet.visibility) { ${filter} }`, "ExcelApi 1.10"],
    [`if (!isSetSupported("ExcelApi", "1.9")) return; ${filter}`, "ExcelApi 1.9"],
    [`if (!isSetSupported("ExcelApi", "1.9")) sheet.activate(); else ${filter}`, "ExcelApi 1.9"],
    [`isSetSupported("ExcelApi", "1.9") && ${filter.slice(0, -1)};`, "ExcelApi 1.9"],
    [`if (isSetSupported("ExcelApi", "1.8")) ${filter}`, null],
    [`if (isSetSupported("WordApi", "1.9")) ${filter}`, null],
    [`if (!isSetSupported("ExcelApi", "1.9")) ${filter}`, null],
    [`if (isSetSupported("ExcelApi", "1.9") || sheet.visibility) ${filter}`, null],
    [`if (!isSetSupported("ExcelApi", "1.9")) sheet.activate(); ${filter}`, null],
    [`if (isSetSupported("ExcelApi", "1.9")) { const g = () => 1; } ${filter}`, null],
  ];
  // One program for all the small files (building a program is the slow part).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reqsets-"));
  const write = (name: string, code: string) => {
    const file = path.join(dir, `${name}.ts`);
    fs.writeFileSync(file, `declare function isSetSupported(set: string, version: string): boolean;\nexport {};\n${code}\n`);
    return file;
  };
  const files = [
    write("unguarded", `async function f(sheet: Excel.Worksheet) { sheet.getRangeByIndexes(0, 0, 1, 1).values = [[1]]; ${filter} throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, "x"); }`),
    ...cases.map(([body], k) => write(`case${k}`, `function f(sheet: Excel.Worksheet) { ${body} }`)),
  ];
  const all = officeUses(files, compilerOptions());
  const analyse = (name: string) => all.filter((u) => path.basename(u.where).startsWith(`${name}.ts:`));

  test("an AutoFilter call unguarded needs ExcelApi 1.9; getRangeByIndexes 1.7; CustomFunctions.Error CustomFunctionsRuntime 1.2", () => {
    const uses = analyse("unguarded");
    const need = needed(uses);
    expect(need.ExcelApi).toMatchObject({ member: "autoFilter", version: "1.9" });
    expect(uses.find((u) => u.member === "getRangeByIndexes")).toMatchObject({ set: "ExcelApi", version: "1.7", guardedBy: null });
    expect(uses.find((u) => u.member === "Error")).toMatchObject({ set: "CustomFunctionsRuntime", version: "1.2" });
    expect(need.CustomFunctionsRuntime.version).toBe("1.3"); // ErrorCode.invalidValue
  });

  test.each(cases.map(([body, guard], k) => [body, guard, k] as const))("%s → guarded by %s", (body, guard, k) => {
    const uses = analyse(`case${k}`);
    expect(uses.find((u) => u.member === "autoFilter")).toMatchObject({ version: "1.9", guardedBy: guard });
  });

  test("the manifest's sets are read from the top-level <Requirements>", () => {
    expect(declaredSets(`<Requirements><Sets DefaultMinVersion="1.1"><Set Name="ExcelApi" MinVersion="1.7"/><Set Name="SharedRuntime"/></Sets></Requirements><VersionOverrides>`)).toEqual({ ExcelApi: "1.7", SharedRuntime: "1.1" });
    expect(declaredSets(`<Requirements><Sets><Set Name="SharedRuntime" MinVersion="1.1"/></Sets></Requirements>`)).toEqual({ SharedRuntime: "1.1" });
  });
});

describe("the add-in (src/excel/, src/functions/) against manifest.xml", () => {
  const files = ["src/excel", "src/functions"].flatMap((d) =>
    fs.readdirSync(path.join(ROOT, d)).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".d.ts")).map((f) => path.join(ROOT, d, f)),
  );
  const uses = officeUses(files, compilerOptions());
  const manifest = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
  const declared = declaredSets(manifest);

  test("the walk sees the adapter's Excel calls and the functions' CustomFunctions members", () => {
    expect(uses.filter((u) => u.set === "ExcelApi" && u.where.startsWith("src/excel/")).length).toBeGreaterThan(50);
    expect(uses.some((u) => u.set === "CustomFunctionsRuntime" && u.where.startsWith("src/functions/"))).toBe(true);
  });

  test("the manifest declares every set used unguarded, at least at the highest version used", () => {
    const need = needed(uses);
    const short = Object.values(need)
      .filter((use) => declared[use.set] === undefined || compareVersions(declared[use.set], use.version) < 0)
      .map((use) => `${use.set} ${use.version} (${use.member} at ${use.where}) — manifest.xml declares ${declared[use.set] ?? "nothing"}: raise <Set Name="${use.set}" MinVersion> or guard the use with isSetSupported`);
    expect(short).toEqual([]);
    expect(Object.keys(need).sort()).toEqual(["CustomFunctionsRuntime", "ExcelApi"]);
    // The shared runtime (pane and functions in one runtime) is a manifest feature, not a member.
    expect(declared.SharedRuntime).toBe("1.1");
  });

  test("every isSetSupported guard in the code asks for more than the manifest already guarantees", () => {
    const guards: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        const call = ts.isCallExpression(node) ? guardCall(node) : null;
        if (call) guards.push(`${call.set} ${call.version} ${compareVersions(call.version, declared[call.set] ?? "0") > 0 ? "above" : "NOT above"} the manifest's ${declared[call.set]}`);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(guards.length).toBeGreaterThan(0);
    expect(guards.filter((g) => g.includes("NOT"))).toEqual([]);
  });
});

/**
 * One ChartSpec as a DrawingML chart part (`c:chartSpace`, ECMA-376 Part 1 §21.2), and the
 * spreadsheet-drawing anchor that places it. Elements follow the schema's sequence order (Excel refuses
 * a chart whose children are out of order). Each series refers to its cells by formula and carries a
 * cached copy of their values, so a viewer that does not recalculate still draws the data.
 *
 * Legend (ChartSpec.legend, by default only for more than one series): a pie's lists its categories
 * on the right, any other chart's names the series below. The value axis shows ChartSpec.valueFormat,
 * else the format of the cells it plots.
 */
import type { ChartSpec } from "../engine/report/workbookPlan";
import { xmlText } from "./xlsxPackage";

const C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

/** A range reference with the values it held when the chart was written. */
export interface CachedRange {
  /** e.g. `'Summary'!$C$3:$C$12` */
  formula: string;
  /** One entry per cell of the range, in order; null for an empty cell. */
  points: (string | number | null)[];
  /** Number format of the range's first number cell, "General" when none. */
  formatCode: string;
}

export interface ChartData {
  categories?: CachedRange;
  series: { name: string; values: CachedRange; xValues?: CachedRange }[];
}

const AXIS_IDS = { category: 50010, value: 50020 } as const;

export function chartSpaceXml(spec: ChartSpec, data: ChartData): string {
  const legend = legendPosition(spec, data);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>` +
    (spec.title ? titleXml(spec.title, 1400, false) + `<c:autoTitleDeleted val="0"/>` : `<c:autoTitleDeleted val="1"/>`) +
    `<c:plotArea><c:layout/>${plotXml(spec, data)}</c:plotArea>` +
    (legend ? `<c:legend><c:legendPos val="${legend}"/><c:overlay val="0"/></c:legend>` : "") +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>` +
    `</c:chart>` +
    `</c:chartSpace>`
  );
}

function legendPosition(spec: ChartSpec, data: ChartData): "r" | "b" | null {
  if (!(spec.legend ?? data.series.length > 1)) return null;
  return spec.kind === "pie" ? "r" : "b";
}

/** The value axis's number format: the spec's, or linked to the cells it plots. */
function valueAxisFormat(spec: ChartSpec, data: ChartData): string {
  if (spec.valueFormat) return `<c:numFmt formatCode="${xmlText(spec.valueFormat)}" sourceLinked="0"/>`;
  return `<c:numFmt formatCode="${xmlText(data.series[0]?.values.formatCode ?? "General")}" sourceLinked="1"/>`;
}

function plotXml(spec: ChartSpec, data: ChartData): string {
  const series = data.series.map((s, i) => seriesXml(spec, data, s, i)).join("");
  const axisIds = `<c:axId val="${AXIS_IDS.category}"/><c:axId val="${AXIS_IDS.value}"/>`;
  switch (spec.kind) {
    case "bar":
    case "column": {
      const horizontal = spec.kind === "bar";
      const chart = `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="60"/>${axisIds}</c:barChart>`;
      // A horizontal bar chart lists its first category at the top, as the table beside it does.
      return chart + categoryAxisXml(spec, data, horizontal ? "l" : "b", horizontal) + valueAxisXml(spec, data, horizontal ? "b" : "l", horizontal);
    }
    case "line": {
      const chart = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axisIds}</c:lineChart>`;
      return chart + categoryAxisXml(spec, data, "b", false) + valueAxisXml(spec, data, "l", false);
    }
    case "scatter": {
      const chart = `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}${axisIds}</c:scatterChart>`;
      return chart + scatterAxesXml(spec, data);
    }
    case "pie":
      return `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`;
  }
}

function seriesXml(spec: ChartSpec, data: ChartData, series: ChartData["series"][number], index: number): string {
  const head = `<c:idx val="${index}"/><c:order val="${index}"/><c:tx><c:v>${xmlText(series.name)}</c:v></c:tx>`;
  const cat = data.categories ? `<c:cat>${rangeXml(data.categories)}</c:cat>` : "";
  const val = `<c:val>${numberRefXml(series.values)}</c:val>`;
  switch (spec.kind) {
    case "bar":
    case "column":
      return `<c:ser>${head}<c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
    case "line":
      return `<c:ser>${head}<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>${cat}${val}<c:smooth val="0"/></c:ser>`;
    case "pie":
      return `<c:ser>${head}${pieLabelsXml()}${cat}${val}</c:ser>`;
    case "scatter": {
      // Many points read as a curve (a Pareto curve has one per percentile): no markers then.
      const marker = series.values.points.length > 40 ? `<c:marker><c:symbol val="none"/></c:marker>` : `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>`;
      const x = series.xValues ? `<c:xVal>${numberRefXml(series.xValues)}</c:xVal>` : "";
      return `<c:ser>${head}${marker}${x}<c:yVal>${numberRefXml(series.values)}</c:yVal><c:smooth val="0"/></c:ser>`;
    }
  }
}

/** Pie slices labelled with their share of the whole. */
function pieLabelsXml(): string {
  return (
    `<c:dLbls><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/>` +
    `<c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>`
  );
}

/** Category labels: numbers stay numbers (numRef, with their format); anything else is text (strRef). */
function rangeXml(range: CachedRange): string {
  const numeric = range.points.every((p) => p === null || typeof p === "number") && range.points.some((p) => p !== null);
  return numeric ? numberRefXml(range) : stringRefXml(range);
}

function numberRefXml(range: CachedRange): string {
  let points = "";
  range.points.forEach((p, i) => {
    if (typeof p === "number" && Number.isFinite(p)) points += `<c:pt idx="${i}"><c:v>${p}</c:v></c:pt>`;
  });
  return (
    `<c:numRef><c:f>${xmlText(range.formula)}</c:f><c:numCache><c:formatCode>${xmlText(range.formatCode)}</c:formatCode>` +
    `<c:ptCount val="${range.points.length}"/>${points}</c:numCache></c:numRef>`
  );
}

function stringRefXml(range: CachedRange): string {
  let points = "";
  range.points.forEach((p, i) => {
    if (p !== null) points += `<c:pt idx="${i}"><c:v>${xmlText(String(p))}</c:v></c:pt>`;
  });
  return `<c:strRef><c:f>${xmlText(range.formula)}</c:f><c:strCache><c:ptCount val="${range.points.length}"/>${points}</c:strCache></c:strRef>`;
}

/** The category axis; its labels keep the format of the category cells (dates read as dates). */
function categoryAxisXml(spec: ChartSpec, data: ChartData, position: "b" | "l", reversed: boolean): string {
  return (
    `<c:catAx><c:axId val="${AXIS_IDS.category}"/><c:scaling><c:orientation val="${reversed ? "maxMin" : "minMax"}"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${position}"/>` +
    (spec.xTitle ? titleXml(spec.xTitle, 1000, position === "l") : "") +
    `<c:numFmt formatCode="${xmlText(data.categories?.formatCode ?? "General")}" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${AXIS_IDS.value}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/>` +
    `</c:catAx>`
  );
}

/** The value axis; under a reversed category axis it crosses at the last category, i.e. stays at the bottom. */
/** CT_Scaling's max (after orientation, before min). */
const maxXml = (max: number | undefined) => (max !== undefined && Number.isFinite(max) ? `<c:max val="${max}"/>` : "");

function valueAxisXml(spec: ChartSpec, data: ChartData, position: "b" | "l", crossAtMax: boolean): string {
  return (
    `<c:valAx><c:axId val="${AXIS_IDS.value}"/><c:scaling><c:orientation val="minMax"/>${maxXml(spec.axisMax?.y)}</c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${position}"/><c:majorGridlines/>` +
    (spec.yTitle ? titleXml(spec.yTitle, 1000, position === "l") : "") +
    valueAxisFormat(spec, data) +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${AXIS_IDS.category}"/><c:crosses val="${crossAtMax ? "max" : "autoZero"}"/><c:crossBetween val="between"/>` +
    `</c:valAx>`
  );
}

function scatterAxesXml(spec: ChartSpec, data: ChartData): string {
  const axis = (id: number, cross: number, position: "b" | "l", title: string | undefined, numFmt: string, gridlines: boolean) =>
    `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/>${maxXml(position === "b" ? spec.axisMax?.x : spec.axisMax?.y)}</c:scaling><c:delete val="0"/><c:axPos val="${position}"/>` +
    (gridlines ? `<c:majorGridlines/>` : "") +
    (title ? titleXml(title, 1000, position === "l") : "") +
    `${numFmt}<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`;
  const first = data.series[0];
  return (
    axis(AXIS_IDS.category, AXIS_IDS.value, "b", spec.xTitle, `<c:numFmt formatCode="${xmlText(first?.xValues?.formatCode ?? "General")}" sourceLinked="1"/>`, false) +
    axis(AXIS_IDS.value, AXIS_IDS.category, "l", spec.yTitle, valueAxisFormat(spec, data), true)
  );
}

/** A title as rich text; a vertical axis's title reads bottom to top. */
function titleXml(text: string, size: number, vertical: boolean): string {
  const lang = /[\u3400-\u9FFF\uF900-\uFAFF]/.test(text) ? "zh-CN" : "en-US";
  const body = vertical ? `<a:bodyPr rot="-5400000" vert="horz"/>` : `<a:bodyPr/>`;
  return (
    `<c:title><c:tx><c:rich>${body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="${lang}" sz="${size}" b="1"/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`
  );
}

/** The twoCellAnchor that places chart `relId` over the cells of its anchor and size; declares its own namespaces. */
export function chartAnchorXml(spec: ChartSpec, relId: string, shapeId: number): string {
  const { row, col } = spec.anchor;
  const marker = (tag: string, c: number, r: number) =>
    `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}" xmlns:c="${C_NS}" editAs="oneCell">` +
    marker("from", col, row) +
    marker("to", col + spec.size.cols, row + spec.size.rows) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="${xmlText(`Chart ${shapeId}`)}" descr="${xmlText(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart r:id="${xmlText(relId)}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** A new, empty drawing part's text before its anchors are added. */
export function emptyDrawingXml(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}"></xdr:wsDr>`;
}

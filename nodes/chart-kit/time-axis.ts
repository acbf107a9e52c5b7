/**
 * Time axis labels that cannot be misread: a 24-hour clock, seconds (and milliseconds) when the shown span is
 * short, the date when the span crosses midnight, and full ISO dates for spans of a month or more. Vega's own
 * labels ("02:38" for 14:38, ".500" for half a second) drop the AM/PM and the rest of the time.
 *
 * The format is chosen in the chart itself from the scale's current domain, so it follows live data and zoom
 * without rebuilding the spec.
 */

const DAY = 86_400_000;

/** The Vega expression that formats one tick (`datum.value`) of the time scale named `scale`. */
function labelExpression(scale: 'x' | 'y'): string {
  const domain = `domain('${scale}')`;
  const span = `span(${domain})`;
  const crossesDays = `timeFormat(${domain}[0], '%Y%m%d') != timeFormat(peek(${domain}), '%Y%m%d')`;
  const atMidnight = 'hours(datum.value) == 0 && minutes(datum.value) == 0';
  const manyDays = `${span} >= ${30 * DAY} ? '%Y-%m-%d' : ${atMidnight} ? '%b %d' : '%b %d %H:%M'`;
  const sameDay = `${span} < 10000 ? '%H:%M:%S.%L' : ${span} < ${15 * 60_000} ? '%H:%M:%S' : '%H:%M'`;
  return `timeFormat(datum.value, ${crossesDays} ? (${manyDays}) : (${sameDay}))`;
}

/**
 * The Vega-Lite `axis` of a time position channel (`x` or `y`), with unambiguous labels (see the module note).
 * @example encoding.x = { field: 'x', type: 'temporal', axis: timeAxis('x') }
 */
export function timeAxis(scale: 'x' | 'y'): { labelExpr: string; tickCount: { expr: string } } {
  // Full times are longer than Vega's default labels: ask for fewer ticks, so fewer labels are dropped.
  return {
    labelExpr: labelExpression(scale),
    tickCount: { expr: `ceil(${scale === 'x' ? 'width' : 'height'} / 80)` },
  };
}

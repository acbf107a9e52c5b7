/**
 * How a dial gauge fills its panel: the dial as large as the panel allows, with the value beside it in a short,
 * wide panel or under it otherwise, the value's type sized to the dial and to the space left for it.
 */

/** The dial's drawing box (its SVG viewBox) is this much wider than high. */
export const DIAL_ASPECT = 160 / 142;
/** Height of the label line above, and of the warning/alarm note line, in pixels. */
const LABEL = 18;
const NOTE = 18;
const GAP = 6;
/** A digit is about this wide for its font size. */
const CHAR = 0.6;
const MIN_FONT = 16;
const MAX_FONT = 64;

export interface GaugeLayout {
  /** 'beside': value and note to the right of the dial; 'below': under it. */
  arrangement: 'beside' | 'below';
  dialWidth: number;
  dialHeight: number;
  /** Font size of the value, in pixels. */
  valueFont: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function below(width: number, height: number, chars: number): GaugeLayout {
  const valueFont = clamp(
    Math.min(0.13 * Math.min(width, height * 1.4), width / (CHAR * chars)),
    MIN_FONT,
    44,
  );
  const dialHeight = Math.max(
    0,
    Math.min(height - LABEL - NOTE - valueFont * 1.15 - 3 * GAP, width / DIAL_ASPECT),
  );
  return { arrangement: 'below', dialWidth: dialHeight * DIAL_ASPECT, dialHeight, valueFont };
}

function beside(width: number, height: number, chars: number): GaugeLayout {
  const dialHeight = Math.max(0, Math.min(height - LABEL - GAP, (width * 0.58) / DIAL_ASPECT));
  const dialWidth = dialHeight * DIAL_ASPECT;
  const room = width - dialWidth - 2 * GAP;
  const valueFont = clamp(Math.min(0.32 * dialHeight, room / (CHAR * chars)), MIN_FONT, MAX_FONT);
  return { arrangement: 'beside', dialWidth, dialHeight, valueFont };
}

/**
 * The layout for a gauge panel of `width` × `height` pixels (inside its padding) showing a value of `chars`
 * characters: the value below the dial, unless beside it gives a clearly larger dial and a readable value.
 * @example gaugeLayout(290, 130, 4) // { arrangement: 'beside', dialHeight: 106, … }
 */
export function gaugeLayout(width: number, height: number, chars: number): GaugeLayout {
  const length = Math.max(1, chars);
  const under = below(width, height, length);
  const side = beside(width, height, length);
  // Beside only when that makes the dial clearly larger and leaves the value room to be read.
  return side.dialHeight > under.dialHeight * 1.25 && side.valueFont >= 18 ? side : under;
}

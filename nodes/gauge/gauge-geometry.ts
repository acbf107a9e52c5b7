import type { Level, Levels } from '../panel-kit/aggregate';

/** A stretch of the gauge's range drawn in one colour. */
export interface Band {
  from: number;
  to: number;
  level: Exclude<Level, 'none'> | 'neutral';
}

/** The dial's sweep: from -SWEEP to +SWEEP degrees, 0 pointing straight up. */
export const SWEEP = 120;

/**
 * Where `value` sits between `min` and `max`, from 0 to 1 (clamped).
 * @example fractionOf(25, 0, 100) // 0.25
 */
export function fractionOf(value: number, min: number, max: number): number {
  if (!(max > min)) return 0;
  return Math.min(1, Math.max(0, (value - min) / (max - min)));
}

/**
 * The needle's angle in degrees for a value (0 is straight up, -SWEEP the lowest value, +SWEEP the highest).
 * @example needleAngle(50, 0, 100) // 0
 */
export function needleAngle(value: number, min: number, max: number): number {
  return -SWEEP + 2 * SWEEP * fractionOf(value, min, max);
}

/**
 * The coloured bands of a gauge: alarm, warning and normal stretches by its levels (no levels: one neutral
 * band), clipped to the range and without empty stretches.
 * @example bandsOf(0, 100, { warnAt: 50, alarmAt: 20 }) // alarm 0–20, warning 20–50, ok 50–100
 */
export function bandsOf(min: number, max: number, levels: Levels): Band[] {
  const { warnAt, alarmAt } = levels;
  if (warnAt === undefined && alarmAt === undefined) return [{ from: min, to: max, level: 'neutral' }];
  const clip = (v: number) => Math.min(max, Math.max(min, v));
  const bands: Band[] =
    levels.higherIsBetter === false
      ? [
          { from: min, to: warnAt ?? alarmAt!, level: 'ok' },
          { from: warnAt ?? alarmAt!, to: alarmAt ?? max, level: 'warning' },
          { from: alarmAt ?? max, to: max, level: 'alarm' },
        ]
      : [
          { from: min, to: alarmAt ?? min, level: 'alarm' },
          { from: alarmAt ?? min, to: warnAt ?? alarmAt!, level: 'warning' },
          { from: warnAt ?? alarmAt!, to: max, level: 'ok' },
        ];
  return bands
    .map((band) => ({ ...band, from: clip(band.from), to: clip(band.to) }))
    .filter((band) => band.to > band.from);
}

/**
 * An SVG path for the arc of the dial between two angles (degrees, 0 up) around (cx, cy).
 * @example arcPath(100, 100, 80, -120, 120)
 */
export function arcPath(cx: number, cy: number, r: number, fromDeg: number, toDeg: number): string {
  const point = (deg: number) => {
    const rad = (deg * Math.PI) / 180;
    return `${(cx + r * Math.sin(rad)).toFixed(2)} ${(cy - r * Math.cos(rad)).toFixed(2)}`;
  };
  const large = toDeg - fromDeg > 180 ? 1 : 0;
  return `M ${point(fromDeg)} A ${r} ${r} 0 ${large} 1 ${point(toDeg)}`;
}

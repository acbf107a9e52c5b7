import { describe, expect, it } from 'vitest';
import { SlidingColumn } from '../../../nodes/window/sliding-window';
import { simulateFleet } from '../simulator/fleet';
import { FEATURE_WINDOW, FEATURES, windowFeatures } from './features';

describe('window features', () => {
  it('are named as the window node names column_fn, in a fixed order', () => {
    for (const f of FEATURES) expect(f.name).toBe(`${f.column}_${f.fn}`);
    expect(FEATURES.map((f) => f.name)).toContain('speed_last');
  });

  it('summarise the last readings including the current one, fewer at the start', () => {
    const readings = [1, 5, 3, 2].map((v) => ({
      vibration_rms: v,
      bearing_temp: v,
      pressure: v,
      flow: v,
      speed: v,
    }));
    const x = windowFeatures(readings, 2);
    const at = (row: number, name: string) =>
      x[row * FEATURES.length + FEATURES.findIndex((f) => f.name === name)];
    expect(at(0, 'vibration_rms_mean')).toBe(1);
    expect(at(1, 'vibration_rms_mean')).toBe(3);
    expect(at(2, 'vibration_rms_max')).toBe(5);
    expect(at(3, 'vibration_rms_max')).toBe(3);
    expect(at(3, 'flow_min')).toBe(2);
    expect(at(3, 'speed_last')).toBe(2);
  });

  it('match the window node’s own sliding summaries (by count) on simulated telemetry', () => {
    const [readings] = simulateFleet({ pumps: 1, seed: 12 }, 400);
    const x = windowFeatures(readings);
    FEATURES.forEach((feature, f) => {
      const column = new SlidingColumn((i) => readings[i][feature.column]);
      for (let i = 0; i < readings.length; i++) {
        column.add(i);
        const start = i - FEATURE_WINDOW + 1;
        if (start > 0) column.remove(start - 1, start, i);
        expect(x[i * FEATURES.length + f]).toBeCloseTo(column.value(feature.fn) as number, 9);
      }
    });
  });
});

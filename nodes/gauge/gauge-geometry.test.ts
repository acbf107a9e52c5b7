import { describe, expect, it } from 'vitest';
import { arcPath, bandsOf, fractionOf, needleAngle } from './gauge-geometry';

describe('gauge geometry', () => {
  it('places values on the sweep, clamped to the range', () => {
    expect(fractionOf(25, 0, 100)).toBe(0.25);
    expect(fractionOf(-5, 0, 100)).toBe(0);
    expect(fractionOf(500, 0, 100)).toBe(1);
    expect(fractionOf(5, 10, 10)).toBe(0);
    expect(needleAngle(50, 0, 100)).toBe(0);
    expect(needleAngle(0, 0, 100)).toBe(-120);
    expect(needleAngle(100, 0, 100)).toBe(120);
    expect(needleAngle(75, 50, 150)).toBe(-60);
  });

  it('colours bands where higher is better', () => {
    expect(bandsOf(0, 100, { warnAt: 50, alarmAt: 20 })).toEqual([
      { from: 0, to: 20, level: 'alarm' },
      { from: 20, to: 50, level: 'warning' },
      { from: 50, to: 100, level: 'ok' },
    ]);
    expect(bandsOf(0, 100, { warnAt: 40 })).toEqual([
      { from: 0, to: 40, level: 'warning' },
      { from: 40, to: 100, level: 'ok' },
    ]);
  });

  it('colours bands where lower is better, clipped to the range', () => {
    expect(bandsOf(0, 120, { warnAt: 80, alarmAt: 95, higherIsBetter: false })).toEqual([
      { from: 0, to: 80, level: 'ok' },
      { from: 80, to: 95, level: 'warning' },
      { from: 95, to: 120, level: 'alarm' },
    ]);
    expect(bandsOf(0, 50, { alarmAt: 90, higherIsBetter: false })).toEqual([
      { from: 0, to: 50, level: 'ok' },
    ]);
    expect(bandsOf(0, 10, {})).toEqual([{ from: 0, to: 10, level: 'neutral' }]);
  });

  it('draws arcs, with the large-arc flag past half a turn', () => {
    expect(arcPath(100, 100, 80, -90, 90)).toBe('M 20.00 100.00 A 80 80 0 0 1 180.00 100.00');
    expect(arcPath(100, 100, 80, -120, 120)).toContain(' 0 1 1 ');
  });
});

import { describe, expect, it } from 'vitest';
import { DIAL_ASPECT, gaugeLayout } from './gauge-layout';

describe('gauge layout', () => {
  it('puts the value beside the dial in a short, wide panel, the dial using almost all the height', () => {
    const layout = gaugeLayout(290, 130, 4);
    expect(layout.arrangement).toBe('beside');
    expect(layout.dialHeight).toBeGreaterThan(100);
    expect(layout.dialWidth).toBeLessThanOrEqual(290 * 0.6);
    expect(layout.valueFont).toBeGreaterThanOrEqual(28);
  });

  it('puts the value under the dial in a tall or square panel, the dial as wide as the panel allows', () => {
    const layout = gaugeLayout(280, 300, 8);
    expect(layout.arrangement).toBe('below');
    expect(layout.dialWidth).toBeCloseTo(layout.dialHeight * DIAL_ASPECT, 6);
    expect(layout.dialWidth).toBeLessThanOrEqual(280);
    expect(layout.dialHeight).toBeGreaterThan(180);
  });

  it('grows with the panel and keeps a long value inside the width, never below a readable size', () => {
    const small = gaugeLayout(300, 220, 6);
    const large = gaugeLayout(600, 440, 6);
    expect(large.dialHeight).toBeGreaterThan(small.dialHeight * 1.8);
    expect(large.valueFont).toBeGreaterThan(small.valueFont);
    // A panel a little wider than high keeps the value under the dial, where a long value fits.
    expect(gaugeLayout(276, 224, 8).arrangement).toBe('below');
    const long = gaugeLayout(200, 260, 14);
    expect(long.valueFont * 0.6 * 14).toBeLessThanOrEqual(200);
    expect(gaugeLayout(60, 60, 20).valueFont).toBe(16);
    expect(gaugeLayout(60, 30, 4).dialHeight).toBeGreaterThanOrEqual(0);
  });

  it('puts the value beside the dial in a short dashboard tile, where below would leave a tiny dial', () => {
    // The demo twin's "closest to failure" tile: about 282 × 97 inside its padding, value "160 h".
    const tile = gaugeLayout(282, 97, 5);
    expect(tile.arrangement).toBe('beside');
    expect(tile.dialHeight).toBeGreaterThan(70);
    expect(tile.valueFont).toBeGreaterThanOrEqual(18);
  });
});

import { describe, expect, it } from 'vitest';
import { createFleet, fastForward, pumpId, simulateFleet, stepFleet } from './fleet';

describe('pump fleet', () => {
  it('names pumps with zero-padded numbers', () => {
    expect(pumpId(0, 8)).toBe('P-01');
    expect(pumpId(99, 120)).toBe('P-100');
    expect(createFleet({ pumps: 3 }).ids).toEqual(['P-01', 'P-02', 'P-03']);
  });

  it('is deterministic for a seed', () => {
    expect(simulateFleet({ pumps: 4, seed: 9 }, 200)).toEqual(simulateFleet({ pumps: 4, seed: 9 }, 200));
    const a = simulateFleet({ pumps: 4, seed: 9 }, 50)[0].map((r) => r.flow);
    const b = simulateFleet({ pumps: 4, seed: 10 }, 50)[0].map((r) => r.flow);
    expect(a).not.toEqual(b);
  });

  it('gives each pump its own random stream, whatever the fleet size', () => {
    const three = createFleet({ pumps: 3, seed: 4 });
    const eight = createFleet({ pumps: 8, seed: 4 });
    expect(eight.pumps[2].rateFactor).toBe(three.pumps[2].rateFactor);
    expect(eight.pumps[2].setpoint).toBe(three.pumps[2].setpoint);
    expect(eight.pumps[2].rateFactor).not.toBe(eight.pumps[1].rateFactor);
  });

  it('staggers the starting wear so the fleet shows a spread of health', () => {
    const fleet = createFleet({ pumps: 8, seed: 1 });
    const wear = fleet.pumps.map((p) => p.wear);
    expect(wear[0]).toBeLessThan(0.1);
    expect(wear[7]).toBeGreaterThan(0.7);
    for (let i = 1; i < wear.length; i++) expect(wear[i]).toBeGreaterThan(wear[i - 1]);
    const { readings } = stepFleet(fleet);
    expect(readings[7].true_rul_h).toBeLessThan(readings[0].true_rul_h);
  });

  it('fast-forwards to the same state as stepping', () => {
    let stepped = createFleet({ pumps: 3, seed: 2 });
    for (let i = 0; i < 250; i++) stepped = stepFleet(stepped).fleet;
    expect(fastForward(createFleet({ pumps: 3, seed: 2 }), 250)).toEqual(stepped);
  });

  it('goes through failures and repairs over a long run', () => {
    const series = simulateFleet({ pumps: 8, seed: 3 }, 3000);
    const events = series.flat().filter((r) => r.event !== null);
    expect(events.length).toBeGreaterThan(8);
    expect(events.some((r) => r.event === 'failure')).toBe(true);
    for (const pump of series) {
      pump.forEach((r, step) => expect(r.step).toBe(step));
    }
  });
});

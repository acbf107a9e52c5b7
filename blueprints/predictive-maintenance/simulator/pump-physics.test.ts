import { describe, expect, it } from 'vitest';
import {
  createPump,
  expectedRulHours,
  PUMP_PHYSICS,
  stepPump,
  type PumpReading,
  type PumpState,
} from './pump-physics';

function run(pump: PumpState, steps: number): PumpReading[] {
  const readings: PumpReading[] = [];
  let state = pump;
  for (let i = 0; i < steps; i++) {
    const next = stepPump(state);
    readings.push(next.reading);
    state = next.state;
  }
  return readings;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('pump physics', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(run(createPump(7, 2, 0.2), 300)).toEqual(run(createPump(7, 2, 0.2), 300));
    const other = run(createPump(8, 2, 0.2), 300);
    expect(other.map((r) => r.vibration_rms)).not.toEqual(
      run(createPump(7, 2, 0.2), 300).map((r) => r.vibration_rms),
    );
  });

  it('gives a new average bearing its nominal life at nominal speed', () => {
    expect(expectedRulHours(0, 1, PUMP_PHYSICS.nominalSpeed)).toBeCloseTo(PUMP_PHYSICS.nominalLifeHours, 6);
    expect(expectedRulHours(1, 1, 1450)).toBe(0);
    // Faster wears faster: (1750 / 1450)³ ≈ 1.76 times shorter.
    expect(expectedRulHours(0.3, 1, 1750)).toBeLessThan(expectedRulHours(0.3, 1, 1450) / 1.7);
  });

  it('only ever wears, until a repair, and wears faster the more worn it is', () => {
    const readings = run(createPump(3, 0, 0), 4000);
    const growth: number[] = [];
    for (let i = 1; i < readings.length; i++) {
      if (readings[i - 1].event) continue;
      const dw = readings[i].wear - readings[i - 1].wear;
      expect(dw).toBeGreaterThanOrEqual(0);
      growth.push(dw / ((readings[i].speed / 1450) ** 3 || 1));
    }
    const early = readings.filter((r, i) => i > 0 && r.wear < 0.2 && !readings[i - 1].event).length;
    expect(early).toBeGreaterThan(0);
    // Expected growth is higher late in life than early (exponential law), averaged over many steps.
    const byWear = (lo: number, hi: number) =>
      mean(
        readings
          .slice(1)
          .flatMap((r, i) => (r.wear >= lo && r.wear < hi && !readings[i].event ? [growth[i] ?? 0] : [])),
      );
    expect(byWear(0.6, 0.95)).toBeGreaterThan(2 * byWear(0, 0.2));
  });

  it('degrades the measurements with wear in expectation', () => {
    const readings = run(createPump(11, 1, 0), 6000).filter((r) => Math.abs(r.speed - 1450) < 30);
    const healthy = readings.filter((r) => r.wear < 0.2);
    const worn = readings.filter((r) => r.wear > 0.7);
    expect(healthy.length).toBeGreaterThan(20);
    expect(worn.length).toBeGreaterThan(20);
    const m = (list: PumpReading[], key: 'vibration_rms' | 'bearing_temp' | 'flow' | 'pressure') =>
      mean(list.map((r) => r[key]));
    expect(m(worn, 'vibration_rms')).toBeGreaterThan(m(healthy, 'vibration_rms') + 2);
    expect(m(worn, 'bearing_temp')).toBeGreaterThan(m(healthy, 'bearing_temp') + 10);
    expect(m(worn, 'flow')).toBeLessThan(m(healthy, 'flow') - 5);
    expect(m(worn, 'pressure')).toBeLessThan(m(healthy, 'pressure'));
  });

  it('reports RUL 0 and a fault on a failure, then repairs the pump back to almost new', () => {
    let state = createPump(5, 4, 0.98);
    let failure: PumpReading | undefined;
    for (let i = 0; i < 500 && !failure; i++) {
      const next = stepPump(state);
      state = next.state;
      if (next.reading.event) failure = next.reading;
    }
    expect(failure).toBeDefined();
    if (failure?.event === 'failure') {
      expect(failure.true_rul_h).toBe(0);
      expect(failure.fault).toBe(true);
    }
    expect(state.wear).toBeLessThan(0.03);
    const after = stepPump(state).reading;
    expect(after.true_rul_h).toBeGreaterThan(300);
  });

  it('keeps its RUL truth consistent: about one hour less per hour at a constant setpoint', () => {
    const readings = run(createPump(21, 0, 0.1), 3000);
    const drops: number[] = [];
    for (let i = 1; i < readings.length; i++) {
      const [a, b] = [readings[i - 1], readings[i]];
      const sameSetpoint = Math.abs(a.speed - b.speed) < 40;
      if (!a.event && sameSetpoint && b.true_rul_h > 0) drops.push(a.true_rul_h - b.true_rul_h);
    }
    expect(drops.length).toBeGreaterThan(1000);
    // Noise makes single steps vary; on average the truth falls by one step's hours.
    expect(mean(drops)).toBeGreaterThan(0.8);
    expect(mean(drops)).toBeLessThan(1.2);
    for (const r of readings) {
      if (r.event === 'failure') expect(r.true_rul_h).toBe(0);
      else expect(r.true_rul_h).toBeGreaterThan(0);
      if (r.wear >= PUMP_PHYSICS.faultWear) expect(r.fault).toBe(true);
    }
    expect(readings.some((r) => r.fault && r.wear < PUMP_PHYSICS.faultWear)).toBe(true); // cavitation
  });

  it('makes a higher setpoint wear the pump faster', () => {
    const life = (setpoint: number) => {
      const lives: number[] = [];
      for (let seed = 0; seed < 30; seed++) {
        let state: PumpState = { ...createPump(seed, 0, 0), setpoint };
        for (let h = 0; h < 20_000; h++) {
          // Hold the setpoint: undo the operator's changes.
          const next = stepPump(state);
          state = { ...next.state, setpoint };
          if (next.reading.event) {
            lives.push(h);
            break;
          }
        }
      }
      return mean(lives);
    };
    expect(life(1750)).toBeLessThan(life(1150) * 0.5);
  });
});

/**
 * The physics of one centrifugal pump, as a pure step function over plain data. Time advances in operating
 * hours (one step = one hour), so nothing depends on how fast the simulation is played back.
 *
 * Degradation: bearing wear w grows from 0 (new) to 1 (failed) as dw/dt = r · f · (s/s₀)³ · (a + w) · ε, i.e.
 * exponentially, as a spalling bearing does: slowly at first, then faster and faster. r is the nominal rate,
 * f this bearing's own factor (hidden, redrawn at each repair), (s/s₀)³ the speed effect (bearing load grows
 * with the square of speed on a centrifugal pump, and the revolutions with speed) and ε a mean-one noise.
 * Wear raises vibration and bearing temperature and lowers flow and pressure at a given speed. Short cavitation
 * episodes (more likely at high speed) shake the pump and drop flow and pressure for a few hours.
 */
import { RandomCursor, seedState, type RandomState } from './random';

/** Operating hours per simulation step. */
export const STEP_HOURS = 1;

/** The constants of the pump model. */
export const PUMP_PHYSICS = {
  /** Nominal speed s₀ (rpm): a 4-pole motor on 50 Hz. */
  nominalSpeed: 1450,
  /** Speed setpoints the operator switches between (rpm, variable-frequency drive). */
  setpoints: [1150, 1300, 1450, 1600, 1750] as readonly number[],
  /** Chance per hour that the operator changes the setpoint. */
  setpointChangePerHour: 1 / 120,
  /** Offset a in the wear law: the larger, the less explosive the end of life. */
  wearOffset: 0.15,
  /** Hours from new to failure at nominal speed for an average bearing, without noise. */
  nominalLifeHours: 1200,
  /** Log-space spread of a bearing's own wear-rate factor f. */
  bearingSpread: 0.15,
  /** Log-space spread of the hourly wear noise ε. */
  wearNoise: 0.5,
  /** Wear from which the pump counts as faulty (vibration in ISO 10816 zone C and rising). */
  faultWear: 0.55,
  /** Wear from which the maintenance crew may replace the bearing before it fails. */
  maintenanceWear: 0.85,
  /** Chance per hour of a preventive repair once wear is past maintenanceWear. */
  maintenancePerHour: 0.02,
  /** Chance per hour of a cavitation episode at nominal speed (grows with speed³). */
  cavitationPerHour: 0.002,
  /** Nominal flow (m³/h) and pressure (bar) at nominal speed, new pump. */
  nominalFlow: 120,
  nominalPressure: 4,
  /** Healthy vibration (mm/s RMS) at nominal speed, and the extra at full wear. */
  healthyVibration: 1.8,
  wearVibration: 6.5,
  /** Bearing temperature: rise over ambient at nominal speed (K), extra at full wear (K), lag (h). */
  temperatureRise: 28,
  wearTemperature: 35,
  thermalLagHours: 3,
} as const;

/** Everything about one pump that the next step depends on. Plain data. */
export interface PumpState {
  /** Bearing wear: 0 new, 1 failed. */
  wear: number;
  /** This bearing's wear-rate factor f (mean 1). */
  rateFactor: number;
  /** Speed setpoint (rpm). */
  setpoint: number;
  /** Bearing temperature (°C), which follows its target with a lag. */
  bearingTemp: number;
  /** Hours left of the current cavitation episode (0: none). */
  cavitationHours: number;
  /** Steps taken so far; the next reading has this step number. */
  step: number;
  random: RandomState;
}

/** One telemetry reading with its ground truth. */
export interface PumpReading {
  step: number;
  /** Vibration velocity, RMS (mm/s). */
  vibration_rms: number;
  /** Bearing temperature (°C). */
  bearing_temp: number;
  /** Discharge pressure (bar). */
  pressure: number;
  /** Flow (m³/h). */
  flow: number;
  /** Shaft speed (rpm). */
  speed: number;
  /** Operating hours until failure if the pump kept its current setpoint (0 on the reading of a failure). */
  true_rul_h: number;
  /** True while the pump is faulty: bearing wear past the fault level, or cavitating. */
  fault: boolean;
  /** Hidden wear, for tests and training (not written to the telemetry table). */
  wear: number;
  /** What happened after this reading: the pump failed and was repaired, or was repaired before failing. */
  event: 'failure' | 'maintenance' | null;
}

const P = PUMP_PHYSICS;
const NOMINAL_RATE = Math.log(1 + 1 / P.wearOffset) / P.nominalLifeHours;

function ambient(step: number): number {
  return 25 + 3 * Math.sin((2 * Math.PI * ((step * STEP_HOURS) % 24)) / 24);
}

function temperatureTarget(step: number, ratio: number, wear: number): number {
  return ambient(step) + P.temperatureRise * ratio ** 1.5 + P.wearTemperature * wear * wear;
}

/**
 * Hours until the wear reaches 1 at a constant speed, following the noise-free wear law: the ground-truth
 * remaining useful life at the current operating point.
 * @example expectedRulHours(0, 1, 1450) // ≈ 1200 (a new average bearing at nominal speed)
 */
export function expectedRulHours(wear: number, rateFactor: number, speed: number): number {
  if (wear >= 1) return 0;
  const ratio = speed / P.nominalSpeed;
  const rate = NOMINAL_RATE * rateFactor * ratio ** 3;
  return Math.log((1 + P.wearOffset) / (Math.max(0, wear) + P.wearOffset)) / rate;
}

/**
 * A pump at the given wear, with its own random stream (seed, index) and a setpoint drawn from that stream.
 * @example const pump = createPump(42, 0, 0.3)
 */
export function createPump(seed: number, index: number, wear: number): PumpState {
  const r = new RandomCursor(seedState(seed, index));
  const rateFactor = r.meanOneLogNormal(P.bearingSpread);
  const setpoint = r.pick(P.setpoints);
  const state: PumpState = {
    wear: Math.min(Math.max(wear, 0), 0.99),
    rateFactor,
    setpoint,
    bearingTemp: 0,
    cavitationHours: 0,
    step: 0,
    random: r.state,
  };
  state.bearingTemp = temperatureTarget(0, setpoint / P.nominalSpeed, state.wear);
  return state;
}

/**
 * Advances a pump by one step (STEP_HOURS operating hours): the operator may change the setpoint, the bearing
 * wears, a cavitation episode may start or go on; then the pump is read. A pump whose wear reaches 1 fails (its
 * reading has RUL 0) and is repaired before the next step, as is, sometimes, a pump near the end of its life.
 * @example
 * let pump = createPump(1, 0, 0);
 * const { state, reading } = stepPump(pump); // reading.vibration_rms ≈ 1.8 mm/s at nominal speed
 */
export function stepPump(pump: PumpState): { state: PumpState; reading: PumpReading } {
  const r = new RandomCursor(pump.random);
  let setpoint = pump.setpoint;
  if (r.uniform() < P.setpointChangePerHour * STEP_HOURS) setpoint = r.pick(P.setpoints);
  const ratio = setpoint / P.nominalSpeed;
  const growth = NOMINAL_RATE * pump.rateFactor * ratio ** 3 * (P.wearOffset + pump.wear) * STEP_HOURS;
  const wear = Math.min(1, pump.wear + growth * r.meanOneLogNormal(P.wearNoise));
  let cavitationHours = Math.max(0, pump.cavitationHours - STEP_HOURS);
  if (cavitationHours === 0 && r.uniform() < P.cavitationPerHour * ratio ** 3 * STEP_HOURS) {
    cavitationHours = 3 + Math.floor(r.uniform() * 6);
  }
  const cavitating = cavitationHours > 0 ? 1 : 0;

  const speed = setpoint + 4 * r.normal();
  const q = speed / P.nominalSpeed;
  const vibrationTrue =
    P.healthyVibration * q * q + P.wearVibration * wear * wear * q ** 1.5 + 2.5 * cavitating;
  const vibration = Math.max(0.05, vibrationTrue * (1 + 0.04 * r.normal()) + 0.08 * r.normal());
  const lag = 1 - Math.exp(-STEP_HOURS / P.thermalLagHours);
  const bearingTemp = pump.bearingTemp + (temperatureTarget(pump.step, q, wear) - pump.bearingTemp) * lag;
  const wearLoss = wear ** 1.5;
  const flow = P.nominalFlow * q * (1 - 0.15 * wearLoss) * (1 - 0.1 * cavitating) + 1.2 * r.normal();
  const pressure =
    P.nominalPressure * q * q * (1 - 0.08 * wearLoss) * (1 - 0.15 * cavitating) + 0.04 * r.normal();

  const failed = wear >= 1;
  const maintained = !failed && wear >= P.maintenanceWear && r.uniform() < P.maintenancePerHour * STEP_HOURS;
  const reading: PumpReading = {
    step: pump.step,
    vibration_rms: vibration,
    bearing_temp: bearingTemp + 0.3 * r.normal(),
    pressure: Math.max(0, pressure),
    flow: Math.max(0, flow),
    speed,
    true_rul_h: expectedRulHours(wear, pump.rateFactor, setpoint),
    fault: wear >= P.faultWear || cavitating === 1,
    wear,
    event: failed ? 'failure' : maintained ? 'maintenance' : null,
  };
  const repaired = failed || maintained;
  const state: PumpState = {
    wear: repaired ? 0.03 * r.uniform() : wear,
    rateFactor: repaired ? r.meanOneLogNormal(P.bearingSpread) : pump.rateFactor,
    setpoint,
    bearingTemp,
    cavitationHours,
    step: pump.step + 1,
    random: r.state,
  };
  return { state, reading };
}

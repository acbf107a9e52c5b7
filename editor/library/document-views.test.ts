import { describe, expect, it } from 'vitest';
import pumpRul from '../../blueprints/predictive-maintenance/models/pump-rul/model-card.json';
import chartLine from '../../nodes/chart.line/manifest.json';
import pumpFleet from '../../runtime/compiler/fixtures/valid/pump-fleet.json';
import {
  blueprintInputs,
  componentPorts,
  formatBytes,
  formatDate,
  modelMetrics,
  modelSignature,
  taskInWords,
  typeInWords,
} from './document-views';

describe('blueprintInputs', () => {
  it('lists each table input with its columns in everyday words', () => {
    const [telemetry] = blueprintInputs(pumpFleet);
    expect(telemetry).toMatchObject({ name: 'telemetry', title: 'Pump telemetry', kind: 'table' });
    expect(telemetry.columns.map((c) => c.name)).toEqual([
      'id',
      'pump_id',
      'ts',
      'vibration_rms',
      'bearing_temp',
    ]);
    expect(telemetry.columns[3]).toMatchObject({
      typeWords: 'decimal number',
      unit: 'mm/s',
      role: 'measure',
    });
  });

  it('shows value inputs with their type, unit and default', () => {
    const rows = blueprintInputs({
      inputs: { offset: { kind: 'value', type: 'float8', unit: 'degC', default: 0, title: 'Sensor offset' } },
    });
    expect(rows).toEqual([
      expect.objectContaining({
        name: 'offset',
        title: 'Sensor offset',
        type: 'float8',
        unit: 'degC',
        defaultValue: '0',
      }),
    ]);
  });

  it('skips what is not an input instead of failing', () => {
    expect(blueprintInputs(null)).toEqual([]);
    expect(blueprintInputs({ inputs: { a: 3, b: { kind: 'video' } } })).toEqual([]);
  });
});

describe('modelSignature and modelMetrics', () => {
  it('reads every feature and output column of a real model card', () => {
    const { inputs, outputs } = modelSignature(pumpRul);
    expect(inputs).toHaveLength(10);
    expect(inputs[0]).toMatchObject({
      tensor: 'features',
      name: 'vibration_rms_mean',
      unit: 'mm/s',
      dtype: 'float32',
    });
    expect(outputs).toEqual([expect.objectContaining({ name: 'rul_h', unit: 'h' })]);
  });

  it('writes each metric with its unit', () => {
    expect(modelMetrics(pumpRul)[0]).toEqual({
      name: 'RUL MAE',
      value: '16.8 h',
      dataset: '16 simulated pumps never seen in training, 96000 readings',
    });
    expect(modelMetrics({ metrics: 'none' })).toEqual([]);
  });
});

describe('componentPorts', () => {
  it("lists a node type's ports", () => {
    expect(componentPorts(chartLine, 'inputs').map((p) => p.name)).toContain('rows');
    expect(componentPorts({}, 'outputs')).toEqual([]);
  });
});

describe('words and numbers', () => {
  it('puts types, tasks, dates and sizes in plain words', () => {
    expect(typeInWords('timestamptz')).toBe('date and time');
    expect(typeInWords('geometry')).toBe('geometry');
    expect(taskInWords('anomaly-detection')).toBe('Anomaly detection (flags unusual readings)');
    expect(taskInWords(undefined)).toBe('Not stated');
    expect(formatDate('2026-11-25T14:03:01Z')).toBe('25 Nov 2026');
    expect(formatDate('soon')).toBe('soon');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(6299)).toBe('6.3 kB');
    expect(formatBytes(2_500_000)).toBe('2.5 MB');
  });
});

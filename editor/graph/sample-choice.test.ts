import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../runtime/compiler/document-types';
import { missingSamplesMessage, reconcileSamples, samplesToSave } from './sample-choice';

const tables = [{ name: 'pump_telemetry' }, { name: 'site_weather' }];

describe('reconcileSamples', () => {
  it('keeps the picks whose demo table still exists and lists the others as missing', () => {
    expect(
      reconcileSamples(
        { telemetry: 'pump_telemetry', weather: 'old_weather', other: 'site_weather' },
        tables,
      ),
    ).toEqual({
      picked: { telemetry: 'pump_telemetry', other: 'site_weather' },
      missing: [{ input: 'weather', table: 'old_weather' }],
    });
    expect(reconcileSamples({}, tables)).toEqual({ picked: {}, missing: [] });
    expect(reconcileSamples({ a: 'pump_telemetry' }, [])).toEqual({
      picked: {},
      missing: [{ input: 'a', table: 'pump_telemetry' }],
    });
  });
});

describe('samplesToSave', () => {
  it('saves only the picks of table inputs the document still declares', () => {
    const doc: Pick<Blueprint, 'inputs'> = {
      inputs: {
        telemetry: { kind: 'table', columns: { id: { type: 'text' } } },
        setpoint: { kind: 'value', type: 'float8' },
      },
    };
    expect(
      samplesToSave({ telemetry: 'pump_telemetry', setpoint: 'site_weather', removed: 'site_weather' }, doc),
    ).toEqual({ samples: { telemetry: 'pump_telemetry' } });
    expect(samplesToSave({ telemetry: 'pump_telemetry' }, {})).toEqual({ samples: {} });
  });
});

describe('missingSamplesMessage', () => {
  it('names each gone table and its input and says what to do, or is null when none is gone', () => {
    expect(missingSamplesMessage([])).toBeNull();
    expect(missingSamplesMessage([{ input: 'telemetry', table: 'old' }])).toBe(
      'The demo table "old" for "telemetry" saved as sample data no longer exists, so the preview shows no rows there. Pick another table under "Data this blueprint needs".',
    );
    expect(
      missingSamplesMessage([
        { input: 'a', table: 'x' },
        { input: 'b', table: 'y' },
      ]),
    ).toMatch(/^The demo tables "x" for "a", "y" for "b" saved as sample data no longer exist,/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  nameSimilarity,
  nameTokens,
  rankCandidates,
  suggestMapping,
  typeCompatibility,
  type DeclaredColumn,
  type SourceColumn,
} from './column-matcher';

const declared: DeclaredColumn[] = [
  { name: 'id', type: 'int8', role: 'key' },
  { name: 'line', type: 'text', role: 'entity' },
  { name: 'ts', type: 'timestamptz', role: 'time' },
  { name: 'temp', type: 'float8', role: 'measure', unit: 'degC' },
];

const uploaded: SourceColumn[] = [
  { name: 'id', type: 'int8' },
  { name: 'operator', type: 'text' },
  { name: 'line_name', type: 'text' },
  { name: 'recorded_at', type: 'timestamptz' },
  { name: 'humidity_pct', type: 'float8' },
  { name: 'temperature_c', type: 'float8' },
];

describe('nameTokens', () => {
  it('splits on separators, case changes and digits, and lower-cases', () => {
    expect(nameTokens('lineName')).toEqual(['line', 'name']);
    expect(nameTokens('LINE_ID')).toEqual(['line', 'id']);
    expect(nameTokens('sensor2Value')).toEqual(['sensor', '2', 'value']);
  });

  it('replaces synonyms by one spelling and drops units and plurals', () => {
    expect(nameTokens('ts')).toEqual(['time']);
    expect(nameTokens('Timestamp')).toEqual(['time']);
    expect(nameTokens('recorded_at')).toEqual(['time']);
    expect(nameTokens('Temperature (°C)')).toEqual(['temperature']);
    expect(nameTokens('vib_rms_mm_s')).toEqual(['vibration', 'rms']);
    expect(nameTokens('readings')).toEqual(['value']);
  });

  it('keeps a name made only of a unit', () => {
    expect(nameTokens('c')).toEqual(['c']);
  });
});

describe('nameSimilarity', () => {
  it('is 1 for names that mean the same after normalising', () => {
    expect(nameSimilarity('temp', 'temperature_c')).toBe(1);
    expect(nameSimilarity('vib', 'Vibration')).toBe(1);
    expect(nameSimilarity('ts', 'time')).toBe(1);
  });

  it('ranks a partial match above an unrelated name', () => {
    expect(nameSimilarity('line', 'line_name')).toBeCloseTo(0.7);
    expect(nameSimilarity('line', 'operator')).toBeLessThan(0.3);
    expect(nameSimilarity('pump_id', 'pumpid')).toBeGreaterThan(nameSimilarity('pump_id', 'flow'));
  });

  it('finds misspellings through their letters', () => {
    expect(nameSimilarity('pressure', 'presure_kpa')).toBeGreaterThan(0.6);
  });
});

describe('typeCompatibility', () => {
  it('accepts the same family and widening conversions', () => {
    expect(typeCompatibility('float8', 'float4')).toEqual({ ok: true });
    expect(typeCompatibility('float8', 'int4')).toEqual({ ok: true });
    expect(typeCompatibility('int8', 'int2')).toEqual({ ok: true });
  });

  it('refuses what would lose meaning, saying why', () => {
    expect(typeCompatibility('float8', 'text')).toEqual({
      ok: false,
      reason: 'It holds text, but numbers are needed.',
    });
    expect(typeCompatibility('int8', 'float8')).toEqual({
      ok: false,
      reason: 'It holds numbers, but whole numbers are needed (decimals would be cut off).',
    });
    expect(typeCompatibility('timestamptz', 'int8')).toMatchObject({ ok: false });
    expect(typeCompatibility('bool', 'text')).toMatchObject({ ok: false });
  });

  it('accepts with a note what changes how values look', () => {
    expect(typeCompatibility('text', 'int8')).toEqual({
      ok: true,
      note: 'Its whole numbers will be shown as text.',
    });
    expect(typeCompatibility('timestamptz', 'date')).toMatchObject({ ok: true, note: expect.any(String) });
  });

  it('refuses a column whose type no blueprint can read, naming its database type', () => {
    expect(typeCompatibility('text', null, 'tsvector')).toEqual({
      ok: false,
      reason: 'Its type (tsvector) cannot be read by a twin; text are needed.',
    });
  });
});

describe('rankCandidates', () => {
  it('puts the likeliest compatible column first and incompatible ones last with their reason', () => {
    const ranked = rankCandidates(declared[3], uploaded);
    expect(ranked[0].column).toBe('temperature_c');
    expect(ranked[1].column).toBe('humidity_pct');
    const refused = ranked.filter((c) => !c.compatibility.ok).map((c) => c.column);
    expect(refused.sort()).toEqual(['line_name', 'operator', 'recorded_at']);
    expect(ranked.slice(-3).every((c) => !c.compatibility.ok && c.score === 0)).toBe(true);
  });

  it('suggests the only time column for a time role even when its name says nothing', () => {
    const ranked = rankCandidates({ name: 'ts', type: 'timestamptz', role: 'time' }, [
      { name: 'value', type: 'float8' },
      { name: 'captured', type: 'timestamptz' },
    ]);
    expect(ranked[0]).toMatchObject({ column: 'captured', compatibility: { ok: true } });
    expect(ranked[0].score).toBeGreaterThanOrEqual(0.3);
  });

  it('prefers the exact name over an equally similar one', () => {
    const ranked = rankCandidates({ name: 'temp', type: 'float8' }, [
      { name: 'temperature', type: 'float8' },
      { name: 'temp', type: 'float8' },
    ]);
    expect(ranked.map((c) => c.column)).toEqual(['temp', 'temperature']);
  });
});

describe('suggestMapping', () => {
  it('maps every declared column of differently named uploaded columns', () => {
    expect(suggestMapping(declared, uploaded)).toEqual({
      id: 'id',
      line: 'line_name',
      ts: 'recorded_at',
      temp: 'temperature_c',
    });
  });

  it('never suggests one column twice and leaves out columns with no likely match', () => {
    const mapping = suggestMapping(
      [
        { name: 'temp', type: 'float8' },
        { name: 'temperature', type: 'float8' },
        { name: 'pressure', type: 'float8' },
      ],
      [
        { name: 'temp_c', type: 'float8' },
        { name: 'notes', type: 'text' },
      ],
    );
    expect(Object.values(mapping)).toEqual(['temp_c']);
    expect(mapping.pressure).toBeUndefined();
  });

  it('never suggests an incompatible column, however alike its name', () => {
    expect(suggestMapping([{ name: 'temp', type: 'float8' }], [{ name: 'temp', type: 'text' }])).toEqual({});
  });

  it('takes a unit at the end of a column name as a hint, and pumps and motors for machines', () => {
    const pump: DeclaredColumn[] = [
      { name: 'id', type: 'int8', role: 'key' },
      { name: 'pump_id', type: 'text', role: 'entity' },
      { name: 'ts', type: 'timestamptz', role: 'time' },
      { name: 'vibration_rms', type: 'float8', unit: 'mm/s', role: 'measure' },
      { name: 'bearing_temp', type: 'float8', unit: '°C', role: 'measure' },
      { name: 'pressure', type: 'float8', unit: 'bar', role: 'measure' },
      { name: 'flow', type: 'float8', unit: 'm³/h', role: 'measure' },
      { name: 'speed', type: 'float8', unit: 'rpm', role: 'measure' },
    ];
    const plant: SourceColumn[] = [
      { name: 'reading_id', type: 'int8' },
      { name: 'machine', type: 'text' },
      { name: 'recorded_at', type: 'timestamptz' },
      { name: 'rpm', type: 'float8' },
      { name: 'flow_m3h', type: 'float8' },
      { name: 'discharge_bar', type: 'float8' },
      { name: 'bearing_c', type: 'float8' },
      { name: 'vib_mm_s', type: 'float8' },
    ];
    expect(suggestMapping(pump, plant)).toEqual({
      id: 'reading_id',
      pump_id: 'machine',
      ts: 'recorded_at',
      vibration_rms: 'vib_mm_s',
      bearing_temp: 'bearing_c',
      pressure: 'discharge_bar',
      flow: 'flow_m3h',
      speed: 'rpm',
    });
    // Without its unit, nothing in "discharge_bar" says pressure: no suggestion.
    expect(
      suggestMapping([{ name: 'pressure', type: 'float8' }], [{ name: 'discharge_bar', type: 'float8' }]),
    ).toEqual({});
  });
});

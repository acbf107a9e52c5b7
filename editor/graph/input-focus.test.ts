import { describe, expect, it } from 'vitest';
import { inputOfPointer, useInputFocus } from './input-focus';

describe('inputOfPointer', () => {
  it('names the input of a pointer under /inputs, unescaped', () => {
    expect(inputOfPointer('/inputs/telemetry')).toBe('telemetry');
    expect(inputOfPointer('/inputs/telemetry/primaryKey/0')).toBe('telemetry');
    expect(inputOfPointer('/inputs/a~1b~0c/title')).toBe('a/b~c');
  });

  it('is null for problems that are not about an input', () => {
    expect(inputOfPointer('/nodes/0/config/input')).toBeNull();
    expect(inputOfPointer('')).toBeNull();
    expect(inputOfPointer('/inputs')).toBeNull();
  });
});

describe('useInputFocus', () => {
  it('counts every request, also for the same input twice', () => {
    const before = useInputFocus.getState().request;
    useInputFocus.getState().show('telemetry');
    useInputFocus.getState().show('telemetry');
    expect(useInputFocus.getState()).toMatchObject({ name: 'telemetry', request: before + 2 });
  });
});

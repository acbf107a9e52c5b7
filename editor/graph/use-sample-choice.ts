import { useCallback, useEffect, useRef, useState } from 'react';
import { missingSamplesMessage, reconcileSamples, type MissingSample } from './sample-choice';
import type { SampleTables } from './SamplePicker';

/** The live preview's sample-data choice while a blueprint is edited. */
export interface SampleChoice {
  /** Blueprint input name → the demo table picked for it. */
  picked: Readonly<Record<string, string>>;
  /** Picks (or clears, with undefined) the demo table for an input. */
  pick(input: string, table: string | undefined): void;
  /** Saved picks whose demo table no longer exists (dropped from `picked`). */
  missing: readonly MissingSample[];
  /** A sentence about the missing tables for the preview's status line, or null. */
  notice: string | null;
}

/**
 * Holds which demo table feeds which input in the preview, starting from the choice saved with the draft. Once
 * the demo tables are known, saved picks of tables that no longer exist are dropped and reported as missing (the
 * preview then shows no rows for those inputs); picking again for an input clears its message.
 * @example const choice = useSampleChoice(draft.preview?.samples, tables)
 */
export function useSampleChoice(
  saved: Readonly<Record<string, string>> | undefined,
  tables: SampleTables,
): SampleChoice {
  const [picked, setPicked] = useState<Readonly<Record<string, string>>>(() => ({ ...saved }));
  const [missing, setMissing] = useState<readonly MissingSample[]>([]);
  const checked = useRef(false);
  useEffect(() => {
    if (checked.current || tables.status !== 'ready') return;
    checked.current = true;
    const result = reconcileSamples(picked, tables.tables);
    if (result.missing.length === 0) return;
    setPicked(result.picked);
    setMissing(result.missing);
  }, [tables, picked]);
  const pick = useCallback((input: string, table: string | undefined) => {
    setPicked((old) => {
      const next = { ...old };
      if (table) next[input] = table;
      else delete next[input];
      return next;
    });
    setMissing((old) => (old.some((m) => m.input === input) ? old.filter((m) => m.input !== input) : old));
  }, []);
  return { picked, pick, missing, notice: missingSamplesMessage(missing) };
}

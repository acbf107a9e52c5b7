/**
 * The live preview's sample-data choice (which demo table feeds which blueprint input) as a draft saves it and
 * as the editor restores it. Pure: no DOM, no network.
 */
import type { Blueprint } from '../../runtime/compiler/document-types';
import type { DemoTable } from '../deploy/deploy-api';

/** The editor's preview settings saved with a draft. */
export interface PreviewSettings {
  /** Blueprint input name → the demo table whose rows feed it in the preview. */
  samples: Readonly<Record<string, string>>;
}

/** A saved choice whose demo table is gone, for the message that says so. */
export interface MissingSample {
  input: string;
  table: string;
}

/**
 * The saved choice checked against the demo tables there are now: picks of tables that still exist are kept,
 * the others are dropped and listed as missing, so the preview falls back to "no rows" for those inputs and the
 * editor can say why.
 * @example reconcileSamples({ telemetry: 'old_table' }, tables) // { picked: {}, missing: [{ input: 'telemetry', table: 'old_table' }] }
 */
export function reconcileSamples(
  saved: Readonly<Record<string, string>>,
  tables: readonly Pick<DemoTable, 'name'>[],
): { picked: Record<string, string>; missing: MissingSample[] } {
  const names = new Set(tables.map((t) => t.name));
  const picked: Record<string, string> = {};
  const missing: MissingSample[] = [];
  for (const [input, table] of Object.entries(saved)) {
    if (names.has(table)) picked[input] = table;
    else missing.push({ input, table });
  }
  return { picked, missing };
}

/**
 * The preview settings to save with the document: the picks for the table inputs it declares (a pick for an
 * input since removed or turned into a value input is left out).
 * @example samplesToSave({ telemetry: 'pump_telemetry', gone: 'x' }, doc) // { samples: { telemetry: 'pump_telemetry' } }
 */
export function samplesToSave(
  picked: Readonly<Record<string, string>>,
  doc: Pick<Blueprint, 'inputs'>,
): PreviewSettings {
  const samples: Record<string, string> = {};
  for (const [input, table] of Object.entries(picked))
    if (doc.inputs?.[input]?.kind === 'table') samples[input] = table;
  return { samples };
}

/**
 * One sentence saying which saved sample tables are gone and what the preview does instead, or null.
 * @example missingSamplesMessage([{ input: 'telemetry', table: 'old' }]) // 'The demo table "old" saved as sample data for "telemetry" no longer exists; …'
 */
export function missingSamplesMessage(missing: readonly MissingSample[]): string | null {
  if (missing.length === 0) return null;
  const list = missing.map((m) => `"${m.table}" for "${m.input}"`).join(', ');
  const one = missing.length === 1;
  return `${one ? 'The demo table' : 'The demo tables'} ${list} saved as sample data ${one ? 'no longer exists' : 'no longer exist'}, so the preview shows no rows there. Pick another table under "Data this blueprint needs".`;
}

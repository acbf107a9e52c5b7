/**
 * core/optimise: for each entity's latest row (or each row), searches the value of one model input that gives
 * the best predicted objective, optionally under a limit on another output, and emits the row with the best
 * value, its predicted objective and whether the limit could be met. Candidates of all changed entities go to
 * the model together, one inference call per search step (optimise-search.ts).
 */
import type {
  ChangeBatch,
  KeyedRow,
  NodeFactory,
  Row,
  RuntimeProblem,
  Value,
} from '../../runtime/engine/node-api';
import { predictRows } from '../../runtime/model/batch-inference';
import { bindFeatures, type FeatureMapping } from '../../runtime/model/feature-binding';
import type { ModelExecutor } from '../../runtime/model/model-executor';
import { badFeatureValues, modelRunFailed } from '../../runtime/model/model-problems';
import type { ModelSignature } from '../../runtime/model/model-signature';
import { errorReason, openModel } from '../../runtime/model/open-model';
import { outputUnknown, parameterUnknown, rangeEmpty } from './optimise-problems';
import { searchBest, type Best, type Probe } from './optimise-search';

/** The node's config (manifest.json), defaults filled in by the compiler. */
export type OptimiseConfig = {
  model: string;
  features: FeatureMapping[];
  parameter: string;
  min: number;
  max: number;
  unit?: string;
  candidates?: number;
  refine?: boolean;
  objective: string;
  goal?: 'minimise' | 'maximise';
  constraint?: { output: string; op: '<=' | '>='; bound: number };
  entity?: string;
  time?: string;
  valueColumn?: string;
  objectiveColumn?: string;
  feasibleColumn?: string;
};

/** Golden-section steps after the grid: each narrows the bracket to 0.618 of itself (30 → about 1e-6). */
const REFINE_STEPS = 30;
/** Rows per inference call; a grid over many entities is split into calls of at most this many rows. */
const MAX_CALL_ROWS = 65_536;

interface Ready {
  signature: ModelSignature;
  executor: ModelExecutor;
  columns: string[];
  parameterIndex: number;
  objectiveIndex: number;
  constraintIndex: number;
}

function entityKey(value: Value | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function newer(time: string | undefined, candidate: Row, current: Row | undefined): boolean {
  if (!current || !time) return true;
  const a = candidate[time];
  const b = current[time];
  return typeof a !== 'number' || typeof b !== 'number' || a >= b;
}

function checkNames(
  signature: ModelSignature,
  config: OptimiseConfig,
  found: { parameterIndex: number; objectiveIndex: number; constraintIndex: number },
): RuntimeProblem | undefined {
  if (found.parameterIndex < 0)
    return parameterUnknown(signature.model, config.parameter, signature.features);
  if (found.objectiveIndex < 0)
    return outputUnknown(signature.model, config.objective, signature.columns, 'optimise');
  if (config.constraint && found.constraintIndex < 0)
    return outputUnknown(signature.model, config.constraint.output, signature.columns, 'limit');
  return undefined;
}

/**
 * Creates an optimise node.
 * @example
 * const node = create(ctx); // ctx.config = { model: 'pump-energy@^1', features: [{ name: 'load', column: 'load' }],
 * //   parameter: 'speed', min: 0, max: 100, objective: 'energy_kwh', entity: 'pump_id' }
 * await node.receive?.('rows', batch); // emits one row per pump with best_value, predicted_objective, limit_met
 */
export const create: NodeFactory<OptimiseConfig> = (ctx) => {
  const { config } = ctx;
  const names = {
    value: config.valueColumn ?? 'best_value',
    objective: config.objectiveColumn ?? 'predicted_objective',
    feasible: config.feasibleColumn ?? 'limit_met',
  };
  /** Entity mode: the latest row of each entity, by entity key (which is also the output key). */
  const latest = new Map<string, KeyedRow>();
  let executor: ModelExecutor | undefined;
  let failed = false;

  const ready: Promise<Ready | undefined> = (async () => {
    if (!(config.min < config.max)) {
      ctx.report(rangeEmpty(config.min, config.max));
      return undefined;
    }
    const opened = await openModel(ctx.services, config.model, ctx.signal);
    if (!opened.ok) {
      ctx.report(opened.problem);
      return undefined;
    }
    executor = opened.executor;
    const { signature } = opened;
    const parameterIndex = signature.features.indexOf(config.parameter);
    const objectiveIndex = signature.columns.indexOf(config.objective);
    const constraintIndex = config.constraint ? signature.columns.indexOf(config.constraint.output) : -1;
    const problem = checkNames(signature, config, { parameterIndex, objectiveIndex, constraintIndex });
    if (problem) {
      ctx.report(problem);
      return undefined;
    }
    const bound = bindFeatures(signature, config.features, config.parameter);
    if (!bound.ok) {
      ctx.report(bound.problem);
      return undefined;
    }
    return {
      signature,
      executor: opened.executor,
      columns: bound.columns,
      parameterIndex,
      objectiveIndex,
      constraintIndex,
    };
  })();

  async function optimise(state: Ready, subjects: KeyedRow[]): Promise<(Best | undefined)[]> {
    const rejected = new Map<number, { column: string; value: unknown }>();
    const evaluate = async (probes: Probe[]) => {
      const predictions = await predictRows(
        state.executor,
        state.signature,
        probes.length,
        (r, f) =>
          f === state.parameterIndex ? probes[r].value : subjects[probes[r].subject].row[state.columns[f]],
        MAX_CALL_ROWS,
      );
      for (const bad of predictions.rejected) {
        const subject = probes[bad.index].subject;
        if (!rejected.has(subject))
          rejected.set(subject, { column: state.columns[bad.feature], value: bad.value });
      }
      const width = predictions.columns;
      return probes.map((_, r) => ({
        objective: predictions.values[r * width + state.objectiveIndex],
        constrained:
          state.constraintIndex < 0 ? Number.NaN : predictions.values[r * width + state.constraintIndex],
      }));
    };
    const best = await searchBest(
      subjects.length,
      {
        min: config.min,
        max: config.max,
        candidates: config.candidates ?? 41,
        goal: config.goal ?? 'minimise',
        constraint: config.constraint && { op: config.constraint.op, bound: config.constraint.bound },
        refineSteps: config.refine === false ? 0 : REFINE_STEPS,
      },
      evaluate,
    );
    if (rejected.size > 0) {
      const [subject, first] = rejected.entries().next().value as [
        number,
        { column: string; value: unknown },
      ];
      ctx.report(badFeatureValues(rejected.size, { key: subjects[subject].key, ...first }));
    }
    return best;
  }

  function withBest(subject: KeyedRow, best: Best | undefined): KeyedRow {
    const row: Record<string, Value> = Object.assign({}, subject.row as Row);
    row[names.value] = best ? best.value : null;
    row[names.objective] = best ? best.objective : null;
    row[names.feasible] = best ? best.feasible : null;
    return { key: subject.key, row };
  }

  /** Entity mode: folds a batch into the latest rows; returns the changed entities and the removed ones. */
  function fold(batch: ChangeBatch): { changed: KeyedRow[]; known: Set<string>; removed: string[] } {
    const known = new Set(latest.keys());
    const changed = new Map<string, KeyedRow>();
    const entity = config.entity as string;
    for (const { key, row } of [...batch.inserts, ...batch.updates]) {
      const id = entityKey(row[entity]);
      if (!newer(config.time, row, latest.get(id)?.row)) continue;
      latest.set(id, { key, row });
      changed.set(id, { key: id, row });
    }
    const removed: string[] = [];
    const deleted = new Set(batch.deletes);
    for (const [id, kept] of latest) {
      if (deleted.has(kept.key)) {
        latest.delete(id);
        changed.delete(id);
        if (known.has(id)) removed.push(id);
      }
    }
    return { changed: [...changed.values()], known, removed };
  }

  return {
    async receive(_port, batch) {
      const state = await ready;
      if (!state || failed) return;
      try {
        if (config.entity) {
          const { changed, known, removed } = fold(batch);
          if (changed.length === 0 && removed.length === 0) return;
          const best = changed.length > 0 ? await optimise(state, changed) : [];
          const rows = changed.map((subject, i) => withBest(subject, best[i]));
          ctx.emit('rows', {
            inserts: rows.filter((r) => !known.has(r.key)),
            updates: rows.filter((r) => known.has(r.key)),
            deletes: removed,
          });
          return;
        }
        const subjects = [...batch.inserts, ...batch.updates];
        const best = subjects.length > 0 ? await optimise(state, subjects) : [];
        const rows = subjects.map((subject, i) => withBest(subject, best[i]));
        ctx.emit('rows', {
          inserts: rows.slice(0, batch.inserts.length),
          updates: rows.slice(batch.inserts.length),
          deletes: batch.deletes,
        });
      } catch (error) {
        failed = true;
        ctx.report(modelRunFailed(state.signature.model, errorReason(error)));
      }
    },
    async dispose() {
      await ready;
      await executor?.dispose();
      executor = undefined;
    },
  };
};

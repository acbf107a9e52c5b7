import { useEffect, useState } from 'react';
import type { Engine } from '../../runtime/engine/engine-types';
import type { RuntimeProblem } from '../../runtime/engine/node-api';

export type ProblemsByNode = Readonly<Record<string, readonly RuntimeProblem[]>>;

/**
 * Every node's current problems, kept up to date from the engine's change events.
 * @example const problems = useEngineProblems(engine); problems.trend?.[0]?.message
 */
export function useEngineProblems(engine: Engine): ProblemsByNode {
  const [problems, setProblems] = useState<ProblemsByNode>(() => engine.problems());
  useEffect(() => {
    setProblems(engine.problems());
    return engine.subscribe((event) => {
      if (event.problems.length > 0) setProblems(engine.problems());
    });
  }, [engine]);
  return problems;
}

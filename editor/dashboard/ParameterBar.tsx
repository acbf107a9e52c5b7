import { useId, useState } from 'react';
import type { Engine } from '../../runtime/engine/engine-types';
import type { Value } from '../../runtime/engine/node-api';
import { parseParamNumber, type ParamSpec } from './param-controls';

/**
 * The what-if bar above the panels: one control per parameter node, each calling `engine.setValue`.
 * @example <ParameterBar engine={engine} specs={paramSpecs(plan.nodes, inputValue)} />
 */
export function ParameterBar({ engine, specs }: { engine: Engine; specs: readonly ParamSpec[] }) {
  if (specs.length === 0) return null;
  return (
    <section className="param-bar" aria-label="Parameters">
      {specs.map((spec) => (
        <ParamField key={spec.nodeId} spec={spec} onChange={(value) => engine.setValue(spec.nodeId, value)} />
      ))}
    </section>
  );
}

function ParamField({ spec, onChange }: { spec: ParamSpec; onChange: (value: Value) => void }) {
  const id = useId();
  const [value, setValue] = useState<Value>(spec.initial);
  const [text, setText] = useState(String(spec.initial ?? ''));
  const [error, setError] = useState<string | null>(null);
  const set = (next: Value) => {
    setValue(next);
    onChange(next);
  };
  const { control } = spec;
  const unit = spec.unit ? <span className="param-unit">{spec.unit}</span> : null;
  let input;
  if (control.kind === 'slider') {
    input = (
      <>
        <input
          id={id}
          type="range"
          min={control.min}
          max={control.max}
          step={control.step}
          value={Number(value)}
          onChange={(e) => set(Number(e.target.value))}
        />
        <output htmlFor={id} className="param-value">
          {Number(value).toLocaleString()}
        </output>
        {unit}
      </>
    );
  } else if (control.kind === 'number') {
    input = (
      <>
        <input
          id={id}
          type="text"
          inputMode="decimal"
          className="param-number"
          value={text}
          aria-invalid={error !== null}
          onChange={(e) => {
            setText(e.target.value);
            const parsed = parseParamNumber(e.target.value, control);
            setError(parsed.ok ? null : parsed.message);
            if (parsed.ok) set(parsed.value);
          }}
        />
        {unit}
        {error && <span className="param-error">{error}</span>}
      </>
    );
  } else if (control.kind === 'switch') {
    input = (
      <input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => set(e.target.checked)} />
    );
  } else {
    input = <input id={id} type="text" value={String(value ?? '')} onChange={(e) => set(e.target.value)} />;
  }
  return (
    <div className="param-field">
      <label htmlFor={id}>{spec.label}</label>
      {input}
    </div>
  );
}

import { useId } from 'react';
import type { InputInfo } from './blueprint-inputs';
import type { Visibility } from './deploy-api';
import type { Choices, FieldProblem } from './deploy-choices';
import { VisibilityChoice } from './VisibilityChoice';
import { Trouble, Waiting } from './DeployStates';

function messagesFor(problems: readonly FieldProblem[], field: string): string[] {
  return problems.filter((p) => p.field === field).map((p) => p.message);
}

/**
 * Step 4: the twin's title and visibility, a summary of what it will read, and Deploy. The server's refusals
 * are shown next to the field (or the input) they concern.
 * @example <DeployStep title={title} onTitle={setTitle} … onDeploy={deploy} />
 */
export function DeployStep({
  inputs,
  choices,
  title,
  onTitle,
  visibility,
  onVisibility,
  deploying,
  problems,
  onDeploy,
  onEditInput,
}: {
  inputs: readonly InputInfo[];
  choices: Choices;
  title: string;
  onTitle: (title: string) => void;
  visibility: Visibility;
  onVisibility: (visibility: Visibility) => void;
  deploying: boolean;
  problems: readonly FieldProblem[];
  onDeploy: () => void;
  onEditInput: (step: 1 | 2) => void;
}) {
  const titleId = useId();
  const titleProblems = messagesFor(problems, 'title');
  const general = messagesFor(problems, 'general');
  return (
    <form
      className="dw-stack"
      aria-label="Deploy the twin"
      onSubmit={(e) => {
        e.preventDefault();
        onDeploy();
      }}
    >
      <section className="dw-card">
        <label className="dw-label" htmlFor={titleId}>
          Name of your twin
        </label>
        <input
          id={titleId}
          className="dw-input"
          value={title}
          maxLength={120}
          aria-required="true"
          disabled={deploying}
          aria-invalid={titleProblems.length > 0 || undefined}
          aria-describedby={titleProblems.length > 0 ? `${titleId}-problem` : undefined}
          onChange={(e) => onTitle(e.target.value)}
        />
        {titleProblems.length > 0 && (
          <p id={`${titleId}-problem`} className="dw-field-problem" role="alert">
            {titleProblems.join(' ')}
          </p>
        )}
        <VisibilityChoice
          value={visibility}
          onChange={onVisibility}
          disabled={deploying}
          problem={messagesFor(problems, 'visibility').join(' ') || undefined}
        />
      </section>
      <section className="dw-card" aria-label="What the twin will read">
        <h3>What the twin will read</h3>
        <ul className="dw-summary">
          {inputs.map((input) => {
            const choice = choices[input.name];
            const inputProblems = messagesFor(problems, `input:${input.name}`);
            return (
              <li key={input.name}>
                <strong>{input.title}</strong>:{' '}
                {input.kind === 'table'
                  ? `${choice?.table?.label ?? 'nothing chosen'}, ${Object.keys(choice?.mapping ?? {}).length} columns matched`
                  : `${choice?.typed ?? ''}${input.unit ? ` ${input.unit}` : ''}`}
                {inputProblems.length > 0 && (
                  <div className="dw-field-problem" role="alert">
                    {inputProblems.join(' ')}{' '}
                    <button
                      type="button"
                      className="dw-link"
                      onClick={() => onEditInput(input.kind === 'table' ? 2 : 1)}
                    >
                      Change it
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {general.length > 0 && (
        <Trouble title="The twin was not deployed" message={general.join(' ')}>
          <p>Change what the message points to, then press Deploy again.</p>
        </Trouble>
      )}
      <div className="dw-actions">
        <button type="submit" className="dw-button dw-primary dw-big" disabled={deploying}>
          {deploying ? 'Deploying…' : 'Deploy the twin'}
        </button>
      </div>
      {deploying && <Waiting>Creating your twin and checking its data…</Waiting>}
    </form>
  );
}

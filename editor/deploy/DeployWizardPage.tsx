import { useEffect, useRef, useState } from 'react';
import { getVersion } from '../api/registry-api';
import { useRequest } from '../api/use-request';
import { currentUser } from '../twin/api-client';
import { declaredInputs, valueFieldText, type InputInfo } from './blueprint-inputs';
import { createTwin, type CreatedTwin, type Visibility } from './deploy-api';
import {
  deployProblems,
  stepProblems,
  twinDocument,
  type Choices,
  type FieldProblem,
  type InputChoice,
  type TableOrigin,
} from './deploy-choices';
import { DeployStep } from './DeployStep';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { ShareSettings } from './ShareSettings';
import { SourceStep } from './SourceStep';
import { Trouble, Waiting } from './DeployStates';
import './deploy-wizard.css';
import './deploy-tables.css';

type Step = 1 | 2 | 3 | 4;

const STEPS: readonly { step: Step; title: string; intro: string }[] = [
  { step: 1, title: 'Choose the data', intro: 'Tell the twin where its data comes from.' },
  {
    step: 2,
    title: 'Match the columns',
    intro: 'Check which of your columns holds what the blueprint needs.',
  },
  { step: 3, title: 'Preview', intro: 'This is how the twin will read your data.' },
  {
    step: 4,
    title: 'Name and deploy',
    intro: 'Give the twin a name, choose who can open it, and deploy it.',
  },
];

interface Loaded {
  signedIn: boolean;
  title: string;
  description: string;
  inputs: InputInfo[];
}

async function load(name: string, version: string): Promise<Loaded> {
  const [me, found] = await Promise.all([
    currentUser().catch(() => null),
    getVersion('blueprint', name, version),
  ]);
  const doc = found.document;
  return {
    signedIn: me !== null,
    title: typeof doc.title === 'string' ? doc.title : name,
    description: typeof doc.description === 'string' ? doc.description : '',
    inputs: declaredInputs(doc),
  };
}

function initialChoices(inputs: readonly InputInfo[]): Choices {
  const out: Choices = {};
  for (const input of inputs)
    out[input.name] =
      input.kind === 'value' ? { mapping: {}, typed: valueFieldText(input) } : { mapping: {} };
  return out;
}

function Wizard({
  name,
  version,
  blueprint,
  onDeployed,
}: {
  name: string;
  version: string;
  blueprint: Loaded;
  onDeployed?: (twin: CreatedTwin) => void;
}) {
  const { inputs } = blueprint;
  const [step, setStep] = useState<Step>(1);
  const [choices, setChoices] = useState<Choices>(() => initialChoices(inputs));
  const [origins, setOrigins] = useState<Record<string, TableOrigin>>({});
  const [title, setTitle] = useState(blueprint.title);
  const [visibility, setVisibility] = useState<Visibility>('private');
  const [deploying, setDeploying] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [blocked, setBlocked] = useState<string[]>([]);
  const [deployed, setDeployed] = useState<CreatedTwin | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [step, deployed]);

  const setChoice = (input: string, choice: InputChoice) => {
    setChoices((all) => ({ ...all, [input]: choice }));
    setBlocked([]);
  };

  function go(target: Step) {
    const stops = ([1, 2] as const)
      .filter((s) => s < target)
      .flatMap((s) => stepProblems(s, inputs, choices));
    if (stops.length > 0) {
      setBlocked(stops);
      return;
    }
    setBlocked([]);
    setStep(target);
  }

  async function deploy() {
    if (!title.trim()) {
      setProblems([{ field: 'title', message: 'Give the twin a name.' }]);
      return;
    }
    setDeploying(true);
    setProblems([]);
    try {
      const twin = await createTwin(twinDocument({ name, version }, title, visibility, inputs, choices));
      setDeployed(twin);
      onDeployed?.(twin);
    } catch (error) {
      setProblems(deployProblems(error));
    } finally {
      setDeploying(false);
    }
  }

  if (deployed) {
    return (
      <div className="dw-stack">
        <section className="dw-card dw-success" aria-label="Your twin is live">
          <h2 ref={heading} tabIndex={-1}>
            Your twin “{deployed.title}” is live
          </h2>
          <p>It reads your data now. Open it to see its panels, or share it first.</p>
          <a className="dw-button dw-primary dw-big" href={`/twins/${encodeURIComponent(deployed.id)}`}>
            Open my twin
          </a>
        </section>
        <ShareSettings twinId={deployed.id} visibility={deployed.visibility} />
      </div>
    );
  }

  const current = STEPS[step - 1];
  return (
    <>
      <nav aria-label="Deploy steps">
        <ol className="dw-steps">
          {STEPS.map((s) => (
            <li
              key={s.step}
              className={s.step === step ? 'dw-current' : s.step < step ? 'dw-past' : undefined}
            >
              <button
                type="button"
                aria-current={s.step === step ? 'step' : undefined}
                disabled={s.step > step}
                onClick={() => go(s.step)}
              >
                <span className="dw-step-number" aria-hidden="true">
                  {s.step < step ? '✓' : s.step}
                </span>
                <span>
                  <span className="visually-hidden">Step {s.step}: </span>
                  {s.title}
                </span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section className="dw-step" aria-labelledby="dw-step-title">
        <h2 id="dw-step-title" ref={heading} tabIndex={-1}>
          Step {step} of 4: {current.title}
        </h2>
        <p className="dw-intro">{current.intro}</p>
        {step === 1 && (
          <SourceStep
            inputs={inputs}
            choices={choices}
            origins={origins}
            onOrigin={(input, origin) => {
              setOrigins((all) => ({ ...all, [input]: origin }));
              setBlocked([]);
            }}
            onChoice={setChoice}
          />
        )}
        {step === 2 && <MappingStep inputs={inputs} choices={choices} onChoice={setChoice} />}
        {step === 3 && <PreviewStep inputs={inputs} choices={choices} />}
        {step === 4 && (
          <DeployStep
            inputs={inputs}
            choices={choices}
            title={title}
            onTitle={(next) => {
              setTitle(next);
              setProblems((all) => all.filter((p) => p.field !== 'title'));
            }}
            visibility={visibility}
            onVisibility={(next) => {
              setVisibility(next);
              setProblems((all) => all.filter((p) => p.field !== 'visibility'));
            }}
            deploying={deploying}
            problems={problems}
            onDeploy={() => void deploy()}
            onEditInput={(s) => setStep(s)}
          />
        )}
        {blocked.length > 0 && (
          <div className="dw-state dw-trouble" role="alert">
            <strong>Before you go on:</strong>
            <ul>
              {blocked.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="dw-nav">
          {step > 1 && (
            <button type="button" className="dw-button" onClick={() => setStep((step - 1) as Step)}>
              Back
            </button>
          )}
          {step < 4 && (
            <button type="button" className="dw-button dw-primary" onClick={() => go((step + 1) as Step)}>
              Next: {STEPS[step].title}
            </button>
          )}
        </div>
      </section>
    </>
  );
}

/**
 * The deploy wizard for one blueprint version: choose the data for each input, match columns, preview, name and
 * deploy; then share. `onDeployed` is called with the new twin (e.g. to navigate to `/twins/<id>`); without it
 * the wizard's last page links to the twin and offers its share settings.
 * @example <DeployWizardPage name="line-temperatures" version="1.0.0" />
 */
export function DeployWizardPage({
  name,
  version,
  onDeployed,
}: {
  name: string;
  version: string;
  onDeployed?: (twin: CreatedTwin) => void;
}) {
  const { state, reload } = useRequest(() => load(name, version), [name, version]);
  return (
    <div className="dw-page">
      <header className="dw-header">
        <p className="dw-kicker">Deploy a twin</p>
        <h1>{state.status === 'ready' ? state.data.title : name}</h1>
        <p className="dw-muted">
          Blueprint {name}, version {version}
        </p>
        {state.status === 'ready' && state.data.description && <p>{state.data.description}</p>}
      </header>
      {state.status === 'loading' && <Waiting>Loading the blueprint…</Waiting>}
      {state.status === 'error' && (
        <Trouble
          title={
            state.notFound ? 'This blueprint version does not exist' : 'The blueprint could not be loaded'
          }
          message={state.message}
          onRetry={state.notFound ? undefined : reload}
        >
          {state.notFound && <p>Go back to the library and choose a version that is listed there.</p>}
        </Trouble>
      )}
      {state.status === 'ready' && !state.data.signedIn && (
        <Trouble
          title="Sign in to deploy"
          message="A twin belongs to an account: sign in or create an account, then open this page again."
        >
          <a
            className="dw-button dw-primary"
            href={`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}
          >
            Sign in
          </a>
        </Trouble>
      )}
      {state.status === 'ready' && state.data.signedIn && (
        <Wizard name={name} version={version} blueprint={state.data} onDeployed={onDeployed} />
      )}
    </div>
  );
}

import { useMemo, type ReactNode } from 'react';
import type { RuntimeProblem } from '../../runtime/engine/node-api';
import { PanelMessage, ProblemMessage } from '../panel-kit/panel-states';
import { markdownToHtml } from './markdown-template';
import { sanitizeHtml } from './sanitize-html';
import './markdown.css';

export interface MarkdownViewProps {
  text: string;
  /** The newest row's values by column, already formatted; undefined before a row arrives. */
  values: Record<string, string> | undefined;
  /** True when the text has placeholders and rows are expected but none arrived yet. */
  waiting: boolean;
  problem: RuntimeProblem | undefined;
}

/**
 * Markdown from the config, rendered as safe HTML, with `{{column}}` filled from the newest row.
 * @example <MarkdownView text="# Hello" values={undefined} waiting={false} problem={undefined} />
 */
export function MarkdownView(props: MarkdownViewProps): ReactNode {
  const { text, values } = props;
  const html = useMemo(
    () => sanitizeHtml(markdownToHtml(text, (column) => (values ? values[column] : '…'))),
    [text, values],
  );
  if (props.problem) return <ProblemMessage problem={props.problem} />;
  if (text.trim() === '') {
    return (
      <PanelMessage kind="empty" title="No text yet" detail="Write the text in this panel's settings." />
    );
  }
  return (
    <>
      <div className="pt-markdown" aria-busy={props.waiting} dangerouslySetInnerHTML={{ __html: html }} />
      {props.waiting ? (
        <div className="pt-markdown-status" role="status">
          Waiting for data…
        </div>
      ) : null}
    </>
  );
}

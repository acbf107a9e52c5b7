import type { NodeFactory } from '../../runtime/engine/node-api';
import { numberOr, textOr } from '../panel-kit/config-values';
import { formatCell } from '../panel-kit/format';
import { KeyedRows } from '../panel-kit/keyed-rows';
import { columnsOf, PANEL_CODES, PanelProblems, reportMissingColumns } from '../panel-kit/panel-problems';
import { PanelSlot } from '../panel-kit/react-panel';
import { placeholdersIn } from './markdown-template';
import { MarkdownView } from './markdown-view';

/**
 * core/markdown: shows the Markdown text of its config, safely rendered; `{{column}}` placeholders show that
 * column of the newest row arriving on the optional `rows` input.
 *
 * @example
 * ```ts
 * const text = create(ctx); // ctx.config: { text: '## Fleet\n{{pumps}} pumps running' }
 * text.render?.(panel);
 * ```
 */
export const create: NodeFactory = (ctx) => {
  const text = typeof ctx.config.text === 'string' ? ctx.config.text : '';
  const time = textOr(ctx.config.time, undefined);
  const decimals = Math.max(0, Math.min(10, Math.trunc(numberOr(ctx.config.decimals, 1))));
  const rows = new KeyedRows();
  const problems = new PanelProblems(ctx);
  const slot = new PanelSlot();
  const columns = columnsOf(ctx);
  const connected = (ctx.inputs.rows?.edges?.length ?? 0) > 0 || columns.size > 0;
  const placeholders = placeholdersIn(text);
  if (time) reportMissingColumns(ctx, problems, [time]);
  if (placeholders.length > 0 && !connected) {
    problems.report({
      code: PANEL_CODES.unknownPlaceholder,
      severity: 'warning',
      message: `The text uses ${placeholders.map((p) => `{{${p}}}`).join(', ')}, but no rows are connected to this panel, so a dash is shown instead. Connect rows to its "Rows" input, or remove the placeholders.`,
    });
  } else if (columns.size > 0) {
    const unknown = placeholders.filter((p) => !columns.has(p));
    if (unknown.length > 0) {
      problems.report({
        code: PANEL_CODES.unknownPlaceholder,
        severity: 'warning',
        message: `The text uses ${unknown.map((p) => `{{${p}}}`).join(', ')}, but the rows have no such column, so a dash is shown instead. Columns you can use: ${[...columns.keys()].join(', ')}.`,
        details: { columns: unknown },
      });
    }
  }
  let cache: { version: number; values: Record<string, string> | undefined } = {
    version: -1,
    values: undefined,
  };
  const values = () => {
    if (cache.version === rows.version) return cache.values;
    const latest = rows.latest(time)?.row;
    const filled = latest
      ? Object.fromEntries(
          placeholders
            .filter((p) => p in latest)
            .map((p) => [p, formatCell(latest[p], columns.get(p), decimals)]),
        )
      : connected && !rows.received
        ? undefined
        : {};
    cache = { version: rows.version, values: filled };
    return filled;
  };

  return {
    receive(port, batch) {
      if (port !== 'rows') return;
      rows.apply(batch);
      if (placeholders.length > 0) slot.invalidate();
    },
    render(panel) {
      return slot.show(panel, () => {
        const filled = values();
        return (
          <MarkdownView
            text={text}
            values={filled}
            waiting={placeholders.length > 0 && filled === undefined}
            problem={problems.error}
          />
        );
      });
    },
    dispose() {
      slot.dispose();
    },
  };
};

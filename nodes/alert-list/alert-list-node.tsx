import type { NodeFactory } from '../../runtime/engine/node-api';
import { numberOr, textOr } from '../panel-kit/config-values';
import { KeyedRows } from '../panel-kit/keyed-rows';
import { PANEL_CODES, PanelProblems, reportMissingColumns } from '../panel-kit/panel-problems';
import { PanelSlot } from '../panel-kit/react-panel';
import { newestFirst, toAlert, type Alert } from './alert-rows';
import { AlertListView } from './alert-list-view';

/** The columns of an alert row, as the threshold node produces them. */
export const ALERT_COLUMNS = ['alert_id', 'rule', 'severity', 'message', 'entity', 'ts', 'value'] as const;

/**
 * core/alert-list: keeps the active alerts arriving on `rows` (an alert disappears when its row is deleted) and
 * lists them newest first, coloured by severity, with their count.
 *
 * @example
 * ```ts
 * const list = create(ctx); // ctx.config: { title: 'Pump alerts' }
 * list.render?.(panel);
 * list.receive?.('rows', { inserts: [], updates: [], deletes: ['pump-7:hot'] }); // that alert cleared
 * ```
 */
export const create: NodeFactory = (ctx) => {
  const title = textOr(ctx.config.title, 'Alerts');
  const maxShown = Math.max(1, Math.trunc(numberOr(ctx.config.maxShown, 200)));
  const decimals = Math.max(0, Math.min(10, Math.trunc(numberOr(ctx.config.decimals, 2))));
  const rows = new KeyedRows();
  const problems = new PanelProblems(ctx);
  const slot = new PanelSlot();
  reportMissingColumns(ctx, problems, ALERT_COLUMNS);
  let cache: { version: number; alerts: Alert[] } = { version: -1, alerts: [] };
  const alerts = () => {
    if (cache.version === rows.version) return cache.alerts;
    const list = newestFirst(rows.entries().map(toAlert));
    const odd = list.find((a) => a.unknownSeverity);
    if (odd) {
      problems.report(
        {
          code: PANEL_CODES.badAlertRow,
          severity: 'warning',
          message: `The alert "${odd.alertId}" has the severity ${JSON.stringify(rows.get(odd.key)?.severity ?? null)}; only "warning" and "alarm" are known, so it is listed as a warning. Check the rule that raises it.`,
          details: { alertId: odd.alertId },
        },
        PANEL_CODES.badAlertRow,
      );
    }
    cache = { version: rows.version, alerts: list };
    return list;
  };

  return {
    receive(port, batch) {
      if (port !== 'rows') return;
      rows.apply(batch);
      slot.invalidate();
    },
    render(panel) {
      return slot.show(panel, () => (
        <AlertListView
          title={title}
          alerts={alerts()}
          maxShown={maxShown}
          decimals={decimals}
          received={rows.received}
          problem={problems.error}
        />
      ));
    },
    preview() {
      return {
        rowCount: rows.size,
        sample: rows
          .entries()
          .slice(0, 5)
          .map((e) => e.row),
      };
    },
    dispose() {
      slot.dispose();
    },
  };
};

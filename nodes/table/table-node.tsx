import type { NodeFactory } from '../../runtime/engine/node-api';
import { KeyedRows } from '../panel-kit/keyed-rows';
import { columnsOf, PanelProblems, reportMissingColumns } from '../panel-kit/panel-problems';
import { PanelSlot } from '../panel-kit/react-panel';
import { readTableConfig, shownColumns } from './table-config';
import { TableView } from './table-view';

/**
 * core/table: keeps the rows arriving on `rows` by key and shows them in a live, virtualised, sortable table.
 *
 * @example
 * ```ts
 * const table = create(ctx); // ctx.config: { columns: ['pump_id', 'rul_hours'], sortBy: 'rul_hours' }
 * table.render?.(panel);
 * table.receive?.('rows', batch);
 * ```
 */
export const create: NodeFactory = (ctx) => {
  const config = readTableConfig(ctx.config);
  const rows = new KeyedRows();
  const problems = new PanelProblems(ctx);
  const slot = new PanelSlot();
  const needed = [...config.columns, ...(config.sortBy ? [config.sortBy] : [])];
  reportMissingColumns(ctx, problems, needed);
  const arriving = [...columnsOf(ctx).values()];
  // Fixed once known (so rows do not redraw for a new but equal column list); without declared columns, taken
  // from the first row that arrives.
  let columns =
    config.columns.length > 0 || arriving.length > 0 ? shownColumns(config.columns, arriving) : undefined;
  const currentColumns = () => {
    if (columns) return columns;
    const sample = rows.values().next().value;
    if (sample) columns = shownColumns([], [], sample);
    return columns ?? [];
  };

  return {
    receive(port, batch) {
      if (port !== 'rows') return;
      rows.apply(batch);
      slot.invalidate();
    },
    render(panel) {
      return slot.show(panel, () => (
        <TableView
          rows={rows}
          version={rows.version}
          columns={currentColumns()}
          config={config}
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

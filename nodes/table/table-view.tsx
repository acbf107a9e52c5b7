import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ColumnInfo } from '../../runtime/compiler/plan';
import type { KeyedRow, RuntimeProblem } from '../../runtime/engine/node-api';
import { columnHeader, decimalsNeeded, formatCell, isNumberType } from '../panel-kit/format';
import type { KeyedRows } from '../panel-kit/keyed-rows';
import { PanelMessage, ProblemMessage, WaitingForData } from '../panel-kit/panel-states';
import type { TableConfig } from './table-config';
import { sortRows } from './table-sort';
import './table.css';

/** Height of one body row in pixels (fixed, so 100,000 rows need no measuring). */
export const ROW_HEIGHT = 32;
const MIN_COLUMN_WIDTH = 120;

export interface TableViewProps {
  rows: KeyedRows;
  /** The rows' version when this view was asked to draw (recomputes the order only when it changed). */
  version: number;
  columns: ColumnInfo[];
  config: TableConfig;
  problem: RuntimeProblem | undefined;
}

const count = new Intl.NumberFormat();

interface TableRowProps {
  entry: KeyedRow;
  index: number;
  start: number;
  columns: ColumnInfo[];
  template: string;
  decimals: Map<string, number>;
}

/** A column name with line-break chances after its underscores (`vibration_rms` wraps as `vibration_` `rms`). */
function breakable(name: string): ReactNode[] {
  return name.split(/(?<=_)/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}

/** One body row; memoised, so scrolling only draws the rows that come into view. */
const TableRow = memo(function TableRow(props: TableRowProps): ReactNode {
  const { entry, index, columns, decimals } = props;
  return (
    <div
      className={`pt-table-row${index % 2 === 1 ? ' pt-odd' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      data-key={entry.key}
      style={{ gridTemplateColumns: props.template, transform: `translateY(${props.start}px)` }}
    >
      {columns.map((column) => {
        const text = formatCell(entry.row[column.name], column, decimals.get(column.name), true);
        return (
          <div
            key={column.name}
            role="cell"
            className={isNumberType(column.type) ? 'pt-num' : undefined}
            title={text}
          >
            {text}
          </div>
        );
      })}
    </div>
  );
});

/**
 * A live, virtualised table: only the rows in view (plus a few) are in the DOM, so 100,000 rows scroll smoothly.
 * Clicking a column header sorts by it (again: the other way).
 *
 * @example <TableView rows={rows} version={rows.version} columns={columns} config={config} problem={undefined} />
 */
export function TableView(props: TableViewProps): ReactNode {
  const { rows, version, columns, config } = props;
  const [sort, setSort] = useState<{ column: string | undefined; descending: boolean }>({
    column: config.sortBy,
    descending: config.descending,
  });
  const sorted = useMemo(
    () => sortRows(rows.entries(), sort.column, sort.descending),
    // `rows` is mutable: `version` says when it changed.
    [rows, version, sort.column, sort.descending],
  );
  const shown = sorted.length > config.maxRows ? sorted.slice(0, config.maxRows) : sorted;
  // Each number column shows one number of decimals (the configured one, else what a sample of its rows needs),
  // so decimals line up.
  const decimals = useMemo(() => {
    const sample = sorted.length > 500 ? sorted.slice(0, 500) : sorted;
    return new Map(
      columns
        .filter((c) => isNumberType(c.type))
        .map((c) => [c.name, config.decimals ?? decimalsNeeded(sample.map((entry) => entry.row[c.name]))]),
    );
  }, [sorted, columns, config.decimals]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => shown[index]?.key ?? index,
    overscan: 8,
  });

  if (props.problem) return <ProblemMessage problem={props.problem} />;
  if (!rows.received) return <WaitingForData />;

  const template = `repeat(${Math.max(1, columns.length)}, minmax(${MIN_COLUMN_WIDTH}px, 1fr))`;
  const minWidth = columns.length * MIN_COLUMN_WIDTH;
  const label = config.title ?? 'Table';
  const meta =
    sorted.length > shown.length
      ? `Showing ${count.format(shown.length)} of ${count.format(sorted.length)} rows`
      : `${count.format(sorted.length)} ${sorted.length === 1 ? 'row' : 'rows'}`;
  const toggle = (column: string) =>
    setSort((s) =>
      s.column === column ? { column, descending: !s.descending } : { column, descending: false },
    );

  return (
    <>
      <div className="pt-panel-header">
        {config.title ? <h2 className="pt-panel-title">{config.title}</h2> : null}
        <span className="pt-panel-meta" data-testid="row-count">
          {meta}
        </span>
      </div>
      {sorted.length === 0 ? (
        <PanelMessage kind="empty" title="No rows yet" detail="Rows appear here as soon as they arrive." />
      ) : (
        <div
          className="pt-table"
          role="table"
          aria-label={label}
          aria-rowcount={shown.length + 1}
          aria-colcount={columns.length}
        >
          <div className="pt-table-scroll" ref={scrollRef} tabIndex={0} aria-label={`${label}, scrollable`}>
            <div className="pt-table-head" role="rowgroup" style={{ minWidth }}>
              <div
                className="pt-table-row"
                role="row"
                aria-rowindex={1}
                style={{ gridTemplateColumns: template }}
              >
                {columns.map((column) => {
                  const active = sort.column === column.name;
                  const name = columnHeader(column);
                  return (
                    <div
                      key={column.name}
                      role="columnheader"
                      className={isNumberType(column.type) ? 'pt-num' : undefined}
                      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    >
                      <button type="button" onClick={() => toggle(column.name)} title={`${name}: sort by it`}>
                        <span className="pt-column-name">{breakable(name)}</span>
                        <span className="pt-sort-mark" aria-hidden="true">
                          {active ? (sort.descending ? '▼' : '▲') : ''}
                        </span>
                      </button>
                    </div>
                  );
                })}
              </div>
            </div>
            <div
              className="pt-table-body"
              role="rowgroup"
              style={{ height: virtualizer.getTotalSize(), minWidth }}
            >
              {virtualizer.getVirtualItems().map((item) => (
                <TableRow
                  key={item.key}
                  entry={shown[item.index]!}
                  index={item.index}
                  start={item.start}
                  columns={columns}
                  template={template}
                  decimals={decimals}
                />
              ))}
            </div>
          </div>
        </div>
      )}
    </>
  );
}

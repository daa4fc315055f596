import { Loader, Skeleton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, memo, type ReactElement, type ReactNode, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from './error-state.tsx';
import classes from './virtual-table.module.css';

export type Column<T> = {
  key: string;
  header: string;
  /** A CSS grid track: `minmax(200px, 2fr)`, `120px`, … */
  width: string;
  /** The API's sort field, when the column can be sorted. */
  sortKey?: string;
  align?: 'right';
  /** Replaces the header text (a select-all checkbox, …). */
  headerNode?: ReactNode;
  render: (row: T) => ReactNode;
};

const ROW_HEIGHT = 40;
const SELECT_WIDTH = '40px';
const SKELETON_ROWS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'];

/** A virtualised, keyboard-friendly table that asks for more rows as it scrolls. */
export function VirtualTable<T>({
  columns,
  rows,
  rowKey,
  onOpen,
  rowTestId,
  sort,
  onSort,
  hasMore,
  loadingMore,
  onLoadMore,
  loading,
  error,
  onRetry,
  empty,
  label,
  selection,
  loadAhead = 15,
  stale = false,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  onOpen?: (row: T) => void;
  rowTestId?: string;
  sort?: string;
  onSort?: (sort: string) => void;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  empty?: ReactNode;
  label: string;
  /**
   * Checkboxes in a first column: the selected row keys and how to change them. Shift-click (or
   * Shift+Space) selects the range from the last row ticked; the header box takes every loaded row.
   */
  selection?: { selected: ReadonlySet<string>; onChange: (next: Set<string>) => void };
  /** Ask for the next page while this many loaded rows are still below the visible ones. */
  loadAhead?: number;
  /** The rows shown belong to the previous query while the new one loads: dimmed, not clickable. */
  stale?: boolean;
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The row a shift-click extends from.
  const anchorRef = useRef<number | null>(null);
  const toggleAt = (index: number, shift: boolean) => {
    if (!selection || !rows[index]) return;
    const key = rowKey(rows[index] as T);
    const next = new Set(selection.selected);
    const on = !next.has(key);
    const anchor = anchorRef.current;
    if (shift && anchor !== null && anchor < rows.length) {
      const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
      for (let i = from; i <= to; i++) {
        const k = rowKey(rows[i] as T);
        if (on) next.add(k);
        else next.delete(k);
      }
    } else if (on) next.add(key);
    else next.delete(key);
    anchorRef.current = index;
    selection.onChange(next);
  };
  // Rows that left the list (deleted, filtered away) leave the selection too.
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  useEffect(() => {
    const sel = selectionRef.current;
    if (!sel || sel.selected.size === 0) return;
    const keys = new Set(rows.map(rowKey));
    const kept = [...sel.selected].filter((k) => keys.has(k));
    if (kept.length !== sel.selected.size) sel.onChange(new Set(kept));
  }, [rows, rowKey]);
  let headColumns: Column<T>[] = columns;
  if (selection) {
    const count = rows.length;
    const selectedHere = rows.reduce((n, r) => n + (selection.selected.has(rowKey(r)) ? 1 : 0), 0);
    const allSelected = count > 0 && selectedHere === count;
    const someSelected = !allSelected && selectedHere > 0;
    headColumns = [
      {
        key: '__select',
        header: '',
        headerNode: (
          <span className={classes.selectCell}>
            <input
              type="checkbox"
              className={classes.check}
              aria-label={t('lists.selectAllLoaded', { count })}
              title={t('lists.selectAllLoaded', { count })}
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = someSelected;
              }}
              onChange={() => {
                anchorRef.current = null;
                selection.onChange(allSelected ? new Set() : new Set(rows.map(rowKey)));
              }}
              data-testid="select-all"
            />
          </span>
        ),
        width: SELECT_WIDTH,
        render: () => null,
      },
      ...columns,
    ];
  }
  const template = headColumns.map((c) => c.width).join(' ');
  // The table scrolls sideways only below the sum of the columns' minimum widths.
  const minWidth = headColumns.reduce((sum, c) => sum + Number(/(\d+)px/.exec(c.width)?.[1] ?? 80), 0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && onLoadMore && lastIndex >= rows.length - loadAhead) onLoadMore();
  }, [hasMore, loadingMore, onLoadMore, lastIndex, rows.length, loadAhead]);

  const focusRow = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus();
    });
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, row: T) => {
    if (e.key === ' ' && selection) {
      e.preventDefault();
      toggleAt(index, e.shiftKey);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen?.(row);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusRow(index + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusRow(index - 1);
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusRow(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusRow(rows.length - 1);
    }
  };

  // Rows re-render only when their own data changes, not on every scroll frame: handlers go through a ref.
  const latest = useRef({ onOpen, onRowKey, toggleAt });
  latest.current = { onOpen, onRowKey, toggleAt };
  const events = useMemo<RowEvents<T>>(
    () => ({
      open: (row) => latest.current.onOpen?.(row),
      key: (e, index, row) => latest.current.onRowKey(e, index, row),
      toggle: (index, shift) => latest.current.toggleAt(index, shift),
    }),
    [],
  );
  const selectLabel = t('lists.selectRow');

  const header = (
    <thead className={classes.thead}>
      <tr className={classes.header} style={{ gridTemplateColumns: template }}>
        {headColumns.map((c) => {
          const active = sort === c.sortKey || sort === `-${c.sortKey}`;
          const desc = sort === `-${c.sortKey}`;
          return (
            <th
              key={c.key}
              className={`${classes.headCell} ${c.align === 'right' ? classes.right : ''}`}
              aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}
            >
              {c.sortKey && onSort ? (
                <button
                  type="button"
                  className={`${classes.sortButton} ${active ? classes.sorted : ''}`}
                  onClick={() => onSort(active && !desc ? `-${c.sortKey}` : (c.sortKey as string))}
                >
                  {c.header}
                  {active ? (
                    desc ? (
                      <IconArrowDown size={13} />
                    ) : (
                      <IconArrowUp size={13} />
                    )
                  ) : (
                    <IconSelector size={13} opacity={0.5} />
                  )}
                </button>
              ) : (
                (c.headerNode ?? c.header)
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );

  let body: ReactNode;
  if (error && rows.length === 0) {
    body = (
      <tbody className={classes.tbody}>
        <tr>
          <td style={{ padding: 16, display: 'block' }}>
            <ErrorState error={error} onRetry={onRetry} />
          </td>
        </tr>
      </tbody>
    );
  } else if (loading) {
    body = (
      <tbody className={classes.tbody}>
        {SKELETON_ROWS.map((id, i) => (
          <tr
            key={id}
            className={classes.row}
            style={{ position: 'static', gridTemplateColumns: template, height: ROW_HEIGHT }}
          >
            {headColumns.map((c) => (
              <td key={c.key} className={classes.cell}>
                <Skeleton height={10} width={`${50 + ((i * 7 + c.key.length * 13) % 45)}%`} radius="sm" />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    );
  } else if (rows.length === 0) {
    body = (
      <tbody className={classes.tbody}>
        <tr>
          <td style={{ display: 'block' }}>{empty}</td>
        </tr>
      </tbody>
    );
  } else {
    body = (
      <tbody
        className={classes.tbody}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        data-stale={stale || undefined}
        aria-busy={stale || undefined}
      >
        {items.map((item) => {
          const row = rows[item.index] as T;
          return (
            <TableRow
              key={rowKey(row)}
              row={row}
              index={item.index}
              start={item.start}
              columns={columns}
              template={template}
              selected={selection?.selected.has(rowKey(row)) ?? null}
              selectLabel={selectLabel}
              testId={rowTestId}
              events={events}
            />
          );
        })}
      </tbody>
    );
  }

  return (
    <div className={classes.wrap}>
      <div className={classes.scroll} ref={scrollRef}>
        <table className={classes.table} style={{ minWidth }} aria-label={label} aria-rowcount={rows.length}>
          {header}
          {body}
        </table>
      </div>
      <div className={classes.footer}>
        <span>
          {loading ? t('common.loading') : t('common.shown', { count: rows.length })}
          {hasMore && !loading ? ` · ${t('common.more')}` : ''}
        </span>
        {loadingMore && <Loader size={14} />}
      </div>
    </div>
  );
}

type RowEvents<T> = {
  open: (row: T) => void;
  key: (e: KeyboardEvent<HTMLTableRowElement>, index: number, row: T) => void;
  toggle: (index: number, shift: boolean) => void;
};

/** One row; memoised so scrolling renders only the rows coming into view. */
const TableRow = memo(function TableRow<T>({
  row,
  index,
  start,
  columns,
  template,
  selected,
  selectLabel,
  testId,
  events,
}: {
  row: T;
  index: number;
  start: number;
  columns: Column<T>[];
  template: string;
  /** null: the table has no selection column. */
  selected: boolean | null;
  selectLabel: string;
  testId?: string;
  events: RowEvents<T>;
}) {
  const shift = useRef(false);
  return (
    <tr
      tabIndex={0}
      data-index={index}
      data-testid={testId}
      data-selected={selected || undefined}
      className={classes.row}
      style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      onClick={() => events.open(row)}
      onKeyDown={(e) => events.key(e, index, row)}
    >
      {selected !== null && (
        <td className={classes.cell}>
          {/* biome-ignore lint/a11y/noStaticElementInteractions: stops the row from opening when the box is clicked */}
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: the checkbox inside handles the keyboard */}
          <span
            className={classes.selectCell}
            onClickCapture={(e) => {
              shift.current = e.shiftKey;
            }}
            onClick={(e) => e.stopPropagation()}
          >
            <input
              type="checkbox"
              className={classes.check}
              aria-label={selectLabel}
              checked={selected}
              onChange={() => events.toggle(index, shift.current)}
              data-testid="select-row"
            />
          </span>
        </td>
      )}
      {columns.map((c) => (
        <td key={c.key} className={`${classes.cell} ${c.align === 'right' ? classes.right : ''}`}>
          {c.render(row)}
        </td>
      ))}
    </tr>
  );
}) as <T>(props: {
  row: T;
  index: number;
  start: number;
  columns: Column<T>[];
  template: string;
  selected: boolean | null;
  selectLabel: string;
  testId?: string;
  events: RowEvents<T>;
}) => ReactElement;

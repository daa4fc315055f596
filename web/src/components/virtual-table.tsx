import { Checkbox, Loader, Skeleton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
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
  /** Checkboxes in a first column: the selected row keys and how to change them. */
  selection?: { selected: ReadonlySet<string>; onChange: (next: Set<string>) => void };
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  if (selection) {
    const allKeys = rows.map(rowKey);
    const allSelected = allKeys.length > 0 && allKeys.every((k) => selection.selected.has(k));
    const someSelected = !allSelected && allKeys.some((k) => selection.selected.has(k));
    const toggle = (key: string) => {
      const next = new Set(selection.selected);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      selection.onChange(next);
    };
    columns = [
      {
        key: '__select',
        header: '',
        headerNode: (
          <Checkbox
            size="xs"
            aria-label={t('lists.selectAll')}
            checked={allSelected}
            indeterminate={someSelected}
            onChange={() => selection.onChange(allSelected ? new Set() : new Set(allKeys))}
            data-testid="select-all"
          />
        ),
        width: '40px',
        render: (row: T) => (
          // biome-ignore lint/a11y/noStaticElementInteractions: stops the row from opening when the box is clicked
          // biome-ignore lint/a11y/useKeyWithClickEvents: the checkbox inside handles the keyboard
          <span onClick={(e) => e.stopPropagation()}>
            <Checkbox
              size="xs"
              aria-label={t('lists.selectRow')}
              checked={selection.selected.has(rowKey(row))}
              onChange={() => toggle(rowKey(row))}
              data-testid="select-row"
            />
          </span>
        ),
      },
      ...columns,
    ];
  }
  const template = columns.map((c) => c.width).join(' ');
  // The table scrolls sideways only below the sum of the columns' minimum widths.
  const minWidth = columns.reduce((sum, c) => sum + Number(/(\d+)px/.exec(c.width)?.[1] ?? 80), 0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && onLoadMore && lastIndex >= rows.length - 15) onLoadMore();
  }, [hasMore, loadingMore, onLoadMore, lastIndex, rows.length]);

  const focusRow = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus();
    });
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, row: T) => {
    if (e.key === 'Enter' || e.key === ' ') {
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

  const header = (
    <thead className={classes.thead}>
      <tr className={classes.header} style={{ gridTemplateColumns: template }}>
        {columns.map((c) => {
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
            {columns.map((c) => (
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
      <tbody className={classes.tbody} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <tr
              key={rowKey(row)}
              tabIndex={0}
              data-index={item.index}
              data-testid={rowTestId}
              className={classes.row}
              style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              onClick={() => onOpen?.(row)}
              onKeyDown={(e: KeyboardEvent<HTMLTableRowElement>) => onRowKey(e, item.index, row)}
            >
              {columns.map((c) => (
                <td key={c.key} className={`${classes.cell} ${c.align === 'right' ? classes.right : ''}`}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
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

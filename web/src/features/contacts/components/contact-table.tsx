import type { Contact } from '@rapport/contracts/contacts.ts';
import { type ContactColumn, contactColumns } from '@rapport/contracts/export.ts';
import { IconLock, IconUsers } from '@tabler/icons-react';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../../components/empty-state.tsx';
import cells from '../../../components/list-tools/cells.module.css';
import type { FilterField } from '../../../components/list-tools/filter-builder.tsx';
import {
  type ExtraColumn,
  extraToFilterField,
  extraToListColumn,
  type ListColumn,
  mergeFilterFields,
} from '../../../components/list-tools/list-column.ts';
import { type Column, VirtualTable } from '../../../components/virtual-table.tsx';
import { useFormat } from '../../../lib/format.ts';
import {
  type ActivityColumnId,
  CONTACT_PAGE_SIZE,
  type ContactViewParams,
  useContactView,
} from '../api/contact-list.ts';

export const contactName = (c: Pick<Contact, 'firstName' | 'lastName'>) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ');

const NO_EXTRA: ExtraColumn<Contact>[] = [];
const ACTIVITY_COLUMNS: readonly ActivityColumnId[] = ['nextActivityAt', 'lastActivityAt'];
const stop = (e: React.MouseEvent) => e.stopPropagation();

/** Every column the contact list can show: the export's columns, then the page's extra ones (custom fields). */
export function useContactColumns(extra: ExtraColumn<Contact>[] = NO_EXTRA): ListColumn<Contact>[] {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the language
  return useMemo(() => {
    const label = (id: ContactColumn) => t(`lists.contactColumns.${id}`);
    const bold = (v: string) => <span className={cells.strong}>{v}</span>;
    const spec: Partial<Record<ContactColumn, Omit<ListColumn<Contact>, 'id' | 'label' | 'exportable'>>> = {
      firstName: { width: 'minmax(120px, 1fr)', sortKey: 'firstName', render: (c) => bold(c.firstName) },
      lastName: { width: 'minmax(130px, 1.1fr)', sortKey: 'lastName', render: (c) => bold(c.lastName) },
      title: { width: 'minmax(130px, 1fr)', render: (c) => c.title ?? '' },
      email: {
        width: 'minmax(180px, 1.4fr)',
        sortKey: 'email',
        render: (c) =>
          c.email ? (
            <a className={cells.link} href={`mailto:${c.email}`} onClick={stop} tabIndex={-1}>
              {c.email}
            </a>
          ) : (
            ''
          ),
      },
      phone: { width: 'minmax(125px, 1fr)', render: (c) => <span className={cells.nums}>{c.phone ?? ''}</span> },
      companyName: { width: 'minmax(170px, 1.4fr)', render: (c) => c.companyName ?? '' },
      ownerName: { width: 'minmax(110px, 1fr)', render: (c) => c.ownerName ?? '' },
      visibility: {
        width: '140px',
        render: (c) =>
          c.visibility === 'owner' ? (
            <span className={cells.withIcon}>
              <IconLock size={13} opacity={0.6} />
              {t('company.visibility.owner')}
            </span>
          ) : (
            <span className={cells.dim}>{t('company.visibility.everyone')}</span>
          ),
      },
      createdAt: {
        width: '125px',
        sortKey: 'createdAt',
        render: (c) => <span title={fmt.dateTime(c.createdAt)}>{fmt.date(c.createdAt)}</span>,
      },
      updatedAt: {
        width: '135px',
        sortKey: 'updatedAt',
        render: (c) => (
          <span className={cells.dim} title={fmt.dateTime(c.updatedAt)}>
            {fmt.relative(c.updatedAt)}
          </span>
        ),
      },
    };
    const builtIn = contactColumns.flatMap((id) => {
      const s = spec[id];
      return s ? [{ id, label: label(id), exportable: true, ...s }] : [];
    });
    // Next / last activity: computed by the server only while shown or sorted by.
    const activity = ACTIVITY_COLUMNS.map(
      (id): ListColumn<Contact> => ({
        id,
        label: t(`activities.columns.${id}`),
        width: '172px',
        // Not sortable: no index serves it for a million contacts.
        exportable: false,
        render: (row) => {
          const at = row[id];
          if (!at) return '';
          return (
            <span className={id === 'lastActivityAt' ? cells.dim : undefined} title={fmt.dateTime(at)}>
              {fmt.dateTime(at)}
            </span>
          );
        },
      }),
    );
    return [...builtIn, ...activity, ...extra.map((c) => extraToListColumn(c, fmt))];
  }, [t, i18n.language, fmt.locale, extra]);
}

/**
 * The fields the contact filter offers (the server's allowlist), plus filterable extra columns.
 * `company` gives the company filter its picker (the page composes it from the companies feature).
 */
export function useContactFilterFields(
  users: { id: string; name: string }[],
  company: Pick<FilterField, 'renderValue' | 'describe'>,
  extra: ExtraColumn<Contact>[] = NO_EXTRA,
): FilterField[] {
  const { t } = useTranslation();
  return useMemo(() => {
    const l = (id: string) => t(`lists.contactColumns.${id}` as 'lists.contactColumns.firstName');
    const builtIn: FilterField[] = [
      { key: 'firstName', label: l('firstName'), kind: 'text' },
      { key: 'lastName', label: l('lastName'), kind: 'text' },
      { key: 'title', label: l('title'), kind: 'text' },
      { key: 'email', label: l('email'), kind: 'text' },
      { key: 'phone', label: l('phone'), kind: 'text' },
      { key: 'companyId', label: l('companyName'), kind: 'uuid', ...company },
      {
        key: 'ownerId',
        label: l('ownerName'),
        kind: 'uuid',
        options: users.map((u) => ({ value: u.id, label: u.name })),
      },
      {
        key: 'visibility',
        label: l('visibility'),
        kind: 'enum',
        options: (['everyone', 'owner'] as const).map((v) => ({ value: v, label: t(`company.visibility.${v}`) })),
      },
      { key: 'createdAt', label: l('createdAt'), kind: 'timestamp' },
    ];
    return mergeFilterFields(
      builtIn,
      extra.map(extraToFilterField).filter((f): f is FilterField => f !== null),
    );
  }, [t, users, company, extra]);
}

export function ContactTable({
  params,
  enabled,
  columns,
  onSort,
  onOpen,
  selection,
  emptyAction,
}: {
  params: ContactViewParams;
  enabled: boolean;
  columns: ListColumn<Contact>[];
  onSort: (sort: string) => void;
  onOpen: (contact: Contact) => void;
  selection?: { selected: ReadonlySet<string>; onChange: (next: Set<string>) => void };
  emptyAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const include = useMemo(() => ACTIVITY_COLUMNS.filter((id) => columns.some((c) => c.id === id)), [columns]);
  const list = useContactView(params, enabled, include);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const filtered = Boolean(params.q.trim() || params.filters.length > 0);
  // Stable between renders, so rows already on screen are not drawn again when a page arrives.
  const cols = useMemo<Column<Contact>[]>(
    () =>
      columns.map((c) => ({
        key: c.id,
        header: c.label,
        width: c.width,
        sortKey: c.sortKey,
        align: c.align,
        render: c.render,
      })),
    [columns],
  );

  return (
    <VirtualTable
      label={t('contact.title')}
      columns={cols}
      rows={rows}
      rowKey={(c) => c.id}
      rowTestId="contact-row"
      onOpen={onOpen}
      sort={params.sort}
      onSort={onSort}
      loading={!enabled || list.isPending}
      error={list.error}
      onRetry={() => void list.refetch()}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
      loadAhead={CONTACT_PAGE_SIZE * 1.5}
      selection={selection}
      stale={list.isPlaceholderData}
      empty={
        filtered ? (
          <Empty icon={<IconUsers size={22} />} title={t('common.noResults')} />
        ) : (
          <Empty
            icon={<IconUsers size={22} />}
            title={t('contact.empty')}
            text={t('contact.emptyText')}
            action={emptyAction}
          />
        )
      }
    />
  );
}

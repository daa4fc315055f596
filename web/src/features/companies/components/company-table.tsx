import type { Company } from '@rapport/contracts/companies.ts';
import { type CompanyColumn, companyColumns } from '@rapport/contracts/export.ts';
import { IconBuilding, IconLock } from '@tabler/icons-react';
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
import { countryOptions } from '../../../lib/countries.ts';
import { useFormat } from '../../../lib/format.ts';
import {
  type ActivityColumnId,
  COMPANY_PAGE_SIZE,
  type CompanyViewParams,
  useCompanyView,
} from '../api/company-list.ts';

/** The address a list shows for a company: postal, else visiting, else the first one (as the export does). */
const mainAddress = (c: Company) =>
  c.addresses.find((a) => a.kind === 'postal') ?? c.addresses.find((a) => a.kind === 'visiting') ?? c.addresses[0];

const NO_EXTRA: ExtraColumn<Company>[] = [];
const ACTIVITY_COLUMNS: readonly ActivityColumnId[] = ['nextActivityAt', 'lastActivityAt'];
/** Next activity sorts soonest first and last activity latest first only (what the server's indexes serve). */
const NATURAL_SORT: Record<string, string> = {
  '-nextActivityAt': 'nextActivityAt',
  lastActivityAt: '-lastActivityAt',
};
const TYPE_COLORS = { customer: 'blue', supplier: 'grape', private: 'teal' } as const;
const stop = (e: React.MouseEvent) => e.stopPropagation();

/** Every column the company list can show: the export's columns, then the page's extra ones (custom fields). */
export function useCompanyColumns(extra: ExtraColumn<Company>[] = NO_EXTRA): ListColumn<Company>[] {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the language
  return useMemo(() => {
    const label = (id: CompanyColumn) => t(`lists.companyColumns.${id}`);
    const spec: Partial<Record<CompanyColumn, Omit<ListColumn<Company>, 'id' | 'label' | 'exportable'>>> = {
      customerNumber: {
        width: '100px',
        align: 'right',
        sortKey: 'customerNumber',
        render: (c) => <span className={cells.nums}>{c.customerNumber}</span>,
      },
      name: {
        width: 'minmax(180px, 2.2fr)',
        sortKey: 'name',
        render: (c) => <span className={cells.strong}>{c.name}</span>,
      },
      orgNumber: {
        width: 'minmax(110px, 1fr)',
        sortKey: 'orgNumber',
        render: (c) => <span className={cells.nums}>{c.orgNumber ?? ''}</span>,
      },
      type: {
        width: '124px',
        sortKey: 'type',
        render: (c) => (
          <span className={cells.badge} data-color={TYPE_COLORS[c.type]}>
            {t(`company.types.${c.type}`)}
          </span>
        ),
      },
      industry: { width: 'minmax(140px, 1.2fr)', sortKey: 'industry', render: (c) => c.industry ?? '' },
      country: {
        width: 'minmax(95px, 0.9fr)',
        sortKey: 'country',
        render: (c) => (c.country ? <span title={c.country}>{fmt.country(c.country)}</span> : ''),
      },
      phone: { width: 'minmax(120px, 1fr)', render: (c) => <span className={cells.nums}>{c.phone ?? ''}</span> },
      email: {
        width: 'minmax(160px, 1.3fr)',
        render: (c) =>
          c.email ? (
            <a className={cells.link} href={`mailto:${c.email}`} onClick={stop} tabIndex={-1}>
              {c.email}
            </a>
          ) : (
            ''
          ),
      },
      website: {
        width: 'minmax(150px, 1.1fr)',
        render: (c) =>
          c.website ? (
            <a
              className={cells.link}
              href={/^https?:\/\//.test(c.website) ? c.website : `https://${c.website}`}
              target="_blank"
              rel="noopener noreferrer"
              onClick={stop}
              tabIndex={-1}
            >
              {c.website.replace(/^https?:\/\//, '')}
            </a>
          ) : (
            ''
          ),
      },
      street: { width: 'minmax(150px, 1.2fr)', render: (c) => mainAddress(c)?.street?.split('\n')[0] ?? '' },
      postalCode: { width: '100px', render: (c) => mainAddress(c)?.postalCode ?? '' },
      city: { width: 'minmax(100px, 1fr)', render: (c) => mainAddress(c)?.city ?? '' },
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
      contactCount: {
        width: '105px',
        align: 'right',
        render: (c) => (c.contactCount > 0 ? fmt.number(c.contactCount) : ''),
      },
      paymentTermsDays: {
        width: '120px',
        align: 'right',
        render: (c) => (c.paymentTermsDays === null ? '' : fmt.number(c.paymentTermsDays)),
      },
      currency: { width: '90px', render: (c) => c.currency ?? '' },
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
    const builtIn = companyColumns.flatMap((id) => {
      const s = spec[id];
      return s ? [{ id, label: label(id), exportable: true, ...s }] : [];
    });
    // Next / last activity: computed by the server only while shown or sorted by.
    const activity = ACTIVITY_COLUMNS.map(
      (id): ListColumn<Company> => ({
        id,
        label: t(`activities.columns.${id}`),
        width: '172px',
        sortKey: id,
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

/** The fields the company filter offers (the server's allowlist), plus filterable extra columns. */
export function useCompanyFilterFields(
  users: { id: string; name: string }[],
  extra: ExtraColumn<Company>[] = NO_EXTRA,
  /** The workspace's categories, when the server has them: "has category" becomes a filter. */
  categories: { id: string; name: string }[] | null = null,
): FilterField[] {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const l = (id: string) => t(`lists.companyColumns.${id}` as 'lists.companyColumns.name');
    const builtIn: FilterField[] = [
      { key: 'name', label: l('name'), kind: 'text' },
      { key: 'orgNumber', label: l('orgNumber'), kind: 'text' },
      { key: 'customerNumber', label: l('customerNumber'), kind: 'number' },
      {
        key: 'type',
        label: l('type'),
        kind: 'enum',
        options: (['customer', 'supplier', 'private'] as const).map((v) => ({
          value: v,
          label: t(`company.types.${v}`),
        })),
      },
      { key: 'country', label: l('country'), kind: 'text', options: countryOptions(i18n.language) },
      { key: 'industry', label: l('industry'), kind: 'text' },
      { key: 'email', label: l('email'), kind: 'text' },
      { key: 'phone', label: l('phone'), kind: 'text' },
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
      ...(categories
        ? [
            {
              key: 'categoryId',
              label: t('lists.category'),
              kind: 'uuid' as const,
              options: categories.map((c) => ({ value: c.id, label: c.name })),
            },
          ]
        : []),
      { key: 'createdAt', label: l('createdAt'), kind: 'timestamp' },
      { key: 'updatedAt', label: l('updatedAt'), kind: 'timestamp' },
    ];
    return mergeFilterFields(
      builtIn,
      extra.map(extraToFilterField).filter((f): f is FilterField => f !== null),
    );
  }, [t, i18n.language, users, extra, categories]);
}

export function CompanyTable({
  params,
  enabled,
  columns,
  onSort,
  onOpen,
  selection,
  emptyAction,
}: {
  params: CompanyViewParams;
  /** False while the page still decides which view to show. */
  enabled: boolean;
  columns: ListColumn<Company>[];
  onSort: (sort: string) => void;
  onOpen: (company: Company) => void;
  selection?: { selected: ReadonlySet<string>; onChange: (next: Set<string>) => void };
  emptyAction?: ReactNode;
}) {
  const { t } = useTranslation();
  const include = useMemo(() => ACTIVITY_COLUMNS.filter((id) => columns.some((c) => c.id === id)), [columns]);
  const list = useCompanyView(params, enabled, include);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const filtered = Boolean(params.q.trim() || params.filters.length > 0);
  // Stable between renders, so rows already on screen are not drawn again when a page arrives.
  const cols = useMemo<Column<Company>[]>(
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
      label={t('company.title')}
      columns={cols}
      rows={rows}
      rowKey={(c) => c.id}
      rowTestId="company-row"
      onOpen={onOpen}
      sort={params.sort}
      onSort={(s) => onSort(NATURAL_SORT[s] ?? s)}
      loading={!enabled || list.isPending}
      error={list.error}
      onRetry={() => void list.refetch()}
      hasMore={list.hasNextPage}
      loadingMore={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
      loadAhead={COMPANY_PAGE_SIZE * 1.5}
      selection={selection}
      stale={list.isPlaceholderData}
      empty={
        filtered ? (
          <Empty icon={<IconBuilding size={22} />} title={t('common.noResults')} />
        ) : (
          <Empty
            icon={<IconBuilding size={22} />}
            title={t('company.empty')}
            text={t('company.emptyText')}
            action={emptyAction}
          />
        )
      }
    />
  );
}

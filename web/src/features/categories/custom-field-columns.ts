import {
  type Category,
  customFieldFilterKind,
  customFieldKey,
  customFieldSortable,
  type MoneyValue,
} from '@rapport/contracts/categories.ts';
import type { Company } from '@rapport/contracts/companies.ts';
import { useTranslation } from 'react-i18next';
import type { ExtraColumn } from '../../components/list-tools/list-column.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useCategories, useWorkspaceUsers } from './api/categories.ts';
import { formatMoney } from './components/custom-field-value.tsx';

export type CustomFieldColumnOptions = {
  /** Members of the workspace, so user fields show names and filter by a pick list. */
  users?: { id: string; name: string }[];
  /** Headings and choice labels in the reader's language. */
  labels?: { categories: string; yes: string; no: string };
  /** Put a "Categories" column (filter `categoryId`) first. Default true. */
  withCategories?: boolean;
  locale?: string;
};

/**
 * Columns for the company list's column chooser and filter builder: one per custom field of the
 * categories in use (`cf.<fieldId>`, with the filter operators of its type and a sort where the
 * server has one), plus "Categories" (filter `categoryId`). The export does not know these columns.
 */
export function customFieldColumns(
  categories: Category[],
  opts: CustomFieldColumnOptions = {},
): ExtraColumn<Company>[] {
  const labels = opts.labels ?? { categories: 'Categories', yes: 'Yes', no: 'No' };
  const locale = opts.locale ?? currentLocale();
  const out: ExtraColumn<Company>[] = [];
  if (opts.withCategories !== false && categories.length > 0) {
    out.push({
      id: 'categories',
      label: labels.categories,
      kind: 'uuid',
      filterKey: 'categoryId',
      options: categories.map((c) => ({ value: c.id, label: c.name })),
      get: (c) => c.categoryIds,
      width: 'minmax(140px, 1.2fr)',
    });
  }
  // A label used by two categories says which one it is.
  const count = new Map<string, number>();
  for (const c of categories) for (const f of c.fields) count.set(f.label, (count.get(f.label) ?? 0) + 1);
  for (const c of categories) {
    for (const f of c.fields) {
      const key = customFieldKey(f.id);
      const label = (count.get(f.label) ?? 0) > 1 ? `${f.label} (${c.name})` : f.label;
      const column: ExtraColumn<Company> = {
        id: key,
        label,
        kind: customFieldFilterKind(f.type),
        get: (company) => company.customFields[f.id],
        sortKey: customFieldSortable(f.type) ? key : undefined,
      };
      if (f.type === 'select' || f.type === 'multiSelect') {
        column.options = f.options.map((o) => ({ value: o.id, label: o.label }));
      } else if (f.type === 'checkbox') {
        column.options = [
          { value: 'true', label: labels.yes },
          { value: 'false', label: labels.no },
        ];
      } else if (f.type === 'user' && opts.users) {
        column.options = opts.users.map((u) => ({ value: u.id, label: u.name }));
      } else if (f.type === 'money') {
        column.get = (company) => {
          const m = company.customFields[f.id] as MoneyValue | undefined;
          return m ? formatMoney(m, locale) : undefined;
        };
        column.width = '140px';
      } else if (f.type === 'longText') {
        column.width = 'minmax(180px, 2fr)';
      }
      out.push(column);
    }
  }
  return out;
}

/** `customFieldColumns` with the workspace's categories, users and the reader's language wired in. */
export function useCustomFieldColumns(): ExtraColumn<Company>[] {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const users = useWorkspaceUsers();
  return customFieldColumns(categories.data ?? [], {
    users: users.data,
    labels: { categories: t('categories.title'), yes: t('categories.panel.yes'), no: t('categories.panel.no') },
    // Read with the language so the columns follow a change of it.
    locale: i18n.language ? currentLocale() : undefined,
  });
}

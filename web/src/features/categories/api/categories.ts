import type {
  Category,
  CategoryCreate,
  CategoryPatch,
  CategoryStats,
  CustomFieldsInput,
} from '@rapport/contracts/categories.ts';
import type { Page } from '@rapport/contracts/common.ts';
import type { Company } from '@rapport/contracts/companies.ts';
import type { Contact } from '@rapport/contracts/contacts.ts';
import type { UserSummarySchema } from '@rapport/contracts/system.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api.ts';

export const categoryKeys = {
  all: ['categories'] as const,
  list: ['categories', 'list'] as const,
  archived: ['categories', 'archived'] as const,
  stats: ['categories', 'stats'] as const,
};

// The company card's own cache keys (features do not import each other, so they are spelled out here).
const companyDetailKey = (id: string) => ['companies', 'detail', id] as const;
const companyListsKey = ['companies', 'list'] as const;

/** The workspace's categories in use, with their fields, in their order. */
export function useCategories() {
  return useQuery({
    queryKey: categoryKeys.list,
    queryFn: ({ signal }) =>
      api.get<{ items: Category[] }>('/api/v1/categories', undefined, signal).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useArchivedCategories(enabled: boolean) {
  return useQuery({
    queryKey: categoryKeys.archived,
    queryFn: ({ signal }) =>
      api.get<{ items: Category[] }>('/api/v1/categories', { deleted: 'true' }, signal).then((r) => r.items),
    enabled,
  });
}

export function useCategoryStats() {
  return useQuery({
    queryKey: categoryKeys.stats,
    queryFn: ({ signal }) =>
      api.get<{ items: CategoryStats[] }>('/api/v1/categories/stats', undefined, signal).then((r) => r.items),
  });
}

/** Definitions changed: every list of categories (the bulk bar's too), the statistics and cards refresh. */
function useDefinitionsChanged() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: categoryKeys.all });
    void qc.invalidateQueries({ queryKey: ['companies'] });
  };
}

export function useCreateCategory() {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: (body: CategoryCreate) => api.post<Category>('/api/v1/categories', body),
    onSuccess: changed,
  });
}

export function useUpdateCategory() {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: CategoryPatch & { id: string }) =>
      api.patch<Category>(`/api/v1/categories/${id}`, body),
    onSuccess: changed,
  });
}

export function useArchiveCategory() {
  const changed = useDefinitionsChanged();
  return useMutation({ mutationFn: (id: string) => api.delete(`/api/v1/categories/${id}`), onSuccess: changed });
}

export function useRestoreCategory() {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: (id: string) => api.post<Category>(`/api/v1/categories/${id}/restore`),
    onSuccess: changed,
  });
}

export function useOrderCategories() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.put<{ items: Category[] }>('/api/v1/categories/order', { ids }),
    onMutate: (ids) => {
      // Show the new order at once; the answer (or a reload on failure) settles it.
      const current = qc.getQueryData<Category[]>(categoryKeys.list);
      if (current) {
        qc.setQueryData(
          categoryKeys.list,
          ids.map((id) => current.find((c) => c.id === id)).filter((c): c is Category => !!c),
        );
      }
    },
    onSuccess: (res) => qc.setQueryData(categoryKeys.list, res.items),
    onSettled: () => void qc.invalidateQueries({ queryKey: categoryKeys.all }),
  });
}

/** Changes a company's categories and custom values, with the version the card shows. */
export function useSaveCompanyCategories(companyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; categoryIds?: string[]; customFields?: CustomFieldsInput }) =>
      api.patch<Company>(`/api/v1/companies/${companyId}`, body),
    onSuccess: (company) => {
      qc.setQueryData(companyDetailKey(companyId), company);
      void qc.invalidateQueries({ queryKey: companyListsKey });
      void qc.invalidateQueries({ queryKey: ['history', 'company', companyId] });
      void qc.invalidateQueries({ queryKey: categoryKeys.stats });
    },
  });
}

/** A 409 carries the current company: the card shows it, and the next save builds on its version. */
export function useShowCurrentCompany() {
  const qc = useQueryClient();
  return (company: Company) => qc.setQueryData(companyDetailKey(company.id), company);
}

type UserSummary = z.infer<typeof UserSummarySchema>;

/** Members of the workspace (the same cache as the owner pickers). */
export function useWorkspaceUsers() {
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: ({ signal }) => api.get<{ items: UserSummary[] }>('/api/v1/users', undefined, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export type RecordKind = 'company' | 'contact';
export type RecordOption = { value: string; label: string };

const contactName = (c: Contact) => [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.id;

/** Companies or contacts whose name matches the text, for a link field's picker. */
export function useRecordSearch(kind: RecordKind, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['categories', 'record-search', kind, q],
    queryFn: async ({ signal }): Promise<RecordOption[]> => {
      if (kind === 'company') {
        const page = await api.get<Page<Company>>('/api/v1/companies', { q, limit: 20 }, signal);
        return page.items.map((c) => ({ value: c.id, label: c.name }));
      }
      const page = await api.get<Page<Contact>>('/api/v1/contacts', { q, limit: 20 }, signal);
      return page.items.map((c) => ({ value: c.id, label: contactName(c) }));
    },
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The name of a linked company or contact; null when it is gone or hidden from the reader. */
export function useRecordName(kind: RecordKind, id: string | null) {
  return useQuery({
    queryKey: ['categories', 'record-name', kind, id],
    queryFn: async ({ signal }) => {
      try {
        if (kind === 'company') return (await api.get<Company>(`/api/v1/companies/${id}`, undefined, signal)).name;
        return contactName(await api.get<Contact>(`/api/v1/contacts/${id}`, undefined, signal));
      } catch {
        return null;
      }
    },
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

/** The address of the statistics export; headings in the reader's language, `;` for Nordic spreadsheets. */
export function statsExportHref(format: 'csv' | 'xlsx', lang: string) {
  const language = lang === 'nb' || lang === 'sv' ? lang : 'en';
  const params = new URLSearchParams({ format, lang: language });
  if (format === 'csv' && language !== 'en') params.set('delimiter', ';');
  return `/api/v1/categories/stats/export?${params}`;
}

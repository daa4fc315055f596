import type { Page } from '@rapport/contracts/common.ts';
import type {
  Company,
  CompanyCreate,
  CompanyDuplicateListSchema,
  CompanyPatch,
  CompanyType,
} from '@rapport/contracts/companies.ts';
import type { UserSummarySchema } from '@rapport/contracts/system.ts';
import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api.ts';

export type CompanyListParams = { q?: string; type?: CompanyType | null; sort?: string; deleted?: boolean };

export const companyKeys = {
  all: ['companies'] as const,
  lists: () => [...companyKeys.all, 'list'] as const,
  list: (p: CompanyListParams) => [...companyKeys.lists(), p] as const,
  detail: (id: string) => [...companyKeys.all, 'detail', id] as const,
};

const PAGE_SIZE = 100;

export function fetchCompanies(p: CompanyListParams, cursor: string | null, signal?: AbortSignal) {
  return api.get<Page<Company>>(
    '/api/v1/companies',
    {
      limit: PAGE_SIZE,
      cursor,
      sort: p.sort,
      q: p.q?.trim() || undefined,
      filter: p.type ? [`type:eq:${p.type}`] : undefined,
      deleted: p.deleted ? 'true' : undefined,
    },
    signal,
  );
}

export function useCompanyList(p: CompanyListParams) {
  return useInfiniteQuery({
    queryKey: companyKeys.list(p),
    queryFn: ({ pageParam, signal }) => fetchCompanies(p, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}

export const companyQuery = (id: string) =>
  queryOptions({
    queryKey: companyKeys.detail(id),
    queryFn: ({ signal }) => api.get<Company>(`/api/v1/companies/${id}`, undefined, signal),
  });

export function useCompany(id: string) {
  return useQuery(companyQuery(id));
}

export function useCreateCompany() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyCreate) => api.post<Company>('/api/v1/companies', body),
    onSuccess: (company) => {
      qc.setQueryData(companyKeys.detail(company.id), company);
      void qc.invalidateQueries({ queryKey: companyKeys.lists() });
    },
  });
}

export function useUpdateCompany(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyPatch) => api.patch<Company>(`/api/v1/companies/${id}`, body),
    onSuccess: (company) => {
      qc.setQueryData(companyKeys.detail(id), company);
      void qc.invalidateQueries({ queryKey: companyKeys.lists() });
      void qc.invalidateQueries({ queryKey: ['history', 'company', id] });
    },
  });
}

export function useDeleteCompany() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/companies/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: companyKeys.lists() });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}

export function useRestoreCompany() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Company>(`/api/v1/companies/${id}/restore`),
    onSuccess: (company) => {
      qc.setQueryData(companyKeys.detail(company.id), company);
      void qc.invalidateQueries({ queryKey: companyKeys.lists() });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}

export type CompanyDuplicates = z.infer<typeof CompanyDuplicateListSchema>;
export type DuplicateProbe = {
  name?: string;
  orgNumber?: string;
  country?: string | null;
  email?: string;
  phone?: string;
  excludeId?: string;
};

/** Asks the server for companies that look like the one being typed in (same org number, close name, …). */
export function fetchCompanyDuplicates(p: DuplicateProbe, signal?: AbortSignal) {
  return api.get<CompanyDuplicates>(
    '/api/v1/companies/duplicates',
    {
      name: p.name?.trim() || undefined,
      orgNumber: p.orgNumber?.trim() || undefined,
      country: p.country || undefined,
      email: p.email?.trim() || undefined,
      phone: p.phone?.trim() || undefined,
      excludeId: p.excludeId,
    },
    signal,
  );
}

export function useCompanyDuplicates(p: DuplicateProbe, enabled: boolean) {
  return useQuery({
    queryKey: [...companyKeys.all, 'duplicates', p],
    queryFn: ({ signal }) => fetchCompanyDuplicates(p, signal),
    enabled,
    staleTime: 5_000,
    placeholderData: (prev) => prev,
  });
}

export type UserSummary = z.infer<typeof UserSummarySchema>;

/** Members of the workspace, for the owner picker. */
export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api.get<{ items: UserSummary[] }>('/api/v1/users', undefined, signal),
    staleTime: 60_000,
  });
}

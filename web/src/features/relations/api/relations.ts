import type {
  CompanyGroup,
  CompanyRelation,
  CompanyRelationCreate,
  CompanyRelationPatch,
  ContactRelation,
  ContactRelationCreate,
  RelationKind,
  RelationType,
  RelationTypeCreate,
  RelationTypePatch,
} from '@rapport/contracts/relations.ts';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

type Items<T> = { items: T[]; hasMore?: boolean };

export const relationKeys = {
  types: ['relation-types'] as const,
  company: (companyId: string) => ['company-relations', companyId] as const,
  group: (companyId: string) => ['company-group', companyId] as const,
  contactsOf: (key: { contactId?: string; companyId?: string }) => ['contact-relations', key] as const,
};

export function useRelationTypes() {
  return useQuery({
    queryKey: relationKeys.types,
    queryFn: ({ signal }) => api.get<Items<RelationType>>('/api/v1/relation-types', undefined, signal),
    staleTime: 60_000,
  });
}

/** Anything that shows relations (cards, trees, histories) is refreshed after a change. */
function refreshRelations(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: ['company-relations'] });
  void qc.invalidateQueries({ queryKey: ['company-group'] });
  void qc.invalidateQueries({ queryKey: ['contact-relations'] });
  void qc.invalidateQueries({ queryKey: ['history'] });
}

export function useCreateRelationType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RelationTypeCreate) => api.post<RelationType>('/api/v1/relation-types', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: relationKeys.types }),
  });
}

export function useUpdateRelationType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RelationTypePatch & { id: string }) =>
      api.patch<RelationType>(`/api/v1/relation-types/${id}`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: relationKeys.types });
      refreshRelations(qc);
    },
  });
}

export function useDeleteRelationType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/relation-types/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: relationKeys.types }),
  });
}

export function useCompanyRelations(companyId: string) {
  return useQuery({
    queryKey: relationKeys.company(companyId),
    queryFn: ({ signal }) =>
      api.get<Items<CompanyRelation>>('/api/v1/company-relations', { companyId, limit: 500 }, signal),
  });
}

export function useCreateCompanyRelation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyRelationCreate) => api.post<CompanyRelation>('/api/v1/company-relations', body),
    onSuccess: () => refreshRelations(qc),
  });
}

export function useUpdateCompanyRelation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CompanyRelationPatch & { id: string }) =>
      api.patch<CompanyRelation>(`/api/v1/company-relations/${id}`, body),
    onSuccess: () => refreshRelations(qc),
  });
}

export function useDeleteCompanyRelation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/company-relations/${id}`),
    onSuccess: () => refreshRelations(qc),
  });
}

export function useCompanyGroup(companyId: string) {
  return useQuery({
    queryKey: relationKeys.group(companyId),
    queryFn: ({ signal }) => api.get<CompanyGroup>(`/api/v1/companies/${companyId}/group`, undefined, signal),
  });
}

export function useContactRelations(key: { contactId: string } | { companyId: string }) {
  return useQuery({
    queryKey: relationKeys.contactsOf(key),
    queryFn: ({ signal }) =>
      api.get<Items<ContactRelation>>('/api/v1/contact-relations', { ...key, limit: 500 }, signal),
  });
}

export function useCreateContactRelation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactRelationCreate) => api.post<ContactRelation>('/api/v1/contact-relations', body),
    onSuccess: () => refreshRelations(qc),
  });
}

export function useDeleteContactRelation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/contact-relations/${id}`),
    onSuccess: () => refreshRelations(qc),
  });
}

/** Companies or contacts whose name (or number, e-mail, phone) contains the text, for the pickers. */
export type { RelationKind };

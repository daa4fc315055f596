import type { OutboxMailSchema } from '@rapport/contracts/system.ts';
import type { ApiKey, InvitationSchema, Member, Role } from '@rapport/contracts/workspaces.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api.ts';

export type Invitation = z.infer<typeof InvitationSchema>;
export type OutboxMail = z.infer<typeof OutboxMailSchema>;
type Items<T> = { items: T[] };

export function useMembers() {
  return useQuery({ queryKey: ['members'], queryFn: () => api.get<Items<Member>>('/api/v1/members') });
}

export function useSetMemberActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.patch<Member>(`/api/v1/members/${id}`, { active }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['members'] }),
  });
}

export function useChangeRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) => api.patch<Member>(`/api/v1/members/${id}`, { role }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['members'] });
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useRemoveMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/members/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['members'] }),
  });
}

export function useInvitations() {
  return useQuery({ queryKey: ['invitations'], queryFn: () => api.get<Items<Invitation>>('/api/v1/invitations') });
}

export function useInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) => api.post<Invitation>('/api/v1/invitations', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['invitations'] });
      void qc.invalidateQueries({ queryKey: ['outbox'] });
    },
  });
}

export function useRevokeInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/invitations/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['invitations'] }),
  });
}

export function useApiKeys() {
  return useQuery({ queryKey: ['api-keys'], queryFn: () => api.get<Items<ApiKey>>('/api/v1/api-keys') });
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: Role }) => api.post<ApiKey & { key: string }>('/api/v1/api-keys', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/api-keys/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useOutbox() {
  return useQuery({ queryKey: ['outbox'], queryFn: () => api.get<Items<OutboxMail>>('/api/v1/outbox') });
}

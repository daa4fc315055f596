import type { Note, NoteEntity } from '@rapport/contracts/notes.ts';
import type { UserSummarySchema } from '@rapport/contracts/system.ts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api.ts';

export const noteKeys = {
  wall: (entity: NoteEntity, entityId: string) => ['notes', entity, entityId] as const,
};

type NoteList = { items: Note[]; nextBefore: string | null };

/** The wall of a company or contact, newest first, 30 notes at a time. */
export function useNotes(entity: NoteEntity, entityId: string) {
  return useInfiniteQuery({
    queryKey: noteKeys.wall(entity, entityId),
    queryFn: ({ pageParam, signal }) =>
      api.get<NoteList>('/api/v1/notes', { entity, entityId, limit: 30, before: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
}

export function useNoteMutations(entity: NoteEntity, entityId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: noteKeys.wall(entity, entityId) });
  return {
    create: useMutation({
      mutationFn: (html: string) => api.post<Note>('/api/v1/notes', { entity, entityId, html }),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: (p: { id: string; version: number; html: string }) =>
        api.patch<Note>(`/api/v1/notes/${p.id}`, { version: p.version, html: p.html }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/api/v1/notes/${id}`),
      onSuccess: refresh,
    }),
  };
}

export type Colleague = z.infer<typeof UserSummarySchema>;

/** Colleagues who can be @mentioned: the members of the workspace. */
export function useColleagues() {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => api.get<{ items: Colleague[] }>('/api/v1/users', undefined, signal),
    staleTime: 60_000,
  });
}

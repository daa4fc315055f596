import type {
  DuplicateRule,
  Import,
  ImportDraft,
  ImportEntity,
  ImportMapping,
  ImportPreview,
} from '@rapport/contracts/imports.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api.ts';

export type { DuplicateRule, Import, ImportDraft, ImportEntity, ImportMapping, ImportPreview };

export type ImportSettings = { mapping: ImportMapping; duplicateRule: DuplicateRule; defaultCountry: string | null };

export const importKeys = {
  all: ['imports'] as const,
  list: () => ['imports', 'list'] as const,
  one: (id: string) => ['imports', 'one', id] as const,
};

/** Sends the file as multipart/form-data (the JSON client cannot); errors come back as ApiError like everywhere. */
export async function uploadImportFile(file: File, entity: ImportEntity, sheet?: string): Promise<ImportDraft> {
  const form = new FormData();
  form.append('file', file, file.name);
  const qs = new URLSearchParams({ entity, ...(sheet ? { sheet } : {}) });
  let res: Response;
  try {
    res = await fetch(`/api/v1/imports?${qs}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-requested-with': 'rapport' },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached');
  }
  const body = (await res.json().catch(() => null)) as
    | (ImportDraft & { error?: undefined })
    | { error?: { code: string; message: string; details?: unknown } }
    | null;
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? 'VALIDATION', e?.message ?? res.statusText, e?.details);
  }
  return body as ImportDraft;
}

export function useUploadImport() {
  return useMutation({
    mutationFn: (v: { file: File; entity: ImportEntity; sheet?: string }) =>
      uploadImportFile(v.file, v.entity, v.sheet),
  });
}

export function useChooseSheet() {
  return useMutation({
    mutationFn: (v: { id: string; sheet: string }) =>
      api.post<ImportDraft>(`/api/v1/imports/${v.id}/sheet`, { sheet: v.sheet }),
  });
}

export function usePreviewImport() {
  return useMutation({
    mutationFn: (v: { id: string } & ImportSettings) => {
      const { id, ...body } = v;
      return api.post<ImportPreview>(`/api/v1/imports/${id}/preview`, body);
    },
  });
}

export function useRunImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string } & ImportSettings) => {
      const { id, ...body } = v;
      return api.post<Import>(`/api/v1/imports/${id}/run`, body);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: importKeys.list() }),
  });
}

const running = (i: Import | undefined) => i?.status === 'queued' || i?.status === 'running';

/** One import; polled every half second while it runs. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: importKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Import>(`/api/v1/imports/${id}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (q) => (running(q.state.data) ? 500 : false),
  });
}

export function useImportList() {
  return useQuery({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) =>
      api.get<{ items: Import[]; nextCursor: string | null }>('/api/v1/imports', { limit: 100 }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some(running) ? 2000 : false),
  });
}

export function useUndoImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Import>(`/api/v1/imports/${id}/undo`),
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.one(imp.id), imp);
      void qc.invalidateQueries({ queryKey: importKeys.list() });
      void qc.invalidateQueries({ queryKey: [imp.entity === 'company' ? 'companies' : 'contacts'] });
    },
  });
}

export const errorReportUrl = (id: string) => `/api/v1/imports/${id}/errors.csv`;

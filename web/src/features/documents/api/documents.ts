import type { Document, DocumentEntity, DocumentPatch } from '@rapport/contracts/documents.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api.ts';

export const documentKeys = {
  card: (entity: DocumentEntity, entityId: string) => ['documents', entity, entityId] as const,
};

export function useDocuments(entity: DocumentEntity, entityId: string) {
  return useQuery({
    queryKey: documentKeys.card(entity, entityId),
    queryFn: ({ signal }) =>
      api.get<{ items: Document[]; nextCursor: string | null }>(
        '/api/v1/documents',
        { entity, entityId, limit: 500 },
        signal,
      ),
  });
}

/**
 * Uploads one file with progress (fetch cannot report upload progress, XMLHttpRequest can).
 * Errors come back as ApiError like every other request.
 */
export function uploadDocument(
  entity: DocumentEntity,
  entityId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Document> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const qs = new URLSearchParams({ entity, entityId });
    xhr.open('POST', `/api/v1/documents?${qs}`);
    xhr.setRequestHeader('x-requested-with', 'rapport');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server cannot be reached'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as Document);
      const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'VALIDATION', error?.message ?? xhr.statusText, error?.details));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function useDocumentMutations(entity: DocumentEntity, entityId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: documentKeys.card(entity, entityId) });
  return {
    rename: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: DocumentPatch }) =>
        api.patch<Document>(`/api/v1/documents/${id}`, patch),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/api/v1/documents/${id}`),
      onSettled: refresh,
    }),
    restore: useMutation({
      mutationFn: (id: string) => api.post<Document>(`/api/v1/documents/${id}/restore`),
      onSettled: refresh,
    }),
    refresh,
  };
}

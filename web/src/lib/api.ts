import type { ErrorCode, FieldError } from '@rapport/contracts/common.ts';

/** Every failed request becomes one of these, whatever shape the server used for the body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Field errors of a VALIDATION answer, keyed by path (`name`, `emails.0.value`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details)) {
      for (const d of this.details as FieldError[]) {
        if (d && typeof d.path === 'string' && !(d.path in out)) out[d.path] = d.message;
      }
    }
    return out;
  }

  /** A CONFLICT that goes away by itself (others were writing the same rows): the same request may be sent again. */
  get retryable(): boolean {
    const d = this.details as { retry?: unknown } | undefined;
    return this.code === 'CONFLICT' && !!d && typeof d === 'object' && d.retry === true;
  }

  /** The current record carried by a CONFLICT answer, when there is one. */
  get current(): unknown {
    const d = this.details as { current?: unknown } | undefined;
    return d && typeof d === 'object' ? d.current : undefined;
  }
}

const codeForStatus = (status: number): string =>
  status === 401
    ? 'UNAUTHENTICATED'
    : status === 403
      ? 'FORBIDDEN'
      : status === 404
        ? 'NOT_FOUND'
        : status === 409
          ? 'CONFLICT'
          : status === 429
            ? 'RATE_LIMITED'
            : status >= 500
              ? 'INTERNAL'
              : 'VALIDATION';

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  // Rapport's own routes: {"error":{"code","message","details"}}
  const wrapped = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  if (wrapped && typeof wrapped === 'object') {
    return new ApiError(
      res.status,
      wrapped.code ?? codeForStatus(res.status),
      wrapped.message ?? res.statusText,
      wrapped.details,
    );
  }
  // The auth routes answer {"code","message"}.
  const flat = body as { code?: string; message?: string } | null;
  if (flat && typeof flat === 'object' && typeof flat.message === 'string') {
    return new ApiError(res.status, flat.code ?? codeForStatus(res.status), flat.message);
  }
  return new ApiError(res.status, codeForStatus(res.status), res.statusText || `HTTP ${res.status}`);
}

export type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

type Options = { query?: Query; body?: unknown; signal?: AbortSignal };

/** Listeners told when the server says the session is gone, so the app can show the sign-in page. */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(fn: () => void): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

async function request<T>(method: string, path: string, opts: Options = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Cookie-authenticated writes must carry this header (the server's CSRF protection).
  if (method !== 'GET') headers['x-requested-with'] = 'rapport';
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached');
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && path.startsWith('/api/v1/') && path !== '/api/v1/me') {
      for (const fn of unauthenticatedListeners) fn();
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The single API client of the web app. */
export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

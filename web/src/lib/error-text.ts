import type { TFunction } from 'i18next';
import { ApiError } from './api.ts';

/**
 * What a failed request says to the user. The server writes its messages in English; the failures that are the
 * same on every screen are said in the user's language: the server cannot be reached, the role does not allow
 * it, and others are changing the same records right now (a conflict that passes by itself, `retryable`).
 * Anything else is the server's message, which names the field or record at fault.
 */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t('common.networkError');
    if (err.code === 'FORBIDDEN') return t('common.notAllowed');
    if (err.retryable) return t('common.busyTryAgain');
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

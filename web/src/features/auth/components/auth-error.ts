import type { TFunction } from 'i18next';
import { ApiError } from '../../../lib/api.ts';

/** better-auth error codes we can say in the user's language; anything else shows the server's message. */
export function authErrorMessage(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case 'INVALID_EMAIL_OR_PASSWORD':
        return t('auth.errors.invalidCredentials');
      case 'USER_ALREADY_EXISTS':
      case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
        return t('auth.errors.userExists');
      case 'PASSWORD_TOO_SHORT':
        return t('auth.passwordTooShort');
      case 'INVALID_TOKEN':
        return t('auth.tokenInvalid');
      case 'NETWORK':
        return t('common.networkError');
      default:
        return err.message;
    }
  }
  return err instanceof Error ? err.message : String(err);
}

import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { nb } from '../i18n/nb.ts';
import { sv } from '../i18n/sv.ts';
import { ApiError } from './api.ts';
import { errorText } from './error-text.ts';

/** What a failed request says on every screen, in the user's language where it is the same everywhere. */
async function inLanguage(lng: 'en' | 'nb' | 'sv') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources: { en: { translation: en }, nb: { translation: nb }, sv: { translation: sv } } });
  return i18n.t;
}

describe('errorText', () => {
  it('says "others are changing these records, try again" in the user’s language, not the server’s English', async () => {
    const busy = new ApiError(409, 'CONFLICT', 'The records are being changed right now; try again in a moment', {
      retry: true,
    });
    expect(errorText(await inLanguage('nb'), busy)).toBe(
      'Andre endrer de samme postene akkurat nå. Prøv igjen om litt.',
    );
    expect(errorText(await inLanguage('sv'), busy)).toBe('Andra ändrar samma poster just nu. Försök igen om en stund.');
  });

  it('says that the server cannot be reached, or that the role does not allow it, in the user’s language', async () => {
    const t = await inLanguage('nb');
    expect(errorText(t, new ApiError(0, 'NETWORK', 'The server cannot be reached'))).toBe(nb.common.networkError);
    expect(errorText(t, new ApiError(403, 'FORBIDDEN', 'Your role does not allow this'))).toBe(
      'Rollen din gir ikke lov til dette.',
    );
  });

  it('keeps the server’s message where it names what is wrong, and a conflict with the current record', async () => {
    const t = await inLanguage('nb');
    expect(errorText(t, new ApiError(400, 'VALIDATION', 'The owner must be a member of this workspace'))).toBe(
      'The owner must be a member of this workspace',
    );
    // A stale version is not "try again": the screen shows the current record instead.
    const stale = new ApiError(409, 'CONFLICT', 'Someone else changed this contact', { current: { id: 'x' } });
    expect(errorText(t, stale)).toBe('Someone else changed this contact');
    expect(errorText(t, new Error('boom'))).toBe('boom');
  });
});

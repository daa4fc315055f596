import type { Language } from '@rapport/contracts/preferences.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { i18n, setLanguage } from '../../i18n/index.ts';
import { savePreferences } from './api/preferences.ts';

const isLanguage = (v: unknown): v is Language => v === 'en' || v === 'nb' || v === 'sv';

/**
 * The member's language preference drives the app's language: it is applied when it arrives (or changes on the
 * server), and a language picked in the app (the user menu) is saved as the preference, so mails follow it too.
 */
export function useLanguagePreference(preferred: string | null | undefined) {
  const qc = useQueryClient();
  const server = useRef<string | null>(null);

  useEffect(() => {
    if (!isLanguage(preferred)) return;
    server.current = preferred;
    if (i18n.language !== preferred) setLanguage(preferred);
  }, [preferred]);

  useEffect(() => {
    const onChange = (lng: string) => {
      if (!isLanguage(lng) || server.current === null || lng === server.current) return;
      server.current = lng;
      savePreferences({ language: lng }).then(
        () => void qc.invalidateQueries({ queryKey: ['me'] }),
        () => {
          // Not saved (offline, say): the app keeps the language chosen; the next start asks the server again.
        },
      );
    };
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [qc]);
}

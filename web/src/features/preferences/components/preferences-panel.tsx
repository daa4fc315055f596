import { Button, Group, Paper, Select, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Language, Preferences } from '@rapport/contracts/preferences.ts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { currentLocale, i18n, LANGUAGES } from '../../../i18n/index.ts';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { usePreferences, useUpdatePreferences } from '../api/preferences.ts';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function zones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const list = new Set([...all, 'UTC', current]);
  return [...list].sort();
}

function nowIn(timeZone: string, locale: string) {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(
      new Date(),
    );
  } catch {
    return '';
  }
}

/** My preferences in this workspace: time zone, language, reminder mails. */
export function PreferencesPanel() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  const save = useUpdatePreferences();
  const [form, setForm] = useState<Preferences | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (prefs.data) setForm(prefs.data);
  }, [prefs.data]);

  const options = useMemo(
    () => zones(form?.timeZone ?? 'UTC').map((z) => ({ value: z, label: z.replaceAll('_', ' ') })),
    [form?.timeZone],
  );

  if (prefs.error) return <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />;
  if (!form || !prefs.data) return <Skeleton height={260} />;

  const dirty =
    form.timeZone !== prefs.data.timeZone ||
    form.language !== prefs.data.language ||
    form.reminderEmail !== prefs.data.reminderEmail;
  const locale = currentLocale();
  const browser = browserZone();

  const submit = () => {
    setError(null);
    save.mutate(form, {
      // Said in the language just chosen.
      onSuccess: (saved) =>
        notifications.show({ color: 'green', message: i18n.getFixedT(saved.language)('preferences.saved') }),
      onError: (err) => setError(isApiError(err) ? (err.fieldErrors.timeZone ?? errorText(t, err)) : errorText(t, err)),
    });
  };

  return (
    <Stack gap="md" maw={560} data-testid="preferences-panel">
      <Text size="sm" c="dimmed">
        {t('preferences.intro')}
      </Text>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="lg">
          <Stack gap={4}>
            <Select
              label={t('preferences.timeZone')}
              placeholder={t('preferences.timeZonePlaceholder')}
              data={options}
              value={form.timeZone}
              onChange={(v) => v && setForm({ ...form, timeZone: v })}
              searchable
              allowDeselect={false}
              limit={200}
              error={error}
              description={t('preferences.timeZoneHint', { time: nowIn(form.timeZone, locale) })}
              data-testid="preferences-time-zone"
            />
            {browser !== form.timeZone && (
              <Group>
                <Button
                  variant="subtle"
                  size="compact-xs"
                  px={0}
                  onClick={() => setForm({ ...form, timeZone: browser })}
                >
                  {t('preferences.useBrowser', { zone: browser.replaceAll('_', ' ') })}
                </Button>
              </Group>
            )}
          </Stack>
          <Select
            label={t('preferences.language')}
            description={t('preferences.languageHint')}
            data={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))}
            value={form.language}
            onChange={(v) => v && setForm({ ...form, language: v as Language })}
            allowDeselect={false}
            data-testid="preferences-language"
          />
          <Switch
            label={t('preferences.reminderEmail')}
            description={t('preferences.reminderEmailHint')}
            checked={form.reminderEmail}
            onChange={(e) => setForm({ ...form, reminderEmail: e.currentTarget.checked })}
            data-testid="preferences-reminder-email"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" disabled={!dirty || save.isPending} onClick={() => setForm(prefs.data)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={submit} disabled={!dirty} loading={save.isPending} data-testid="preferences-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

import { Chip, Group, NumberInput, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { wallWeekday, weekdayNames } from '../time.ts';
import type { Repeat } from './repeat-rule.ts';

/** "Does not repeat / daily / weekly on … / monthly / yearly", every N, and how the series ends. */
export function RepeatEditor({
  value,
  onChange,
  startWall,
  error,
  disabled,
}: {
  value: Repeat;
  onChange: (next: Repeat) => void;
  /** The start as `YYYY-MM-DD HH:mm:ss` in the user's time zone: a weekly rule starts on its weekday. */
  startWall: string | null;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const days = weekdayNames(locale, 'short');
  const set = (patch: Partial<Repeat>) => onChange({ ...value, ...patch });
  const freqs = ['none', 'daily', 'weekly', 'monthly', 'yearly'] as const;
  const options: { value: string; label: string }[] = freqs.map((f) => ({
    value: f,
    label: t(`activities.repeat.${f}`),
  }));
  if (value.freq === 'custom') {
    options.push({ value: 'custom', label: t('activities.repeat.custom', { rule: value.raw ?? '' }) });
  }
  const repeating = value.freq !== 'none' && value.freq !== 'custom';

  return (
    <Stack gap={6}>
      <Select
        label={t('activities.fields.repeat')}
        data={options}
        value={value.freq}
        allowDeselect={false}
        disabled={disabled}
        error={error}
        onChange={(f) => {
          if (!f) return;
          const freq = f as Repeat['freq'];
          set({
            freq,
            byDay: freq === 'weekly' && value.byDay.length === 0 && startWall ? [wallWeekday(startWall)] : value.byDay,
          });
        }}
        data-testid="activity-repeat"
        comboboxProps={{ withinPortal: true }}
      />
      {repeating && (
        <Stack gap={8} pl="xs" style={{ borderLeft: '2px solid var(--mantine-color-default-border)' }}>
          <Group gap="xs" align="center" wrap="nowrap">
            <Text size="sm">{t('activities.repeat.every')}</Text>
            <NumberInput
              aria-label={t('activities.repeat.every')}
              value={value.interval}
              min={1}
              max={999}
              w={80}
              size="xs"
              disabled={disabled}
              onChange={(v) => set({ interval: typeof v === 'number' && v >= 1 ? v : 1 })}
            />
            <Text size="sm">{t(`activities.repeat.unit.${value.freq as 'daily'}`)}</Text>
          </Group>
          {value.freq === 'weekly' && (
            <Group gap={6} align="center">
              <Text size="sm" w={28}>
                {t('activities.repeat.onDays')}
              </Text>
              <Chip.Group
                multiple
                value={value.byDay.map(String)}
                onChange={(v) => set({ byDay: v.map(Number).sort() })}
              >
                {days.map((d, i) => (
                  <Chip key={d} value={String(i)} size="xs" disabled={disabled} data-testid={`repeat-day-${i}`}>
                    {d}
                  </Chip>
                ))}
              </Chip.Group>
            </Group>
          )}
          <Group gap="xs" align="center">
            <Text size="sm">{t('activities.repeat.ends')}</Text>
            <SegmentedControl
              size="xs"
              disabled={disabled}
              value={value.end}
              onChange={(v) => set({ end: v as Repeat['end'] })}
              data={[
                { value: 'never', label: t('activities.repeat.never') },
                { value: 'until', label: t('activities.repeat.onDate') },
                { value: 'count', label: t('activities.repeat.after') },
              ]}
            />
            {value.end === 'until' && (
              <DatePickerInput
                aria-label={t('activities.repeat.onDate')}
                size="xs"
                w={150}
                value={value.until}
                minDate={startWall?.slice(0, 10)}
                onChange={(v) => set({ until: v })}
                valueFormat="ll"
                disabled={disabled}
                popoverProps={{ withinPortal: true }}
              />
            )}
            {value.end === 'count' && (
              <Group gap={6} wrap="nowrap">
                <NumberInput
                  aria-label={t('activities.repeat.times')}
                  size="xs"
                  w={80}
                  min={1}
                  max={999}
                  value={value.count}
                  disabled={disabled}
                  onChange={(v) => set({ count: typeof v === 'number' && v >= 1 ? v : 1 })}
                />
                <Text size="sm">{t('activities.repeat.times')}</Text>
              </Group>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

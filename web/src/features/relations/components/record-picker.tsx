import { Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordSearch } from '../api/relations.ts';

export type RecordRef = { id: string; name: string };

/** Picks a company or a contact by searching the server, leaving out the card it is used on. */
export function RecordPicker({
  kind,
  value,
  onChange,
  excludeId,
  label,
  error,
  testId,
}: {
  kind: 'company' | 'contact';
  value: RecordRef | null;
  onChange: (value: RecordRef | null) => void;
  excludeId?: string;
  label: string;
  error?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const query = debounced === value?.name ? '' : debounced;
  const result = useRecordSearch(query);
  const data = useMemo(() => {
    const hits = (kind === 'company' ? result.data?.companies : result.data?.contacts) ?? [];
    const options = hits
      .filter((h) => h.id !== excludeId)
      .map((h) => ({ value: h.id, label: h.title, subtitle: h.subtitle }));
    if (value && !options.some((o) => o.value === value.id)) {
      options.unshift({ value: value.id, label: value.name, subtitle: null });
    }
    return options;
  }, [result.data, kind, excludeId, value]);

  const subtitles = new Map(data.map((o) => [o.value, o.subtitle]));

  return (
    <Select
      label={label}
      placeholder={kind === 'company' ? t('relations.searchCompany') : t('relations.searchPerson')}
      searchable
      clearable
      required
      data={data.map(({ value: v, label: l }) => ({ value: v, label: l }))}
      renderOption={({ option }) => (
        <div>
          <Text size="sm">{option.label}</Text>
          {subtitles.get(option.value) && (
            <Text size="xs" c="dimmed">
              {subtitles.get(option.value)}
            </Text>
          )}
        </div>
      )}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id) => {
        const picked = data.find((o) => o.value === id);
        onChange(picked ? { id: picked.value, name: picked.label } : null);
      }}
      nothingFoundMessage={query ? t('common.noResults') : undefined}
      error={error}
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

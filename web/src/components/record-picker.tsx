import { Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { SearchResult } from '@rapport/contracts/search.ts';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api.ts';

export type RecordRef = { id: string; name: string };

/** Companies and contacts matching the text, from the top-bar search endpoint (visibility applies). */
export function useRecordSearch(q: string) {
  return useQuery({
    queryKey: ['record-search', q],
    queryFn: ({ signal }) => api.get<SearchResult>('/api/v1/search', { q, limit: 15 }, signal),
    enabled: q.trim().length > 0,
    staleTime: 10_000,
    placeholderData: (prev) => prev,
  });
}

/**
 * Picks a company or a contact by searching the server; the chosen one stays listed while searching
 * for others, and `excludeId` leaves out the card the picker is used on.
 */
export function RecordPicker({
  kind,
  value,
  onChange,
  label,
  placeholder,
  testId,
  excludeId,
  error,
  required,
  disabled,
}: {
  kind: 'company' | 'contact';
  value: RecordRef | null;
  onChange: (value: RecordRef | null) => void;
  label: string;
  placeholder: string;
  testId: string;
  excludeId?: string;
  error?: string | undefined;
  required?: boolean;
  disabled?: boolean;
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
      placeholder={placeholder}
      searchable
      clearable
      required={required}
      disabled={disabled}
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

import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyOptions } from '../api/contacts.ts';

export type CompanyRef = { id: string; name: string };

/** Picks a company by searching the server; the chosen one stays listed while searching for others. */
export function CompanyPicker({
  value,
  onChange,
  error,
  disabled,
}: {
  value: CompanyRef | null;
  onChange: (value: CompanyRef | null) => void;
  error?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(search, 250);
  const query = debounced === value?.name ? '' : debounced;
  const options = useCompanyOptions(query);
  const data = useMemo(() => {
    const hits = (options.data?.companies ?? []).map((h) => ({
      value: h.id,
      label: h.title,
      subtitle: h.subtitle,
    }));
    if (value && !hits.some((h) => h.value === value.id))
      hits.unshift({ value: value.id, label: value.name, subtitle: null });
    return hits;
  }, [options.data, value]);

  return (
    <Select
      label={t('contact.fields.company')}
      placeholder={t('contact.pickCompany')}
      searchable
      clearable
      disabled={disabled}
      data={data.map(({ value: v, label }) => ({ value: v, label }))}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      onChange={(id, option) => onChange(id && option ? { id, name: option.label } : null)}
      nothingFoundMessage={query ? t('common.noResults') : undefined}
      error={error}
      data-testid="contact-company"
    />
  );
}

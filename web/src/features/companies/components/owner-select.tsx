import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/companies.ts';

/** The colleague responsible for a card: any member of the workspace. */
export function OwnerSelect({
  value,
  onChange,
  error,
  testId,
}: {
  value: string | null;
  onChange: (id: string) => void;
  error?: string | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const data = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Select
      label={t('company.fields.owner')}
      data={data}
      value={value}
      onChange={(v) => v && onChange(v)}
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('common.noResults')}
      placeholder={users.isPending ? t('common.loading') : undefined}
      error={error}
      data-testid={testId}
    />
  );
}

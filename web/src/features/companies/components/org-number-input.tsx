import { Group, TextInput } from '@mantine/core';
import { orgNumberProblem } from '@rapport/contracts/companies.ts';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const CHECKED = new Set(['NO', 'SE', 'DK', 'FI']);

/** The organisation number, checked as it is typed against the rules of the company's country. */
export function OrgNumberInput({
  value,
  country,
  onChange,
  error,
}: {
  value: string;
  country: string | null;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const problem = value.trim() ? orgNumberProblem(country, value) : null;
  const checked = country !== null && CHECKED.has(country);
  let hint: ReactNode;
  if (problem && !error) {
    const reason = /check digit/i.test(problem)
      ? t('card.orgNumber.checkDigit')
      : checked
        ? t(`card.orgNumber.format.${country as 'NO' | 'SE' | 'DK' | 'FI'}`)
        : problem;
    hint = (
      <Group gap={4} component="span" c="orange.7" data-testid="org-number-problem">
        <IconInfoCircle size={12} />
        {reason}
      </Group>
    );
  } else if (value.trim() && checked && !error) {
    hint = (
      <Group gap={4} component="span" c="teal.7">
        <IconCircleCheck size={12} />
        {t('card.orgNumber.valid')}
      </Group>
    );
  }
  return (
    <TextInput
      label={t('company.fields.orgNumber')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      description={hint}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      data-testid="company-org-number"
      maxLength={40}
      autoComplete="off"
    />
  );
}

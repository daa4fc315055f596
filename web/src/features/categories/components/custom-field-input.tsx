import { Checkbox, Group, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { CustomField, MoneyValue } from '@rapport/contracts/categories.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RecordKind, useRecordName, useRecordSearch, useWorkspaceUsers } from '../api/categories.ts';

/** What an input holds while it is edited; `draftToValue` turns it into what the API takes. */
export type Draft = unknown;

/** The value to send: empty inputs become null (the server then clears the field). */
export function draftToValue(field: CustomField, draft: Draft): unknown {
  if (draft === undefined || draft === '' || draft === false) return null;
  if (field.type === 'money') {
    const m = draft as { amount: number | string; currency: string };
    return m.amount === '' || m.amount === undefined ? null : { amount: m.amount, currency: m.currency };
  }
  if (Array.isArray(draft) && draft.length === 0) return null;
  return draft;
}

type Props = {
  field: CustomField;
  value: Draft;
  onChange: (value: Draft) => void;
  error?: string;
};

function RecordPicker({
  kind,
  value,
  onChange,
  label,
  error,
  required,
}: {
  kind: RecordKind;
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  error?: string;
  required: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const found = useRecordSearch(kind, debounced, debounced.trim().length > 0);
  const current = useRecordName(kind, value);
  const data = [...(found.data ?? [])];
  if (value && !data.some((o) => o.value === value)) data.unshift({ value, label: current.data ?? '…' });
  return (
    <Select
      label={label}
      required={required}
      placeholder={kind === 'company' ? t('categories.panel.searchCompany') : t('categories.panel.searchContact')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has already matched the text.
      filter={({ options }) => options}
      nothingFoundMessage={debounced ? t('common.noResults') : undefined}
      error={error}
    />
  );
}

/** The input of one custom field, fitting its type. */
export function CustomFieldInput({ field, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const users = useWorkspaceUsers();
  const common = { label: field.label, required: field.required, error, 'data-testid': `cf-input-${field.key}` };
  switch (field.type) {
    case 'longText':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={10_000}
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={(value as number | string) ?? ''}
          onChange={onChange}
          decimalScale={6}
          thousandSeparator=" "
        />
      );
    case 'money': {
      const m = (value as { amount: number | string; currency: string } | undefined) ?? {
        amount: '',
        currency: field.currency ?? 'NOK',
      };
      return (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <NumberInput
            {...common}
            value={m.amount}
            onChange={(amount) => onChange({ ...m, amount })}
            decimalScale={2}
            thousandSeparator=" "
            style={{ flex: 1 }}
          />
          <TextInput
            label={t('categories.currency')}
            value={m.currency}
            onChange={(e) => onChange({ ...m, currency: e.currentTarget.value.toUpperCase().slice(0, 3) })}
            w={80}
            maxLength={3}
            aria-label={`${field.label}: ${t('categories.currency')}`}
          />
        </Group>
      );
    }
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          placeholder={t('categories.panel.pick')}
          data={field.options.map((o) => ({ value: o.id, label: o.label }))}
          value={(value as string) ?? null}
          onChange={(v) => onChange(v ?? '')}
          clearable
          searchable={field.options.length > 8}
        />
      );
    case 'multiSelect':
      return (
        <MultiSelect
          {...common}
          placeholder={t('categories.panel.pick')}
          data={field.options.map((o) => ({ value: o.id, label: o.label }))}
          value={(value as string[]) ?? []}
          onChange={onChange}
          clearable
          searchable={field.options.length > 8}
        />
      );
    case 'checkbox':
      return (
        <Checkbox
          label={field.label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          my={4}
          data-testid={common['data-testid']}
        />
      );
    case 'user':
      return (
        <Select
          {...common}
          placeholder={t('categories.panel.pickUser')}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={(value as string) ?? null}
          onChange={(v) => onChange(v ?? '')}
          searchable
          clearable
        />
      );
    case 'company':
    case 'contact':
      return (
        <RecordPicker
          kind={field.type}
          label={field.label}
          required={field.required}
          error={error}
          value={(value as string) || null}
          onChange={(v) => onChange(v ?? '')}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          type={
            field.type === 'email' ? 'email' : field.type === 'url' ? 'url' : field.type === 'phone' ? 'tel' : 'text'
          }
          maxLength={field.type === 'text' ? 500 : 254}
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

/** The input's starting value from the stored one. */
export function valueToDraft(field: CustomField, value: unknown): Draft {
  if (value === undefined || value === null) {
    if (field.type === 'multiSelect') return [];
    if (field.type === 'checkbox') return false;
    return field.type === 'money' ? undefined : '';
  }
  if (field.type === 'money') return { ...(value as MoneyValue) };
  return value;
}

import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { CustomField, MoneyValue } from '@rapport/contracts/categories.ts';
import { IconCheck } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/index.ts';
import { useFormat } from '../../../lib/format.ts';
import { useRecordName, useWorkspaceUsers } from '../api/categories.ts';

/** 1 234,50 kr: an amount in its currency, in the reader's locale. */
export function formatMoney(m: MoneyValue, locale = currentLocale()): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(m.amount);
  } catch {
    return `${m.amount} ${m.currency}`;
  }
}

const webHref = (url: string) => (/^https?:\/\//i.test(url) ? url : `https://${url}`);

function LinkedRecord({ kind, id }: { kind: 'company' | 'contact'; id: string }) {
  const name = useRecordName(kind, id);
  if (name.isPending)
    return (
      <Text span size="sm" c="dimmed">
        …
      </Text>
    );
  if (!name.data)
    return (
      <Text span size="sm" c="dimmed">
        —
      </Text>
    );
  return kind === 'company' ? (
    <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/companies/$id" params={{ id }} />}>
      {name.data}
    </Anchor>
  ) : (
    <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/contacts/$id" params={{ id }} />}>
      {name.data}
    </Anchor>
  );
}

function UserName({ id }: { id: string }) {
  const users = useWorkspaceUsers();
  return <>{users.data?.find((u) => u.id === id)?.name ?? '—'}</>;
}

/** A stored custom value as people read it: dates and money in their locale, choices by label, links by name. */
export function CustomFieldValue({ field, value }: { field: CustomField; value: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (value === undefined || value === null || value === '') return null;
  switch (field.type) {
    case 'number':
      return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fmt.number(value as number)}</span>;
    case 'money':
      return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(value as MoneyValue, fmt.locale)}</span>;
    case 'date':
      return <>{fmt.date(value as string)}</>;
    case 'select':
      return <>{field.options.find((o) => o.id === value)?.label ?? ''}</>;
    case 'multiSelect':
      return (
        <Group gap={4}>
          {(value as string[]).map((id) => (
            <Badge key={id} variant="light" color="gray" radius="sm" tt="none" fw={500}>
              {field.options.find((o) => o.id === id)?.label ?? id}
            </Badge>
          ))}
        </Group>
      );
    case 'checkbox':
      return (
        <Group gap={4}>
          <IconCheck size={16} aria-hidden />
          {t('categories.panel.yes')}
        </Group>
      );
    case 'url':
      return (
        <Anchor href={webHref(value as string)} target="_blank" rel="noopener noreferrer" size="sm">
          {value as string}
        </Anchor>
      );
    case 'email':
      return (
        <Anchor href={`mailto:${value as string}`} size="sm">
          {value as string}
        </Anchor>
      );
    case 'phone':
      return (
        <Anchor href={`tel:${(value as string).replace(/[^\d+]/g, '')}`} size="sm">
          {value as string}
        </Anchor>
      );
    case 'user':
      return <UserName id={value as string} />;
    case 'company':
    case 'contact':
      return <LinkedRecord kind={field.type} id={value as string} />;
    case 'longText':
      return <span style={{ whiteSpace: 'pre-wrap' }}>{value as string}</span>;
    default:
      return <>{String(value)}</>;
  }
}

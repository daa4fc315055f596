import { Text } from '@mantine/core';
import { formatAddress } from '@rapport/contracts/address.ts';
import type { Company, companyMergeFields } from '@rapport/contracts/companies.ts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';

type Field = {
  key: (typeof companyMergeFields)[number];
  label: string;
  value: (c: Company) => unknown;
  render: (c: Company) => ReactNode;
};

const dash = (
  <Text span c="dimmed" size="sm">
    —
  </Text>
);
const lines = (items: string[]) =>
  items.length === 0 ? (
    dash
  ) : (
    <Text span size="sm" style={{ whiteSpace: 'pre-line' }}>
      {items.join('\n')}
    </Text>
  );

/** The fields a company merge compares side by side (the server's `companyMergeFields`). */
export function useCompanyMergeFields(): Field[] {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = (key: Field['key'], label: string, get: (c: Company) => string | null | undefined): Field => ({
    key,
    label,
    value: get,
    render: (c) => get(c) || dash,
  });
  return [
    text('name', t('company.fields.name'), (c) => c.name),
    text('type', t('company.fields.type'), (c) => t(`company.types.${c.type}`)),
    text('firstName', t('card.fields.firstName'), (c) => c.firstName),
    text('lastName', t('card.fields.lastName'), (c) => c.lastName),
    text('orgNumber', t('company.fields.orgNumber'), (c) => c.orgNumber),
    text('country', t('company.fields.country'), (c) => (c.country ? fmt.country(c.country) : null)),
    text('industry', t('company.fields.industry'), (c) => c.industry),
    {
      key: 'phones',
      label: t('card.fields.phones'),
      value: (c) => c.phones,
      render: (c) => lines(c.phones.map((p) => `${p.value} (${t(`card.phoneTypes.${p.type}`)})`)),
    },
    {
      key: 'emails',
      label: t('card.fields.emails'),
      value: (c) => c.emails,
      render: (c) => lines(c.emails.map((e) => `${e.value} (${t(`card.emailTypes.${e.type}`)})`)),
    },
    text('website', t('company.fields.website'), (c) => c.website),
    {
      key: 'addresses',
      label: t('card.fields.addresses'),
      value: (c) => c.addresses,
      render: (c) =>
        lines(c.addresses.map((a) => `${t(`card.addressKinds.${a.kind}`)}: ${formatAddress(a, c.country).join(', ')}`)),
    },
    { ...text('ownerId', t('company.fields.owner'), (c) => c.ownerName), value: (c) => c.ownerId },
    {
      ...text('visibility', t('company.fields.visibility'), (c) => t(`company.visibility.${c.visibility}`)),
      value: (c) => c.visibility,
    },
    {
      ...text('paymentTermsDays', t('card.fields.paymentTerms'), (c) =>
        c.paymentTermsDays === null ? null : t('card.daysCount', { count: c.paymentTermsDays }),
      ),
      value: (c) => c.paymentTermsDays,
    },
    text('currency', t('card.fields.currency'), (c) => c.currency),
  ];
}

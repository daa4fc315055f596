import { Text } from '@mantine/core';
import type { Contact, contactMergeFields } from '@rapport/contracts/contacts.ts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Field = {
  key: (typeof contactMergeFields)[number];
  label: string;
  value: (c: Contact) => unknown;
  render: (c: Contact) => ReactNode;
};

const dash = (
  <Text span c="dimmed" size="sm">
    —
  </Text>
);

/** The fields a contact merge compares side by side (the server's `contactMergeFields`). */
export function useContactMergeFields(): Field[] {
  const { t } = useTranslation();
  const field = (
    key: Field['key'],
    label: string,
    shown: (c: Contact) => string | null,
    value: (c: Contact) => unknown = shown,
  ): Field => ({ key, label, value, render: (c) => shown(c) || dash });
  return [
    field('firstName', t('contact.fields.firstName'), (c) => c.firstName),
    field('lastName', t('contact.fields.lastName'), (c) => c.lastName),
    field('title', t('contact.fields.title'), (c) => c.title),
    field(
      'companyId',
      t('contact.fields.company'),
      (c) => c.companyName,
      (c) => c.companyId,
    ),
    field('email', t('contact.fields.email'), (c) => c.email),
    field('phone', t('contact.fields.phone'), (c) => c.phone),
    field(
      'ownerId',
      t('contact.fields.owner'),
      (c) => c.ownerName,
      (c) => c.ownerId,
    ),
    field(
      'visibility',
      t('contact.fields.visibility'),
      (c) => t(`company.visibility.${c.visibility}`),
      (c) => c.visibility,
    ),
  ];
}

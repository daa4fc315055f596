import { Anchor, Badge, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text size="sm" component="div" truncate>
        {children || (
          <Text span c="dimmed">
            —
          </Text>
        )}
      </Text>
    </Stack>
  );
}

export function ContactFacts({ contact, onOpenCompany }: { contact: Contact; onOpenCompany: (id: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="lg" verticalSpacing="md" data-testid="contact-facts">
      <Fact label={t('contact.fields.company')}>
        {contact.companyId && (
          <Anchor component="button" size="sm" onClick={() => onOpenCompany(contact.companyId!)}>
            {contact.companyName}
          </Anchor>
        )}
      </Fact>
      <Fact label={t('contact.fields.title')}>{contact.title}</Fact>
      <Fact label={t('contact.fields.email')}>
        {contact.email && (
          <Anchor href={`mailto:${contact.email}`} size="sm">
            {contact.email}
          </Anchor>
        )}
      </Fact>
      <Fact label={t('contact.fields.phone')}>
        {contact.phone && (
          <Anchor href={`tel:${contact.phone}`} size="sm">
            {contact.phone}
          </Anchor>
        )}
      </Fact>
      <Fact label={t('contact.fields.owner')}>{contact.ownerName}</Fact>
      <Fact label={t('contact.fields.visibility')}>
        {contact.visibility === 'owner' ? (
          <Badge variant="light" color="grape" size="sm" leftSection={<IconLock size={10} />}>
            {t('company.visibility.owner')}
          </Badge>
        ) : (
          t('company.visibility.everyone')
        )}
      </Fact>
      <Fact label={t('contact.fields.createdAt')}>{fmt.date(contact.createdAt)}</Fact>
      <Fact label={t('contact.fields.updatedAt')}>{fmt.dateTime(contact.updatedAt)}</Fact>
    </SimpleGrid>
  );
}

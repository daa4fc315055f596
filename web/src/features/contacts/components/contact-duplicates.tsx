import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ContactDuplicates } from '../api/contacts.ts';
import { contactName } from './contact-table.tsx';

/** People who look like the one being typed in, shown before saving, each with a way to open it. */
export function ContactDuplicatesAlert({
  duplicates,
  confirming,
  onOpen,
}: {
  duplicates: ContactDuplicates['items'];
  confirming: boolean;
  onOpen: (contact: Contact) => void;
}) {
  const { t } = useTranslation();
  if (duplicates.length === 0) return null;
  return (
    <Alert
      color="orange"
      icon={<IconCopy size={18} />}
      title={t('card.duplicates.contactTitle')}
      data-testid="contact-duplicates"
    >
      <Stack gap={6}>
        {duplicates.slice(0, 5).map(({ contact, reasons }) => (
          <Group key={contact.id} justify="space-between" wrap="nowrap" gap="sm" data-testid="contact-duplicate">
            <Stack gap={0} miw={0}>
              <Text size="sm" fw={600} truncate>
                {contactName(contact)}
              </Text>
              <Group gap={4}>
                <Text size="xs" c="dimmed" truncate>
                  {[contact.companyName, contact.email, contact.phone].filter(Boolean).join(' · ')}
                </Text>
                {reasons.map((r) => (
                  <Badge key={r} size="xs" variant="light" color="orange">
                    {t(`card.duplicates.reasons.${r}`)}
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Button
              size="compact-xs"
              variant="white"
              color="orange"
              rightSection={<IconExternalLink size={12} />}
              onClick={() => onOpen(contact)}
              data-testid="open-duplicate"
            >
              {t('card.duplicates.open')}
            </Button>
          </Group>
        ))}
        {confirming && (
          <Text size="xs" fw={500}>
            {t('card.duplicates.saveAnyway')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

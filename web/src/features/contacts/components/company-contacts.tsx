import { Anchor, Avatar, Group, Paper, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { useContactList } from '../api/contacts.ts';
import { contactName } from './contact-table.tsx';

const initials = (c: Contact) => `${c.firstName.charAt(0)}${c.lastName.charAt(0)}`.toUpperCase() || '?';

/** The people at one company, for its card. */
export function CompanyContacts({ companyId, onOpen }: { companyId: string; onOpen: (contact: Contact) => void }) {
  const { t } = useTranslation();
  const list = useContactList({ companyId, sort: 'lastName' });
  if (list.isPending) {
    return (
      <Stack gap="xs">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={52} radius="md" />
        ))}
      </Stack>
    );
  }
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const contacts = list.data.pages.flatMap((p) => p.items);
  if (contacts.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="md">
        {t('contact.noneAtCompany')}
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      {contacts.map((c) => (
        <Paper key={c.id} withBorder radius="md" p={0}>
          <UnstyledButton
            onClick={() => onOpen(c)}
            w="100%"
            p="sm"
            data-testid="company-contact"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Group gap="sm" wrap="nowrap">
              <Avatar radius="xl" size={34} color="initials" name={contactName(c)}>
                {initials(c)}
              </Avatar>
              <Stack gap={0} miw={0} style={{ flex: 1 }}>
                <Text size="sm" fw={600} truncate>
                  {contactName(c)}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {[c.title, c.email, c.phone].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              {c.email && (
                <Anchor href={`mailto:${c.email}`} size="xs" onClick={(e) => e.stopPropagation()} visibleFrom="sm">
                  {c.email}
                </Anchor>
              )}
            </Group>
          </UnstyledButton>
        </Paper>
      ))}
      {list.hasNextPage && (
        <Anchor component="button" size="sm" onClick={() => void list.fetchNextPage()}>
          {t('common.loadingMore')}
        </Anchor>
      )}
    </Stack>
  );
}

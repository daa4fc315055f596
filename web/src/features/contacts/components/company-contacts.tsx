import {
  ActionIcon,
  Anchor,
  Avatar,
  Button,
  Group,
  Menu,
  Paper,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { IconDots, IconExternalLink, IconLink, IconLinkOff, IconUserPlus } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { useContactList, useSetContactCompany } from '../api/contacts.ts';
import { NewContactModal } from './contact-modals.tsx';
import { contactName } from './contact-table.tsx';
import { LinkContactModal } from './link-contact-modal.tsx';

const initials = (c: Contact) => `${c.firstName.charAt(0)}${c.lastName.charAt(0)}`.toUpperCase() || '?';

/**
 * The people at one company, for its card: open one, add a new one, link someone who is already in
 * Rapport, or remove one from the company (that only unlinks; the contact stays).
 */
export function CompanyContacts({
  company,
  onOpen,
  canWrite,
  limit,
  onShowAll,
  title,
}: {
  company: { id: string; name: string };
  onOpen: (contact: Contact) => void;
  canWrite: boolean;
  /** Show only the first few (the overview); the rest are one click away. */
  limit?: number;
  onShowAll?: () => void;
  /** Shown left of the buttons (the overview's section title). */
  title?: ReactNode;
}) {
  const { t } = useTranslation();
  const list = useContactList({ companyId: company.id, sort: 'lastName' });
  const [adding, add] = useDisclosure(false);
  const [linking, link] = useDisclosure(false);
  const [unlinking, setUnlinking] = useState<Contact | null>(null);
  const setCompany = useSetContactCompany();

  const actions = canWrite && (
    <Group gap="xs">
      {!limit && (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconLink size={14} />}
          onClick={link.open}
          data-testid="link-contact"
        >
          {t('card.contacts.linkExisting')}
        </Button>
      )}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconUserPlus size={14} />}
        onClick={add.open}
        data-testid="add-contact"
      >
        {t('contact.add')}
      </Button>
    </Group>
  );

  const unlink = () => {
    if (!unlinking) return;
    const who = contactName(unlinking);
    setCompany.mutate(
      { contact: unlinking, companyId: null },
      {
        onSuccess: () => {
          setUnlinking(null);
          notifications.show({ color: 'green', message: t('card.contacts.unlinked', { name: who }) });
        },
        onError: (err) => {
          setUnlinking(null);
          notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
        },
      },
    );
  };

  let body: ReactNode;
  if (list.isPending) {
    body = (
      <Stack gap="xs">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={52} radius="md" />
        ))}
      </Stack>
    );
  } else if (list.error) {
    body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  } else {
    const all = list.data.pages.flatMap((p) => p.items);
    const contacts = limit ? all.slice(0, limit) : all;
    body =
      all.length === 0 ? (
        <Text c="dimmed" size="sm" py="xs">
          {t('contact.noneAtCompany')}
        </Text>
      ) : (
        <Stack gap={6}>
          {contacts.map((c) => (
            <Paper key={c.id} withBorder radius="md" p={0}>
              <Group gap={0} wrap="nowrap">
                <UnstyledButton
                  onClick={() => onOpen(c)}
                  p="sm"
                  style={{ flex: 1, minWidth: 0, borderRadius: 'var(--mantine-radius-md)' }}
                  data-testid="company-contact"
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
                  </Group>
                </UnstyledButton>
                {c.email && (
                  <Anchor href={`mailto:${c.email}`} size="xs" visibleFrom="sm" px="xs">
                    {c.email}
                  </Anchor>
                )}
                {canWrite && !limit && (
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        mr="xs"
                        aria-label={t('common.actions')}
                        data-testid="company-contact-menu"
                      >
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item leftSection={<IconExternalLink size={14} />} onClick={() => onOpen(c)}>
                        {t('card.contacts.open')}
                      </Menu.Item>
                      <Menu.Item
                        color="red"
                        leftSection={<IconLinkOff size={14} />}
                        onClick={() => setUnlinking(c)}
                        data-testid="unlink-contact"
                      >
                        {t('card.contacts.unlink')}
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Group>
            </Paper>
          ))}
          {limit && all.length > limit && onShowAll && (
            <Anchor component="button" size="sm" onClick={onShowAll} style={{ alignSelf: 'flex-start' }}>
              {t('card.contacts.showAll', { count: all.length })}
            </Anchor>
          )}
          {!limit && list.hasNextPage && (
            <Anchor component="button" size="sm" onClick={() => void list.fetchNextPage()}>
              {t('common.loadingMore')}
            </Anchor>
          )}
        </Stack>
      );
  }

  return (
    <Stack gap="sm" data-testid="company-contacts">
      {(title || actions) && (
        <Group justify={title ? 'space-between' : 'flex-end'} align="center" gap="xs">
          {title}
          {actions}
        </Group>
      )}
      {body}
      <NewContactModal opened={adding} company={company} onClose={add.close} onCreated={() => add.close()} />
      <LinkContactModal company={company} opened={linking} onClose={link.close} />
      <ConfirmModal
        opened={unlinking !== null}
        title={t('card.contacts.unlinkTitle')}
        confirmLabel={t('card.contacts.unlink')}
        loading={setCompany.isPending}
        onConfirm={unlink}
        onClose={() => setUnlinking(null)}
      >
        {t('card.contacts.unlinkText', { name: unlinking ? contactName(unlinking) : '', company: company.name })}
      </ConfirmModal>
    </Stack>
  );
}

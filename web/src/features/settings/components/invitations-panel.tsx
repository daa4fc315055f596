import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Role } from '@rapport/contracts/workspaces.ts';
import { IconMailPlus, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { ApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { useFormat } from '../../../lib/format.ts';
import { useInvitations, useInvite, useRevokeInvitation } from '../api/settings.ts';
import { RoleSelect } from './role-select.tsx';

export function InvitationsPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const invitations = useInvitations();
  const invite = useInvite();
  const revoke = useRevokeInvitation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('user');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (inv) => {
          notifications.show({ color: 'green', message: t('settings.invitation.sent', { email: inv.email }) });
          setEmail('');
        },
        onError: (err) =>
          setError((err instanceof ApiError ? Object.values(err.fieldErrors)[0] : undefined) ?? errorText(t, err)),
      },
    );
  };

  const statusLabel = (status: string) =>
    status === 'pending' || status === 'accepted' || status === 'revoked' || status === 'expired'
      ? t(`settings.invitation.statuses.${status}`)
      : status;

  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <form onSubmit={submit} data-testid="invite-form">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('settings.invitation.email')}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 240 }}
              error={error}
              data-testid="invite-email"
            />
            <RoleSelect label={t('settings.invitation.role')} value={role} onChange={setRole} w={180} />
            <Button type="submit" leftSection={<IconMailPlus size={16} />} loading={invite.isPending}>
              {t('settings.invitation.send')}
            </Button>
          </Group>
        </form>
      </Paper>
      {invitations.isPending ? (
        <Skeleton height={120} />
      ) : invitations.error ? (
        <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : invitations.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('settings.invitation.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.invitation.email')}</Table.Th>
                <Table.Th>{t('settings.invitation.role')}</Table.Th>
                <Table.Th>{t('settings.invitation.status')}</Table.Th>
                <Table.Th>{t('settings.invitation.expires')}</Table.Th>
                <Table.Th w={50} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.items.map((inv) => (
                <Table.Tr key={inv.id} data-testid="invitation-row">
                  <Table.Td>{inv.email}</Table.Td>
                  <Table.Td>{t(`settings.roles.${inv.role}`)}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={inv.status === 'pending' ? 'yellow' : 'gray'}>
                      {statusLabel(inv.status)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{fmt.date(inv.expiresAt)}</Table.Td>
                  <Table.Td>
                    <Tooltip label={t('settings.invitation.revoke')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('settings.invitation.revoke')}
                        loading={revoke.isPending && revoke.variables === inv.id}
                        onClick={() =>
                          revoke.mutate(inv.id, {
                            onSuccess: () =>
                              notifications.show({ color: 'green', message: t('settings.invitation.revoked') }),
                            onError: (err) =>
                              notifications.show({
                                color: 'red',
                                title: t('common.errorTitle'),
                                message: errorText(t, err),
                              }),
                          })
                        }
                      >
                        <IconX size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {invite.isError && !error && <Alert color="red">{errorText(t, invite.error)}</Alert>}
    </Stack>
  );
}

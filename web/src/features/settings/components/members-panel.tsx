import { ActionIcon, Badge, Button, Group, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Member } from '@rapport/contracts/workspaces.ts';
import { IconUserMinus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { useFormat } from '../../../lib/format.ts';
import { useChangeRole, useMembers, useRemoveMember, useSetMemberActive } from '../api/settings.ts';
import { RoleSelect } from './role-select.tsx';

export function MembersPanel({ currentUserId }: { currentUserId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const members = useMembers();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const setActive = useSetMemberActive();
  const [removing, setRemoving] = useState<Member | null>(null);

  const fail = (err: unknown) =>
    notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });

  if (members.isPending) return <Skeleton height={160} />;
  if (members.error) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;

  return (
    <>
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing="xs" highlightOnHover data-testid="members-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.member.name')}</Table.Th>
              <Table.Th>{t('settings.member.email')}</Table.Th>
              <Table.Th w={200}>{t('settings.member.role')}</Table.Th>
              <Table.Th w={140}>{t('settings.member.since')}</Table.Th>
              <Table.Th w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.items.map((m) => (
              <Table.Tr key={m.id} data-testid="member-row">
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {m.name}
                    </Text>
                    {m.userId === currentUserId && (
                      <Badge size="xs" variant="light" color="gray">
                        {t('settings.member.you')}
                      </Badge>
                    )}
                    {!m.active && (
                      <Badge size="xs" variant="light" color="orange" data-testid="member-deactivated">
                        {t('settings.member.deactivated')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{m.email}</Table.Td>
                <Table.Td>
                  <RoleSelect
                    size="xs"
                    aria-label={t('settings.member.role')}
                    value={m.role}
                    onChange={(role) =>
                      changeRole.mutate(
                        { id: m.id, role },
                        {
                          onSuccess: () =>
                            notifications.show({
                              color: 'green',
                              message: t('settings.member.roleChanged', {
                                name: m.name,
                                role: t(`settings.roles.${role}`),
                              }),
                            }),
                          onError: fail,
                        },
                      )
                    }
                  />
                </Table.Td>
                <Table.Td>{fmt.date(m.createdAt)}</Table.Td>
                <Table.Td>
                  {m.userId !== currentUserId && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color={m.active ? 'orange' : 'green'}
                      mr="xs"
                      loading={setActive.isPending && setActive.variables?.id === m.id}
                      data-testid={m.active ? 'member-deactivate' : 'member-reactivate'}
                      onClick={() =>
                        setActive.mutate(
                          { id: m.id, active: !m.active },
                          {
                            onSuccess: () =>
                              notifications.show({
                                color: 'green',
                                message: t(
                                  m.active ? 'settings.member.deactivatedNote' : 'settings.member.reactivatedNote',
                                  {
                                    name: m.name,
                                  },
                                ),
                              }),
                            onError: fail,
                          },
                        )
                      }
                    >
                      {m.active ? t('settings.member.deactivate') : t('settings.member.reactivate')}
                    </Button>
                  )}
                  <Tooltip label={t('settings.member.remove')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={() => setRemoving(m)}
                      aria-label={t('settings.member.remove')}
                    >
                      <IconUserMinus size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={removing !== null}
        title={t('settings.member.removeTitle')}
        confirmLabel={t('settings.member.remove')}
        loading={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('settings.member.removed', { name: removing.name }) });
              setRemoving(null);
            },
            onError: (err) => {
              setRemoving(null);
              fail(err);
            },
          })
        }
      >
        {t('settings.member.removeText', { name: removing?.name ?? '' })}
      </ConfirmModal>
    </>
  );
}

import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ApiKey, Role } from '@rapport/contracts/workspaces.ts';
import { IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { useFormat } from '../../../lib/format.ts';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/settings.ts';
import { RoleSelect } from './role-select.tsx';

export function ApiKeysPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const keys = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('user');
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), role },
      {
        onSuccess: (key) => {
          setCreated(key.key);
          setName('');
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <form onSubmit={submit}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('settings.apiKey.name')}
              placeholder={t('settings.apiKey.namePlaceholder')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 240 }}
              maxLength={100}
              data-testid="api-key-name"
            />
            <RoleSelect label={t('settings.apiKey.role')} value={role} onChange={setRole} w={180} />
            <Button
              type="submit"
              leftSection={<IconKey size={16} />}
              loading={create.isPending}
              disabled={!name.trim()}
            >
              {t('settings.apiKey.new')}
            </Button>
          </Group>
          {create.isError && (
            <Alert color="red" mt="sm">
              {errorText(t, create.error)}
            </Alert>
          )}
        </form>
      </Paper>
      {keys.isPending ? (
        <Skeleton height={120} />
      ) : keys.error ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('settings.apiKey.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.apiKey.name')}</Table.Th>
                <Table.Th>{t('settings.apiKey.prefix')}</Table.Th>
                <Table.Th>{t('settings.apiKey.role')}</Table.Th>
                <Table.Th>{t('settings.apiKey.created')}</Table.Th>
                <Table.Th>{t('settings.apiKey.lastUsed')}</Table.Th>
                <Table.Th w={50} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.items.map((k) => (
                <Table.Tr key={k.id} data-testid="api-key-row">
                  <Table.Td fw={500}>{k.name}</Table.Td>
                  <Table.Td>
                    <Code>{k.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{t(`settings.roles.${k.role}`)}</Table.Td>
                  <Table.Td>{fmt.date(k.createdAt)}</Table.Td>
                  <Table.Td>{k.lastUsedAt ? fmt.relative(k.lastUsedAt) : t('settings.apiKey.never')}</Table.Td>
                  <Table.Td>
                    <Tooltip label={t('settings.apiKey.revoke')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('settings.apiKey.revoke')}
                        onClick={() => setRevoking(k)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={<Text fw={600}>{t('settings.apiKey.createdTitle')}</Text>}
        size="lg"
        closeOnClickOutside={false}
      >
        <Stack gap="md">
          <Text size="sm">{t('settings.apiKey.createdText')}</Text>
          <Group gap="xs" wrap="nowrap">
            <Code
              block
              style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              data-testid="api-key-secret"
            >
              {created}
            </Code>
            <CopyButton value={created ?? ''}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
                  <ActionIcon
                    variant="light"
                    color={copied ? 'green' : undefined}
                    size="lg"
                    onClick={copy}
                    aria-label={t('common.copy')}
                  >
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={() => setCreated(null)}>{t('settings.apiKey.done')}</Button>
          </Group>
        </Stack>
      </Modal>

      <ConfirmModal
        opened={revoking !== null}
        title={t('settings.apiKey.revokeTitle')}
        confirmLabel={t('settings.apiKey.revoke')}
        loading={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('settings.apiKey.revoked') });
              setRevoking(null);
            },
            onError: (err) => {
              setRevoking(null);
              notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
            },
          })
        }
      >
        {t('settings.apiKey.revokeText', { name: revoking?.name ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}

import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { RelationKind, RelationType } from '@rapport/contracts/relations.ts';
import { IconArrowRight, IconArrowsLeftRight, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import {
  useCreateRelationType,
  useDeleteRelationType,
  useRelationTypes,
  useUpdateRelationType,
} from '../api/relations.ts';
import { relationLabel } from './labels.ts';

/** Settings: the kinds of relations a workspace uses. Everyone reads them; managers and administrators change them. */
export function RelationTypesPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const types = useRelationTypes();
  const [renaming, setRenaming] = useState<RelationType | null>(null);
  const [deleting, setDeleting] = useState<RelationType | null>(null);
  const remove = useDeleteRelationType();

  const section = (kind: RelationKind) => {
    const items = (types.data?.items ?? []).filter((ty) => ty.kind === kind);
    return (
      <Stack gap={6} key={kind}>
        <Title order={5}>
          {kind === 'company' ? t('relations.types.companyKind') : t('relations.types.contactKind')}
        </Title>
        <Table verticalSpacing={6} highlightOnHover data-testid={`relation-types-${kind}`}>
          <Table.Tbody>
            {items.map((ty) => (
              <Table.Tr key={ty.id} data-testid="relation-type-row">
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {relationLabel(t, ty.key, 'from', ty.fromLabel)}
                    </Text>
                    {ty.toLabel && (
                      <>
                        <IconArrowRight size={14} style={{ opacity: 0.5 }} />
                        <Text size="sm" fw={500}>
                          {relationLabel(t, ty.key, 'to', ty.toLabel)}
                        </Text>
                      </>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td w={230}>
                  <Group gap={6} wrap="nowrap">
                    {kind === 'company' && (
                      <Badge
                        variant="light"
                        color="gray"
                        size="sm"
                        leftSection={ty.symmetric ? <IconArrowsLeftRight size={12} /> : <IconArrowRight size={12} />}
                      >
                        {ty.symmetric ? t('relations.types.bothWays') : t('relations.types.oneWay')}
                      </Badge>
                    )}
                    {ty.key && (
                      <Badge variant="outline" color="gray" size="sm">
                        {t('relations.types.builtIn')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                {canManage && (
                  <Table.Td w={90}>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Tooltip label={t('relations.types.rename')}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('relations.types.rename')}
                          onClick={() => setRenaming(ty)}
                          data-testid="relation-type-rename"
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t(ty.key === 'parent' ? 'relations.types.keepParent' : 'relations.types.delete')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('relations.types.delete')}
                          disabled={ty.key === 'parent'}
                          onClick={() => setDeleting(ty)}
                          data-testid="relation-type-delete"
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    );
  };

  return (
    <Stack gap="lg" data-testid="relation-types-panel">
      <Text size="sm" c="dimmed" maw={720}>
        {t('relations.types.intro')}
      </Text>
      {canManage ? <NewTypeForm /> : <Alert color="gray">{t('relations.types.readOnly')}</Alert>}
      {types.isPending ? (
        <Skeleton height={200} />
      ) : types.error ? (
        <ErrorState error={types.error} onRetry={() => void types.refetch()} />
      ) : (
        (['company', 'contact'] as const).map(section)
      )}
      <RenameModal type={renaming} onClose={() => setRenaming(null)} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('relations.types.deleteTitle')}
        confirmLabel={t('relations.types.delete')}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ color: 'green', message: t('relations.types.deleted') });
            },
            onError: (err) => {
              setDeleting(null);
              notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
            },
          })
        }
      >
        {t('relations.types.deleteText', {
          label: deleting ? relationLabel(t, deleting.key, 'from', deleting.fromLabel) : '',
        })}
      </ConfirmModal>
    </Stack>
  );
}

function NewTypeForm() {
  const { t } = useTranslation();
  const create = useCreateRelationType();
  const [kind, setKind] = useState<RelationKind>('company');
  const [symmetric, setSymmetric] = useState(false);
  const [fromLabel, setFromLabel] = useState('');
  const [toLabel, setToLabel] = useState('');
  const oneWay = kind === 'company' && !symmetric;
  const errors = isApiError(create.error) ? create.error.fieldErrors : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { kind, symmetric: kind === 'company' && symmetric, fromLabel, toLabel: oneWay ? toLabel : null },
      {
        onSuccess: () => {
          setFromLabel('');
          setToLabel('');
          notifications.show({ color: 'green', message: t('relations.types.added') });
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Group gap="lg" wrap="wrap">
            <SegmentedControl
              value={kind}
              onChange={(v) => setKind(v as RelationKind)}
              data={[
                { value: 'company', label: t('relations.types.companyKind') },
                { value: 'contact', label: t('relations.types.contactKind') },
              ]}
              data-testid="relation-type-kind"
            />
            {kind === 'company' && (
              <Checkbox
                label={t('relations.types.symmetric')}
                description={t('relations.types.symmetricHint')}
                checked={symmetric}
                onChange={(e) => setSymmetric(e.currentTarget.checked)}
                data-testid="relation-type-symmetric"
              />
            )}
          </Group>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={
                kind === 'contact'
                  ? t('relations.types.roleLabel')
                  : symmetric
                    ? t('relations.types.bothLabel')
                    : t('relations.types.fromLabel')
              }
              placeholder={
                kind === 'contact'
                  ? t('relations.types.rolePlaceholder')
                  : symmetric
                    ? t('relations.types.bothPlaceholder')
                    : t('relations.types.fromPlaceholder')
              }
              required
              maxLength={100}
              value={fromLabel}
              onChange={(e) => setFromLabel(e.currentTarget.value)}
              error={errors.fromLabel}
              style={{ flex: 1, minWidth: 220 }}
              data-testid="relation-type-from"
            />
            {oneWay && (
              <TextInput
                label={t('relations.types.toLabel')}
                placeholder={t('relations.types.toPlaceholder')}
                required
                maxLength={100}
                value={toLabel}
                onChange={(e) => setToLabel(e.currentTarget.value)}
                error={errors.toLabel}
                style={{ flex: 1, minWidth: 220 }}
                data-testid="relation-type-to"
              />
            )}
            <Button
              type="submit"
              mt={25}
              leftSection={<IconPlus size={16} />}
              loading={create.isPending}
              disabled={!fromLabel.trim() || (oneWay && !toLabel.trim())}
              data-testid="relation-type-add"
            >
              {t('relations.types.add')}
            </Button>
          </Group>
          {create.error && !errors.fromLabel && !errors.toLabel && (
            <Alert color="red" data-testid="relation-type-error">
              {errorText(t, create.error)}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function RenameModal({ type, onClose }: { type: RelationType | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateRelationType();
  const [fromLabel, setFromLabel] = useState('');
  const [toLabel, setToLabel] = useState('');
  const [shownFor, setShownFor] = useState<string | null>(null);
  const shownFrom = type ? relationLabel(t, type.key, 'from', type.fromLabel) : '';
  const shownTo = type?.toLabel ? relationLabel(t, type.key, 'to', type.toLabel) : '';
  // Fill the fields each time the modal opens for a type, with the wording the reader sees.
  if (type && shownFor !== type.id) {
    setShownFor(type.id);
    setFromLabel(shownFrom);
    setToLabel(shownTo);
  }
  const close = () => {
    setShownFor(null);
    update.reset();
    onClose();
  };
  const errors = isApiError(update.error) ? update.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!type) return;
    // Only what was changed is sent: a built-in type left as it is keeps showing in each reader's language.
    const changed = {
      ...(fromLabel.trim() !== shownFrom ? { fromLabel } : {}),
      ...(type.toLabel && toLabel.trim() !== shownTo ? { toLabel } : {}),
    };
    if (Object.keys(changed).length === 0) return close();
    update.mutate({ id: type.id, version: type.version, ...changed }, { onSuccess: close });
  };
  return (
    <Modal
      opened={type !== null}
      onClose={close}
      title={<Text fw={600}>{t('relations.types.renameTitle')}</Text>}
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={
              type?.kind === 'contact'
                ? t('relations.types.roleLabel')
                : type?.symmetric
                  ? t('relations.types.bothLabel')
                  : t('relations.types.fromLabel')
            }
            required
            maxLength={100}
            value={fromLabel}
            onChange={(e) => setFromLabel(e.currentTarget.value)}
            error={errors.fromLabel}
            data-autofocus
          />
          {type?.toLabel && (
            <TextInput
              label={t('relations.types.toLabel')}
              required
              maxLength={100}
              value={toLabel}
              onChange={(e) => setToLabel(e.currentTarget.value)}
              error={errors.toLabel}
            />
          )}
          {update.error && !errors.fromLabel && !errors.toLabel && (
            <Alert color="red">{errorText(t, update.error)}</Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!fromLabel.trim()}>
              {t('relations.types.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

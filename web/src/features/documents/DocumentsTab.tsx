import {
  ActionIcon,
  Anchor,
  Button,
  FileButton,
  Group,
  Modal,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Document, DocumentEntity } from '@rapport/contracts/documents.ts';
import { IconDownload, IconFile, IconPencil, IconTrash, IconUpload } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../components/empty-state.tsx';
import { ErrorState } from '../../components/error-state.tsx';
import { isApiError } from '../../lib/api.ts';
import { errorText } from '../../lib/error-text.ts';
import { useFormat } from '../../lib/format.ts';
import { usePermissions } from '../../lib/session.ts';
import { uploadDocument, useDocumentMutations, useDocuments } from './api/documents.ts';

type Upload = { key: string; name: string; progress: number; error: string | null };

function useBytes() {
  const { locale } = useFormat();
  return (n: number) => {
    const [value, unit] =
      n >= 1024 * 1024 ? [n / (1024 * 1024), 'megabyte'] : n >= 1024 ? [n / 1024, 'kilobyte'] : [n, 'byte'];
    return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
  };
}

/** The documents of a company or contact: list, upload (button or drag and drop), download, rename, delete. */
export function DocumentsTab({ entity, entityId }: { entity: DocumentEntity; entityId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bytes = useBytes();
  const { canWrite } = usePermissions();
  const docs = useDocuments(entity, entityId);
  const m = useDocumentMutations(entity, entityId);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [editing, setEditing] = useState<Document | null>(null);

  const setUpload = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const start = (files: File[]) => {
    for (const file of files) {
      const key = `${file.name}-${Date.now()}-${Math.random()}`;
      setUploads((list) => [...list, { key, name: file.name, progress: 0, error: null }]);
      uploadDocument(entity, entityId, file, (p) => setUpload(key, { progress: p }))
        .then(() => {
          setUploads((list) => list.filter((u) => u.key !== key));
          void m.refresh();
        })
        .catch((err: unknown) => {
          const message = isApiError(err)
            ? err.status === 413
              ? t('documents.tooLarge', { message: err.message })
              : errorText(t, err)
            : t('common.errorTitle');
          setUpload(key, { error: message });
        });
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (canWrite && e.dataTransfer.files.length > 0) start([...e.dataTransfer.files]);
  };

  const remove = (doc: Document) =>
    m.remove.mutate(doc.id, {
      onSuccess: () => {
        const id = notifications.show({
          message: (
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{t('documents.deleted', { name: doc.name })}</Text>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => {
                  notifications.hide(id);
                  m.restore.mutate(doc.id);
                }}
              >
                {t('common.undo')}
              </Button>
            </Group>
          ),
        });
      },
      onError: (err) => notifications.show({ color: 'red', message: errorText(t, err) }),
    });

  const items = docs.data?.items ?? [];

  return (
    <Stack gap="sm">
      {canWrite && (
        <Paper
          withBorder
          p="md"
          radius="md"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          style={{
            borderStyle: 'dashed',
            borderColor: dragging ? 'var(--mantine-color-blue-5)' : undefined,
            background: dragging ? 'var(--mantine-color-blue-light)' : undefined,
          }}
          aria-label={t('documents.dropZone')}
        >
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" c="dimmed">
              {t('documents.dropHint')}
            </Text>
            <FileButton multiple onChange={(files) => start(files)}>
              {(props) => (
                <Button {...props} size="xs" leftSection={<IconUpload size={14} />}>
                  {t('documents.upload')}
                </Button>
              )}
            </FileButton>
          </Group>
        </Paper>
      )}

      {uploads.map((u) => (
        <Stack key={u.key} gap={4}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" truncate>
              {u.error ? t('documents.failed', { name: u.name }) : t('documents.uploading', { name: u.name })}
            </Text>
            {u.error && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => setUploads((l) => l.filter((x) => x.key !== u.key))}
              >
                {t('common.close')}
              </Button>
            )}
          </Group>
          {u.error ? (
            <Text size="sm" c="red">
              {u.error}
            </Text>
          ) : (
            <Progress value={u.progress * 100} size="sm" animated={u.progress >= 1} aria-label={u.name} />
          )}
        </Stack>
      ))}

      {docs.isPending ? (
        <Stack gap="xs">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={28} />
          ))}
        </Stack>
      ) : docs.isError ? (
        <ErrorState error={docs.error} onRetry={() => void docs.refetch()} />
      ) : items.length === 0 ? (
        <Empty icon={<IconFile size={22} />} title={t('documents.empty')} text={t('documents.emptyText')} />
      ) : (
        <Table highlightOnHover verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.name')}</Table.Th>
              <Table.Th ta="right">{t('documents.size')}</Table.Th>
              <Table.Th>{t('documents.uploadedBy')}</Table.Th>
              <Table.Th>{t('documents.uploadedAt')}</Table.Th>
              <Table.Th w={1}>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((doc) => (
              <Table.Tr key={doc.id}>
                <Table.Td>
                  <Anchor href={doc.url} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {doc.name}
                  </Anchor>
                  {doc.description && (
                    <Text size="xs" c="dimmed">
                      {doc.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{bytes(doc.size)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{doc.uploadedByName ?? t('common.none')}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" title={fmt.dateTime(doc.createdAt)}>
                    {fmt.relative(doc.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={t('documents.download')}>
                      <ActionIcon component="a" href={doc.url} variant="subtle" aria-label={t('documents.download')}>
                        <IconDownload size={16} />
                      </ActionIcon>
                    </Tooltip>
                    {canWrite && (
                      <>
                        <Tooltip label={t('documents.rename')}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t('documents.rename')}
                            onClick={() => setEditing(doc)}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('common.delete')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('common.delete')}
                            onClick={() => remove(doc)}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {editing && (
        <RenameModal
          doc={editing}
          saving={m.rename.isPending}
          onClose={() => setEditing(null)}
          onSave={(name, description) =>
            m.rename.mutate(
              { id: editing.id, patch: { version: editing.version, name, description } },
              {
                onSuccess: () => setEditing(null),
                onError: (err) =>
                  notifications.show({
                    color: 'red',
                    message: isApiError(err) && err.code === 'CONFLICT' ? t('documents.conflict') : errorText(t, err),
                  }),
              },
            )
          }
        />
      )}
    </Stack>
  );
}

function RenameModal({
  doc,
  saving,
  onClose,
  onSave,
}: {
  doc: Document;
  saving: boolean;
  onClose: () => void;
  onSave: (name: string, description: string | null) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(doc.name);
  const [description, setDescription] = useState(doc.description ?? '');
  return (
    <Modal opened onClose={onClose} title={t('documents.rename')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSave(name.trim(), description.trim() || null);
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('documents.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
            required
            data-autofocus
          />
          <Textarea
            label={t('documents.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={1000}
            autosize
            minRows={2}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

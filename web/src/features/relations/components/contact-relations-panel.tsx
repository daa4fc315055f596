import { Anchor, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { ContactRelation } from '@rapport/contracts/relations.ts';
import { IconBuilding, IconLinkPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { useContactRelations, useDeleteContactRelation } from '../api/relations.ts';
import { RelationGroupHeading, RelationRow } from './company-relations-panel.tsx';
import { ContactRelationModal } from './contact-relation-modal.tsx';
import { relationLabel } from './labels.ts';

/** The companies a person is linked to besides the employer (board seats, consulting, former jobs), by role. */
export function ContactRelationsPanel({ contactId, canWrite }: { contactId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const relations = useContactRelations({ contactId });
  const remove = useDeleteContactRelation();
  const [adding, add] = useDisclosure(false);
  const [removing, setRemoving] = useState<{ id: string; label: string; name: string } | null>(null);

  const roleOf = (r: ContactRelation) => relationLabel(t, r.typeKey, 'from', r.label);
  const groups = new Map<string, ContactRelation[]>();
  for (const r of relations.data?.items ?? []) groups.set(roleOf(r), [...(groups.get(roleOf(r)) ?? []), r]);

  const doRemove = () =>
    removing &&
    remove.mutate(removing.id, {
      onSuccess: () => {
        setRemoving(null);
        notifications.show({ color: 'green', message: t('relations.removed') });
      },
      onError: (err) => {
        setRemoving(null);
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
      },
    });

  return (
    <Stack gap={6} data-testid="contact-relations">
      <Group justify="space-between" wrap="nowrap">
        <Title order={5}>{t('relations.contactTitle')}</Title>
        {canWrite && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconLinkPlus size={14} />}
            onClick={add.open}
            data-testid="relation-add-company"
          >
            {t('relations.addCompany')}
          </Button>
        )}
      </Group>
      {relations.isPending ? (
        <Skeleton height={40} />
      ) : relations.error ? (
        <ErrorState error={relations.error} onRetry={() => void relations.refetch()} />
      ) : relations.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('relations.noContactCompanies')}
        </Text>
      ) : (
        [...groups].map(([label, items]) => (
          <Stack key={label} gap={0} data-testid="relation-group">
            <RelationGroupHeading>
              {label} ({items.length})
            </RelationGroupHeading>
            {items.map((r) => (
              <RelationRow
                key={r.id}
                icon={<IconBuilding size={16} />}
                link={
                  <Anchor
                    renderRoot={(props) => <Link {...props} to="/companies/$id" params={{ id: r.company.id }} />}
                    fw={500}
                    size="sm"
                  >
                    {r.company.name}
                  </Anchor>
                }
                details={[`#${r.company.customerNumber}`, r.company.city].filter(Boolean).join(' · ')}
                note={r.note}
                removeLabel={t('relations.remove')}
                onRemove={canWrite ? () => setRemoving({ id: r.id, label, name: r.company.name }) : undefined}
              />
            ))}
          </Stack>
        ))
      )}
      <ContactRelationModal from={{ contactId }} opened={adding} onClose={add.close} />
      <ConfirmModal
        opened={removing !== null}
        title={t('relations.removeTitle')}
        confirmLabel={t('relations.remove')}
        loading={remove.isPending}
        onConfirm={doRemove}
        onClose={() => setRemoving(null)}
      >
        {t('relations.removeText', { label: removing?.label ?? '', name: removing?.name ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}

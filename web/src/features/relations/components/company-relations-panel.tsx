import { ActionIcon, Anchor, Button, Group, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { CompanyRelation, ContactRelation } from '@rapport/contracts/relations.ts';
import { IconBuilding, IconLinkPlus, IconUser, IconUserPlus, IconX } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal.tsx';
import { ErrorState } from '../../../components/error-state.tsx';
import { errorText } from '../../../lib/error-text.ts';
import {
  useCompanyRelations,
  useContactRelations,
  useDeleteCompanyRelation,
  useDeleteContactRelation,
} from '../api/relations.ts';
import { CompanyRelationModal } from './company-relation-modal.tsx';
import { ContactRelationModal } from './contact-relation-modal.tsx';
import { relationLabel } from './labels.ts';

type Removing = { id: string; kind: 'company' | 'contact'; label: string; name: string };

export const personName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`.trim();

/** Items grouped under their label, in the order the server sorted them. */
function byLabel<T>(items: T[], label: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = label(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups];
}

export function RelationGroupHeading({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt={4}>
      {children}
    </Text>
  );
}

/** One related record: a link to its card, what tells it apart, the note, and a remove button. */
export function RelationRow({
  icon,
  link,
  details,
  note,
  onRemove,
  removeLabel,
}: {
  icon: ReactNode;
  link: ReactNode;
  details: string;
  note: string | null;
  onRemove?: (() => void) | undefined;
  removeLabel: string;
}) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" py={4} data-testid="relation-row">
      <Text c="dimmed" mt={2} style={{ display: 'flex' }}>
        {icon}
      </Text>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={8} wrap="wrap">
          {link}
          {details && (
            <Text size="xs" c="dimmed">
              {details}
            </Text>
          )}
        </Group>
        {note && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {note}
          </Text>
        )}
      </Stack>
      {onRemove && (
        <Tooltip label={removeLabel}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={removeLabel}
            onClick={onRemove}
            data-testid="relation-remove"
          >
            <IconX size={15} style={{ opacity: 0.6 }} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

const companyDetails = (c: { customerNumber: number; city: string | null }) =>
  [`#${c.customerNumber}`, c.city].filter(Boolean).join(' · ');

/**
 * The relations of a company card: related companies grouped by what they are to this company
 * (subsidiaries, parent company, partners, ...) and the people linked to it by relation.
 */
export function CompanyRelationsPanel({ companyId, canWrite }: { companyId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const relations = useCompanyRelations(companyId);
  const people = useContactRelations({ companyId });
  const removeCompany = useDeleteCompanyRelation();
  const removeContact = useDeleteContactRelation();
  const [adding, add] = useDisclosure(false);
  const [addingPerson, addPerson] = useDisclosure(false);
  const [removing, setRemoving] = useState<Removing | null>(null);

  const labelOf = (r: CompanyRelation) => relationLabel(t, r.typeKey, r.side, r.label);
  const roleOf = (r: ContactRelation) => relationLabel(t, r.typeKey, 'from', r.label);

  const remove = () => {
    if (!removing) return;
    const mutation = removing.kind === 'company' ? removeCompany : removeContact;
    mutation.mutate(removing.id, {
      onSuccess: () => {
        setRemoving(null);
        notifications.show({ color: 'green', message: t('relations.removed') });
      },
      onError: (err) => {
        setRemoving(null);
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorText(t, err) });
      },
    });
  };

  return (
    <Stack gap="lg" data-testid="company-relations">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={5}>{t('relations.companiesTitle')}</Title>
          {canWrite && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconLinkPlus size={14} />}
              onClick={add.open}
              data-testid="relation-add"
            >
              {t('relations.add')}
            </Button>
          )}
        </Group>
        {relations.isPending ? (
          <Skeleton height={60} />
        ) : relations.error ? (
          <ErrorState error={relations.error} onRetry={() => void relations.refetch()} />
        ) : relations.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="relations-empty">
            {t('relations.noCompanies')}
          </Text>
        ) : (
          byLabel(relations.data.items, labelOf).map(([label, items]) => (
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
                  details={companyDetails(r.company)}
                  note={r.note}
                  removeLabel={t('relations.remove')}
                  onRemove={
                    canWrite ? () => setRemoving({ id: r.id, kind: 'company', label, name: r.company.name }) : undefined
                  }
                />
              ))}
            </Stack>
          ))
        )}
      </Stack>

      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={5}>{t('relations.peopleTitle')}</Title>
          {canWrite && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconUserPlus size={14} />}
              onClick={addPerson.open}
              data-testid="relation-add-person"
            >
              {t('relations.addPerson')}
            </Button>
          )}
        </Group>
        {people.isPending ? (
          <Skeleton height={40} />
        ) : people.error ? (
          <ErrorState error={people.error} onRetry={() => void people.refetch()} />
        ) : people.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('relations.noPeople')}
          </Text>
        ) : (
          byLabel(people.data.items, roleOf).map(([label, items]) => (
            <Stack key={label} gap={0} data-testid="relation-people-group">
              <RelationGroupHeading>
                {label} ({items.length})
              </RelationGroupHeading>
              {items.map((r) => (
                <RelationRow
                  key={r.id}
                  icon={<IconUser size={16} />}
                  link={
                    <Anchor
                      renderRoot={(props) => <Link {...props} to="/contacts/$id" params={{ id: r.contact.id }} />}
                      fw={500}
                      size="sm"
                    >
                      {personName(r.contact)}
                    </Anchor>
                  }
                  details={[
                    r.contact.title,
                    r.contact.companyName && t('relations.worksAt', { company: r.contact.companyName }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  note={r.note}
                  removeLabel={t('relations.remove')}
                  onRemove={
                    canWrite
                      ? () => setRemoving({ id: r.id, kind: 'contact', label, name: personName(r.contact) })
                      : undefined
                  }
                />
              ))}
            </Stack>
          ))
        )}
      </Stack>

      <CompanyRelationModal companyId={companyId} opened={adding} onClose={add.close} />
      <ContactRelationModal from={{ companyId }} opened={addingPerson} onClose={addPerson.close} />
      <ConfirmModal
        opened={removing !== null}
        title={t('relations.removeTitle')}
        confirmLabel={t('relations.remove')}
        loading={removeCompany.isPending || removeContact.isPending}
        onConfirm={remove}
        onClose={() => setRemoving(null)}
      >
        {t('relations.removeText', { label: removing?.label ?? '', name: removing?.name ?? '' })}
      </ConfirmModal>
    </Stack>
  );
}

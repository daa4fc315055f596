import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordPicker, type RecordRef } from '../../../components/record-picker.tsx';
import { errorText } from '../../../lib/error-text.ts';
import { useSetContactCompany } from '../api/contacts.ts';
import { contactName } from './contact-table.tsx';

/** Moves a person to another company (or to none). It is the same contact: notes, documents and history stay. */
export function MoveContactModal({
  contact,
  opened,
  onClose,
}: {
  contact: Contact;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const current = contact.companyId ? { id: contact.companyId, name: contact.companyName ?? '' } : null;
  const [target, setTarget] = useState<RecordRef | null>(current);
  const move = useSetContactCompany();
  const changed = (target?.id ?? null) !== (contact.companyId ?? null);

  const close = () => {
    setTarget(current);
    move.reset();
    onClose();
  };

  const save = () =>
    move.mutate(
      { contact, companyId: target?.id ?? null },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: target
              ? t('card.move.moved', { name: contactName(contact), company: target.name })
              : t('card.move.unlinked', { name: contactName(contact) }),
          });
          close();
        },
      },
    );

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{t('card.move.title')}</Text>}>
      <Stack gap="sm" data-testid="move-contact-modal">
        <RecordPicker
          kind="company"
          label={t('contact.fields.company')}
          placeholder={t('contact.pickCompany')}
          testId="contact-company"
          value={target}
          onChange={setTarget}
        />
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={16} />}>
          {t('card.move.keepsHistory')}
        </Alert>
        {move.error && <Alert color="red">{errorText(t, move.error)}</Alert>}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} disabled={!changed} loading={move.isPending} data-testid="move-contact-save">
            {t('card.move.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

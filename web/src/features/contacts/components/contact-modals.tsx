import { Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { RecordRef } from '../../../components/record-picker.tsx';
import { contactKeys, useCreateContact, useUpdateContact } from '../api/contacts.ts';
import { ContactForm } from './contact-form.tsx';
import { contactName } from './contact-table.tsx';

export function NewContactModal({
  opened,
  company,
  onClose,
  onCreated,
}: {
  opened: boolean;
  company?: RecordRef | null;
  onClose: () => void;
  onCreated: (contact: Contact) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateContact();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('contact.createTitle')}</Text>} size="lg">
      {opened && (
        <ContactForm
          company={company}
          submitting={create.isPending}
          onCancel={onClose}
          onOpenExisting={(id) => {
            onClose();
            void navigate({ to: '/contacts/$id', params: { id } });
          }}
          onCreate={async (body) => {
            const contact = await create.mutateAsync(body);
            notifications.show({ color: 'green', message: t('contact.created', { name: contactName(contact) }) });
            onCreated(contact);
          }}
        />
      )}
    </Modal>
  );
}

export function EditContactModal({
  contact,
  opened,
  onClose,
}: {
  contact: Contact;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const update = useUpdateContact(contact.id);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{t('contact.editTitle')}</Text>} size="lg">
      {opened && (
        <ContactForm
          contact={contact}
          submitting={update.isPending}
          onCancel={onClose}
          onConflict={(current) => qc.setQueryData(contactKeys.detail(contact.id), current)}
          onOpenExisting={(id) => {
            onClose();
            void navigate({ to: '/contacts/$id', params: { id } });
          }}
          onUpdate={async (patch) => {
            await update.mutateAsync(patch);
            notifications.show({ color: 'green', message: t('contact.saved') });
            onClose();
          }}
        />
      )}
    </Modal>
  );
}

import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordPicker, type RecordRef } from '../../../components/record-picker.tsx';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { useCreateContactRelation, useRelationTypes } from '../api/relations.ts';
import { relationLabel } from './labels.ts';

/** Links a person to a company in a role, from the contact's card (pick a company) or the company's (pick a person). */
export function ContactRelationModal({
  from,
  opened,
  onClose,
}: {
  from: { contactId: string } | { companyId: string };
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const types = useRelationTypes();
  const create = useCreateContactRelation();
  const [typeId, setTypeId] = useState<string | null>(null);
  const [other, setOther] = useState<RecordRef | null>(null);
  const [note, setNote] = useState('');
  const picking = 'contactId' in from ? 'company' : 'contact';

  const options = useMemo(
    () =>
      (types.data?.items ?? [])
        .filter((ty) => ty.kind === 'contact')
        .map((ty) => ({ value: ty.id, label: relationLabel(t, ty.key, 'from', ty.fromLabel) })),
    [types.data, t],
  );

  const close = () => {
    setTypeId(null);
    setOther(null);
    setNote('');
    create.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!typeId || !other) return;
    const ids =
      'contactId' in from
        ? { contactId: from.contactId, companyId: other.id }
        : { contactId: other.id, companyId: from.companyId };
    create.mutate(
      { typeId, ...ids, note },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('relations.added') });
          close();
        },
      },
    );
  };

  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors : {};
  const pickerError = fieldErrors.companyId ?? fieldErrors.contactId;
  const generalError = create.error && !pickerError && !fieldErrors.typeId ? errorText(t, create.error) : null;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={600}>{picking === 'company' ? t('relations.addCompany') : t('relations.addPerson')}</Text>}
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          {picking === 'contact' && (
            <RecordPicker
              kind="contact"
              placeholder={t('relations.searchPerson')}
              required
              label={t('relations.person')}
              value={other}
              onChange={(v) => {
                create.reset();
                setOther(v);
              }}
              error={pickerError}
              testId="relation-person-picker"
            />
          )}
          <Select
            label={t('relations.personIs')}
            placeholder={t('relations.pickRole')}
            data={options}
            value={typeId}
            onChange={(v) => {
              create.reset();
              setTypeId(v);
            }}
            required
            allowDeselect={false}
            error={fieldErrors.typeId}
            data-testid="relation-role-select"
            comboboxProps={{ withinPortal: true }}
          />
          {picking === 'company' && (
            <RecordPicker
              kind="company"
              placeholder={t('relations.searchCompany')}
              required
              label={t('relations.company')}
              value={other}
              onChange={(v) => {
                create.reset();
                setOther(v);
              }}
              error={pickerError}
              testId="relation-company-picker"
            />
          )}
          <Textarea
            label={t('relations.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={1000}
            autosize
            minRows={2}
            data-testid="relation-note"
          />
          {generalError && (
            <Alert color="red" data-testid="relation-error">
              {generalError}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!typeId || !other} data-testid="relation-save">
              {t('relations.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

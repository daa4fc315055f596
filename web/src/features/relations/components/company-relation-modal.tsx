import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordPicker, type RecordRef } from '../../../components/record-picker.tsx';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { useCreateCompanyRelation, useRelationTypes } from '../api/relations.ts';
import { relationLabel } from './labels.ts';

/**
 * Relates the card's company to another one. The choice reads from the card's viewpoint ("the other
 * company is a Subsidiary"), so a one-way type offers both of its sides.
 */
export function CompanyRelationModal({
  companyId,
  opened,
  onClose,
}: {
  companyId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const types = useRelationTypes();
  const create = useCreateCompanyRelation();
  const [choice, setChoice] = useState<string | null>(null);
  const [other, setOther] = useState<RecordRef | null>(null);
  const [note, setNote] = useState('');

  // Value "<typeId>:to" — the other company takes the `to` side (this card is `from`), and vice versa.
  const options = useMemo(
    () =>
      (types.data?.items ?? [])
        .filter((ty) => ty.kind === 'company')
        .flatMap((ty) =>
          ty.symmetric || !ty.toLabel
            ? [{ value: `${ty.id}:to`, label: relationLabel(t, ty.key, 'from', ty.fromLabel) }]
            : [
                { value: `${ty.id}:to`, label: relationLabel(t, ty.key, 'to', ty.toLabel) },
                { value: `${ty.id}:from`, label: relationLabel(t, ty.key, 'from', ty.fromLabel) },
              ],
        ),
    [types.data, t],
  );

  const close = () => {
    setChoice(null);
    setOther(null);
    setNote('');
    create.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!choice || !other) return;
    const [typeId, otherSide] = choice.split(':') as [string, 'from' | 'to'];
    const [fromCompanyId, toCompanyId] = otherSide === 'to' ? [companyId, other.id] : [other.id, companyId];
    create.mutate(
      { typeId, fromCompanyId, toCompanyId, note },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('relations.added') });
          close();
        },
      },
    );
  };

  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors : {};
  const pickerError = fieldErrors.toCompanyId ?? fieldErrors.fromCompanyId;
  const generalError = create.error && !pickerError && !fieldErrors.typeId ? errorText(t, create.error) : null;

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{t('relations.add')}</Text>} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select
            label={t('relations.otherIs')}
            placeholder={t('relations.pickType')}
            data={options}
            value={choice}
            onChange={(v) => {
              create.reset();
              setChoice(v);
            }}
            required
            allowDeselect={false}
            error={fieldErrors.typeId}
            data-testid="relation-type-select"
            comboboxProps={{ withinPortal: true }}
          />
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
            excludeId={companyId}
            error={pickerError}
            testId="relation-company-picker"
          />
          <Textarea
            label={t('relations.note')}
            placeholder={t('relations.notePlaceholder')}
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
            <Button type="submit" loading={create.isPending} disabled={!choice || !other} data-testid="relation-save">
              {t('relations.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

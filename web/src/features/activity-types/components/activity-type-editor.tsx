import { Button, ColorInput, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import type { ActivityKind, ActivityType } from '@rapport/contracts/activities.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api.ts';
import { errorText } from '../../../lib/error-text.ts';
import { type TypeInput, useCreateActivityType, useUpdateActivityType } from '../api/activity-types.ts';

const SWATCHES = [
  '#228be6',
  '#15aabf',
  '#12b886',
  '#40c057',
  '#fab005',
  '#fd7e14',
  '#fa5252',
  '#e64980',
  '#7950f2',
  '#868e96',
];

const fromType = (t: ActivityType): TypeInput => ({
  kind: t.kind,
  name: t.name ?? '',
  color: t.color,
  points: t.points,
  defaultMinutes: t.defaultMinutes,
});

/** Adds an activity type, or changes one (a built-in one keeps its name and kind). */
export function ActivityTypeEditor({
  type,
  opened,
  onClose,
  onSaved,
}: {
  type: ActivityType | null;
  opened: boolean;
  onClose: () => void;
  onSaved: (created: boolean) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateActivityType();
  const update = useUpdateActivityType();
  const [form, setForm] = useState<TypeInput>({
    kind: 'meeting',
    name: '',
    color: null,
    points: 0,
    defaultMinutes: 60,
  });
  const [base, setBase] = useState<ActivityType | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setErrors({});
    setMessage(null);
    setBase(type);
    setForm(type ? fromType(type) : { kind: 'meeting', name: '', color: null, points: 0, defaultMinutes: 60 });
  }, [opened, type]);

  const fail = (err: unknown) => {
    if (isApiError(err)) {
      setErrors(err.fieldErrors);
      if (err.status === 409 && err.current) {
        const current = err.current as ActivityType;
        setBase(current);
        setForm(fromType(current));
        setMessage(t('activityTypes.conflict'));
      } else setMessage(errorText(t, err));
    } else setMessage(errorText(t, err));
  };

  const submit = () => {
    setErrors({});
    setMessage(null);
    if (!base) {
      if (!form.name.trim()) {
        setErrors({ name: t('common.required') });
        return;
      }
      create.mutate(form, { onSuccess: () => onSaved(true), onError: fail });
      return;
    }
    update.mutate(
      {
        id: base.id,
        patch: {
          version: base.version,
          ...(base.builtin ? {} : { name: form.name }),
          color: form.color,
          points: form.points,
          defaultMinutes: form.defaultMinutes,
        },
      },
      { onSuccess: () => onSaved(false), onError: fail },
    );
  };

  const builtin = base?.builtin ?? false;
  const kinds: ActivityKind[] = ['task', 'call', 'meeting'];

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{base ? t('activityTypes.edit') : t('activityTypes.new')}</Text>}
      centered
    >
      <Stack gap="md" data-testid="activity-type-editor">
        {builtin ? (
          <TextInput
            label={t('activityTypes.name')}
            value={t(`activityTypes.kinds.${form.kind}`)}
            disabled
            description={t('activityTypes.builtinName')}
          />
        ) : (
          <TextInput
            label={t('activityTypes.name')}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={errors.name}
            maxLength={80}
            required
            data-autofocus
            data-testid="activity-type-name"
          />
        )}
        <Select
          label={t('activityTypes.kind')}
          description={t('activityTypes.kindHint')}
          data={kinds.map((k) => ({ value: k, label: t(`activityTypes.kinds.${k}`) }))}
          value={form.kind}
          onChange={(v) => v && setForm({ ...form, kind: v as ActivityKind })}
          disabled={Boolean(base)}
          allowDeselect={false}
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t('activityTypes.points')}
            description={t('activityTypes.pointsHint')}
            value={form.points}
            onChange={(v) => setForm({ ...form, points: typeof v === 'number' ? v : 0 })}
            min={0}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            error={errors.points}
            data-testid="activity-type-points"
          />
          <NumberInput
            label={t('activityTypes.defaultMinutes')}
            placeholder={t('activityTypes.noDefault')}
            value={form.defaultMinutes ?? ''}
            onChange={(v) => setForm({ ...form, defaultMinutes: typeof v === 'number' ? v : null })}
            min={0}
            max={1440}
            step={15}
            allowDecimal={false}
            allowNegative={false}
            disabled={form.kind === 'task'}
            error={errors.defaultMinutes}
          />
        </Group>
        <ColorInput
          label={t('activityTypes.color')}
          value={form.color ?? ''}
          onChange={(v) => setForm({ ...form, color: v === '' ? null : v })}
          format="hex"
          swatches={SWATCHES}
          swatchesPerRow={10}
          error={errors.color}
        />
        {message && (
          <Text size="sm" c="red">
            {message}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={create.isPending || update.isPending} data-testid="activity-type-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

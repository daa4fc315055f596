import { Button, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RecurrenceScope } from '../api/diary.ts';

/** Asks which occurrences of a recurring series a move applies to. */
export function ScopeDialog({
  opened,
  onChoose,
}: {
  opened: boolean;
  onChoose: (scope: RecurrenceScope | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={() => onChoose(null)} title={t('diary.scope.title')} size="sm" centered>
      <Stack gap="xs" data-testid="diary-scope">
        <Text size="sm" mb="xs">
          {t('diary.scope.move')}
        </Text>
        <Button data-autofocus onClick={() => onChoose('this')} data-testid="diary-scope-this">
          {t('diary.scope.this')}
        </Button>
        <Button variant="light" onClick={() => onChoose('following')} data-testid="diary-scope-following">
          {t('diary.scope.following')}
        </Button>
        <Button variant="light" onClick={() => onChoose('all')} data-testid="diary-scope-all">
          {t('diary.scope.all')}
        </Button>
        <Button variant="subtle" color="gray" onClick={() => onChoose(null)}>
          {t('diary.scope.cancel')}
        </Button>
      </Stack>
    </Modal>
  );
}

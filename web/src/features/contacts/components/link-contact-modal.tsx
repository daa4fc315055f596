import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { Contact } from '@rapport/contracts/contacts.ts';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../lib/error-text.ts';
import { useContactOptions, useSetContactCompany } from '../api/contacts.ts';
import { contactName } from './contact-table.tsx';

/** Links someone already in Rapport to a company; a person at another company moves here with their history. */
export function LinkContactModal({
  company,
  opened,
  onClose,
}: {
  company: { id: string; name: string };
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [chosen, setChosen] = useState<Contact | null>(null);
  const options = useContactOptions(debounced);
  const setCompany = useSetContactCompany();
  const hits = (options.data?.items ?? []).filter((c) => c.companyId !== company.id);

  const close = () => {
    setSearch('');
    setChosen(null);
    setCompany.reset();
    onClose();
  };

  const save = () => {
    if (!chosen) return;
    setCompany.mutate(
      { contact: chosen, companyId: company.id },
      {
        onSuccess: (c) => {
          notifications.show({
            color: 'green',
            message: t('card.contacts.linked', { name: contactName(c), company: company.name }),
          });
          close();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{t('card.contacts.linkTitle')}</Text>}>
      <Stack gap="sm" data-testid="link-contact-modal">
        <Select
          label={t('card.contacts.findPerson')}
          placeholder={t('card.contacts.searchPlaceholder')}
          searchable
          data-autofocus
          data={hits.map((c) => ({
            value: c.id,
            label: [contactName(c), c.companyName ?? c.email].filter(Boolean).join(' · '),
          }))}
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: o }) => o}
          value={chosen?.id ?? null}
          onChange={(id) => setChosen(hits.find((c) => c.id === id) ?? null)}
          nothingFoundMessage={debounced ? t('common.noResults') : undefined}
          data-testid="link-contact-pick"
        />
        {chosen?.companyId && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={16} />}>
            {t('card.contacts.moves', { name: contactName(chosen), from: chosen.companyName, to: company.name })}
          </Alert>
        )}
        {setCompany.error && <Alert color="red">{errorText(t, setCompany.error)}</Alert>}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} disabled={!chosen} loading={setCompany.isPending} data-testid="link-contact-save">
            {t('card.contacts.link')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

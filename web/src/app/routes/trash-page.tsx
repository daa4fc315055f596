import { CloseButton, Group, SegmentedControl, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { TrashTable } from '../../features/trash/components/trash-table.tsx';
import { usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import classes from './list-page.module.css';

const route = getRouteApi('/_app/trash');

export function TrashPage() {
  const { t } = useTranslation();
  const { tab = 'companies' } = route.useSearch();
  const navigate = route.useNavigate();
  const { canWrite } = usePermissions();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 250);
  useDocumentTitle(t('trash.title'));

  return (
    <div className={classes.page}>
      <PageHeader title={t('trash.title')} subtitle={t('trash.subtitle')} />
      <Group mb="sm" gap="sm" wrap="wrap">
        <SegmentedControl
          value={tab}
          onChange={(v) => void navigate({ search: { tab: v === 'contacts' ? 'contacts' : undefined }, replace: true })}
          data={[
            { value: 'companies', label: t('trash.companies') },
            { value: 'contacts', label: t('trash.contacts') },
          ]}
        />
        <TextInput
          placeholder={tab === 'companies' ? t('company.filterPlaceholder') : t('contact.filterPlaceholder')}
          aria-label={t('trash.title')}
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          rightSection={
            text ? <CloseButton size="sm" aria-label={t('common.close')} onClick={() => setText('')} /> : null
          }
          w={{ base: '100%', sm: 320 }}
        />
      </Group>
      <TrashTable key={tab} kind={tab} q={q} canRestore={canWrite} />
    </div>
  );
}

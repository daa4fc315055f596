import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { TargetsWidget } from '../../features/targets/components/targets-widget.tsx';
import { TeamTargets } from '../../features/targets/components/team-targets.tsx';
import { useMe, usePermissions } from '../../lib/session.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

/** Home: my week against my activity targets; managers and administrators also see their team's. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { canManage } = usePermissions();
  useDocumentTitle(t('targets.homeTitle'));
  const name = me.data?.user.name.split(' ')[0] ?? '';
  return (
    <Stack gap={0}>
      <PageHeader title={name ? t('targets.greeting', { name }) : t('targets.homeTitle')} titleTestId="home-title" />
      <SimpleGrid cols={{ base: 1, lg: canManage ? 2 : 1 }} spacing="md" maw={canManage ? undefined : 640}>
        <TargetsWidget />
        {canManage && <TeamTargets />}
      </SimpleGrid>
    </Stack>
  );
}

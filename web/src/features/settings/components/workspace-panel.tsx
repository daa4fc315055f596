import { Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Me } from '@rapport/contracts/workspaces.ts';
import { useTranslation } from 'react-i18next';

export function WorkspacePanel({ me }: { me: Me }) {
  const { t } = useTranslation();
  const ws = me.workspace;
  const rows: [string, string][] = [
    [t('settings.workspacePage.name'), ws?.name ?? ''],
    [t('settings.workspacePage.slug'), ws?.slug ?? ''],
    [t('settings.workspacePage.yourRole'), ws ? t(`settings.roles.${ws.role}`) : ''],
    [t('settings.workspacePage.you'), `${me.user.name} <${me.user.email}>`],
  ];
  return (
    <Paper withBorder radius="md" p="lg" maw={720}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        {rows.map(([label, value]) => (
          <Stack gap={2} key={label}>
            <Text size="xs" c="dimmed" fw={500} tt="uppercase">
              {label}
            </Text>
            <Text size="sm" data-testid={label === t('settings.workspacePage.name') ? 'workspace-name' : undefined}>
              {value}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

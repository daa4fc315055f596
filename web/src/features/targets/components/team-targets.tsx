import { Group, Paper, Progress, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { TargetMetric } from '@rapport/contracts/activity-targets.ts';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { METRICS, useTeamProgress } from '../api/targets.ts';

function Cell({ done, target }: { done: number; target: number | null }) {
  const reached = target !== null && target > 0 && done >= target;
  return (
    <Stack gap={3} miw={70}>
      <Text size="sm" ta="right" fw={reached ? 600 : 400} c={reached ? 'teal' : undefined}>
        {done}
        <Text span size="xs" c="dimmed">
          {target !== null ? ` / ${target}` : ''}
        </Text>
      </Text>
      {target !== null && (
        <Progress
          value={target ? Math.min(100, (done / target) * 100) : 0}
          size="xs"
          color={reached ? 'teal' : 'blue'}
        />
      )}
    </Stack>
  );
}

/** Managers: every active member's current week against their targets. */
export function TeamTargets() {
  const { t } = useTranslation();
  const team = useTeamProgress(true);
  if (team.error) return <ErrorState error={team.error} onRetry={() => void team.refetch()} />;
  if (!team.data) return <Skeleton height={200} radius="md" />;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="team-targets">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={3} fz="md" fw={650}>
            {t('targets.team')}
          </Title>
        </Group>
        <Text size="xs" c="dimmed">
          {t('targets.teamIntro')} {t('targets.countsHidden')}
        </Text>
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('targets.person')}</Table.Th>
                {METRICS.map((m: TargetMetric) => (
                  <Table.Th key={m} ta="right">
                    {t(`targets.metrics.${m}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {team.data.items.map((row) => (
                <Table.Tr key={row.userId} data-testid="team-targets-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {row.name}
                    </Text>
                  </Table.Td>
                  {METRICS.map((m) => (
                    <Table.Td key={m}>
                      <Cell done={row.current[m]} target={row.targets[m]} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

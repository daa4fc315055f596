import { Group, Paper, Progress, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { TargetMetric, TargetProgress, WeekRealized } from '@rapport/contracts/activity-targets.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { currentLocale } from '../../../i18n/index.ts';
import { METRICS, useProgress } from '../api/targets.ts';
import { WeekChart } from './week-chart.tsx';

function weekRange(w: WeekRealized, timeZone: string, locale: string) {
  const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone });
  const last = new Date(new Date(w.to).getTime() - 1);
  return `${f.format(new Date(w.from))} – ${f.format(last)}`;
}

export function MetricBar({ metric, done, target }: { metric: TargetMetric; done: number; target: number | null }) {
  const { t } = useTranslation();
  const pct = target ? Math.min(100, (done / target) * 100) : 0;
  const reached = target !== null && target > 0 && done >= target;
  return (
    <Stack gap={4} data-testid={`target-${metric}`}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          {t(`targets.metrics.${metric}`)}
        </Text>
        <Text size="sm" c={reached ? 'teal' : 'dimmed'} fw={reached ? 600 : 400} data-testid={`target-${metric}-text`}>
          {target !== null ? t('targets.ofTarget', { done, target }) : t('targets.noTarget', { done })}
        </Text>
      </Group>
      <Progress
        value={target !== null ? pct : 0}
        color={reached ? 'teal' : 'blue'}
        size="lg"
        radius="xl"
        aria-label={t(`targets.metrics.${metric}`)}
      />
    </Stack>
  );
}

/** Default metric of the chart: the first with a target, points otherwise. */
const firstWithTarget = (p: TargetProgress): TargetMetric => METRICS.find((m) => p.targets[m] !== null) ?? 'points';

/**
 * This week against the weekly targets (bars), and the previous weeks as a small chart. For me, or — for managers —
 * a colleague.
 */
export function TargetsWidget({ userId = null, title }: { userId?: string | null; title?: string }) {
  const { t } = useTranslation();
  const progress = useProgress(userId, 8);
  const [metric, setMetric] = useState<TargetMetric | null>(null);
  const locale = currentLocale();

  useEffect(() => {
    if (progress.data && metric === null) setMetric(firstWithTarget(progress.data));
  }, [progress.data, metric]);

  if (progress.error) return <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />;
  if (!progress.data) return <Skeleton height={360} radius="md" />;
  const p = progress.data;
  const current = p.weeks[p.weeks.length - 1] as WeekRealized;
  const chartMetric = metric ?? firstWithTarget(p);
  const hasTargets = METRICS.some((m) => p.targets[m] !== null);

  return (
    <Paper withBorder radius="md" p="lg" data-testid="targets-widget">
      <Stack gap="md">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={3} fz="md" fw={650}>
            {title ?? t('targets.myWeek')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('targets.weekLabel', { week: current.week })} · {weekRange(current, p.timeZone, locale)}
          </Text>
        </Group>
        {!hasTargets && (
          <Text size="sm" c="dimmed">
            {t('targets.noTargets')}
          </Text>
        )}
        <Stack gap="sm">
          {METRICS.map((m) => (
            <MetricBar key={m} metric={m} done={current[m]} target={p.targets[m]} />
          ))}
        </Stack>
        <Stack gap={6} mt="xs">
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {t('targets.previousWeeks', { count: p.weeks.length })}
            </Text>
            <SegmentedControl
              size="xs"
              value={chartMetric}
              onChange={(v) => setMetric(v as TargetMetric)}
              data={METRICS.map((m) => ({ value: m, label: t(`targets.metrics.${m}`) }))}
              data-testid="targets-chart-metric"
            />
          </Group>
          <WeekChart weeks={p.weeks} metric={chartMetric} target={p.targets[chartMetric]} />
        </Stack>
      </Stack>
    </Paper>
  );
}

import { Box, Group, Text } from '@mantine/core';
import type { TargetMetric, WeekRealized } from '@rapport/contracts/activity-targets.ts';
import { useTranslation } from 'react-i18next';

const W = 320;
const H = 120;
const PAD = { top: 10, right: 6, bottom: 20, left: 26 };

/**
 * Done per week as bars (the current week, the last one, in full colour) with the weekly target as a dashed line:
 * a small SVG, no chart library.
 */
export function WeekChart({
  weeks,
  metric,
  target,
}: {
  weeks: WeekRealized[];
  metric: TargetMetric;
  target: number | null;
}) {
  const { t } = useTranslation();
  const values = weeks.map((w) => w[metric]);
  const top = Math.max(1, target ?? 0, ...values);
  // An even top, so the middle grid line is a whole number too.
  const niceTop = Math.ceil(top / 2) * 2;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, weeks.length);
  const barW = Math.min(28, slot * 0.62);
  const y = (v: number) => PAD.top + innerH - (v / niceTop) * innerH;
  const label = t('targets.chartOf', { metric: t(`targets.metrics.${metric}`).toLowerCase() });

  return (
    <Box>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={label}
        data-testid="targets-chart"
        style={{ display: 'block', maxWidth: 520, margin: '0 auto' }}
      >
        <title>{label}</title>
        {[0, niceTop / 2, niceTop].map((v) => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(v)}
              y2={y(v)}
              stroke="var(--mantine-color-default-border)"
              strokeWidth={v === 0 ? 1 : 0.5}
            />
            <text x={PAD.left - 5} y={y(v) + 3} textAnchor="end" fontSize={9} fill="var(--mantine-color-dimmed)">
              {v}
            </text>
          </g>
        ))}
        {weeks.map((w, i) => {
          const v = w[metric];
          const x = PAD.left + i * slot + (slot - barW) / 2;
          const current = i === weeks.length - 1;
          const reached = target !== null && target > 0 && v >= target;
          return (
            <g key={w.weekStart}>
              <rect
                x={x}
                y={y(v)}
                width={barW}
                height={Math.max(0, PAD.top + innerH - y(v))}
                rx={3}
                fill={reached ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-blue-6)'}
                opacity={current ? 1 : 0.55}
              >
                <title>{`${t('targets.weekLabel', { week: w.week })}: ${v}`}</title>
              </rect>
              {v > 0 && (
                <text x={x + barW / 2} y={y(v) - 3} textAnchor="middle" fontSize={9} fill="var(--mantine-color-text)">
                  {v}
                </text>
              )}
              <text
                x={x + barW / 2}
                y={H - 6}
                textAnchor="middle"
                fontSize={9}
                fontWeight={current ? 700 : 400}
                fill="var(--mantine-color-dimmed)"
              >
                {w.week}
              </text>
            </g>
          );
        })}
        {target !== null && target > 0 && (
          <line
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(target)}
            y2={y(target)}
            stroke="var(--mantine-color-orange-6)"
            strokeWidth={1.5}
            strokeDasharray="5 3"
          />
        )}
      </svg>
      <Group gap="md" justify="center" mt={2}>
        <Group gap={4}>
          <Box w={10} h={10} style={{ borderRadius: 2, background: 'var(--mantine-color-blue-6)' }} />
          <Text size="xs" c="dimmed">
            {t('targets.chartLegendDone')}
          </Text>
        </Group>
        {target !== null && target > 0 && (
          <Group gap={4}>
            <Box w={14} h={0} style={{ borderTop: '2px dashed var(--mantine-color-orange-6)' }} />
            <Text size="xs" c="dimmed">
              {t('targets.chartLegendTarget')}
            </Text>
          </Group>
        )}
      </Group>
    </Box>
  );
}

import { Anchor, Box, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBuildingSkyscraper, IconSubtask } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { useCompanyGroup } from '../api/relations.ts';

const INDENT = 22;

/**
 * The group (konsern) a company belongs to: its top parent company and every subsidiary below it,
 * indented by level, the company of the card highlighted. Companies the reader may not see are left
 * out with everything below them, so the tree never hints at them.
 */
export function GroupTree({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const group = useCompanyGroup(companyId);

  return (
    <Stack gap={6} data-testid="group-tree">
      <Group gap={6}>
        <IconSubtask size={18} />
        <Title order={5}>{t('relations.groupTitle')}</Title>
      </Group>
      {group.isPending ? (
        <Skeleton height={60} />
      ) : group.error ? (
        <ErrorState error={group.error} onRetry={() => void group.refetch()} />
      ) : group.data.nodes.length <= 1 ? (
        <Text size="sm" c="dimmed" data-testid="group-tree-alone">
          {t('relations.notInGroup')}
        </Text>
      ) : (
        <Stack gap={2} role="tree">
          {group.data.nodes.map((n) => (
            <Box
              key={n.id}
              role="treeitem"
              aria-level={n.depth + 1}
              aria-current={n.current ? 'true' : undefined}
              data-testid="group-node"
              data-depth={n.depth}
              data-current={n.current || undefined}
              py={4}
              pr="xs"
              style={{
                paddingLeft: 8 + n.depth * INDENT,
                borderRadius: 'var(--mantine-radius-sm)',
                background: n.current ? 'var(--mantine-primary-color-light)' : undefined,
                borderLeft: n.current ? '3px solid var(--mantine-primary-color-filled)' : '3px solid transparent',
              }}
            >
              <Group gap={8} wrap="nowrap">
                <Text c={n.depth === 0 ? 'dark' : 'dimmed'} style={{ display: 'flex' }}>
                  {n.depth === 0 ? (
                    <IconBuildingSkyscraper size={16} />
                  ) : (
                    <Text span size="sm">
                      └
                    </Text>
                  )}
                </Text>
                {n.current ? (
                  <Text size="sm" fw={700} truncate>
                    {n.name}
                  </Text>
                ) : (
                  <Anchor
                    renderRoot={(props) => <Link {...props} to="/companies/$id" params={{ id: n.id }} />}
                    size="sm"
                    fw={500}
                    truncate
                  >
                    {n.name}
                  </Anchor>
                )}
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {[
                    `#${n.customerNumber}`,
                    n.city,
                    t('relations.contacts', { count: n.contactCount }),
                    n.current ? t('relations.thisCompany') : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Group>
            </Box>
          ))}
          {group.data.truncated && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('relations.truncated')}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}

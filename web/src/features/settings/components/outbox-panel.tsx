import { Badge, Box, Grid, Paper, ScrollArea, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/error-state.tsx';
import { useFormat } from '../../../lib/format.ts';
import { type OutboxMail, useOutbox } from '../api/settings.ts';

function Status({ mail }: { mail: OutboxMail }) {
  const { t } = useTranslation();
  if (mail.error)
    return (
      <Badge size="xs" color="red" variant="light">
        {t('settings.outboxPage.failed')}
      </Badge>
    );
  if (mail.sentAt)
    return (
      <Badge size="xs" color="green" variant="light">
        {t('settings.outboxPage.sent')}
      </Badge>
    );
  return (
    <Badge size="xs" color="gray" variant="light">
      {t('settings.outboxPage.kept')}
    </Badge>
  );
}

/** Links in mail bodies are the point of the outbox (invitations, password resets), so they are clickable. */
function Body({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} component="div">
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed text
          <a key={i} href={p}>
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </Text>
  );
}

export function OutboxPanel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const outbox = useOutbox();
  const [selectedId, setSelectedId] = useState<string | null>(null);

  if (outbox.isPending) return <Skeleton height={200} />;
  if (outbox.error) return <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />;
  const mails = outbox.data.items;
  if (mails.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('settings.outboxPage.empty')}
      </Text>
    );
  const selected = mails.find((m) => m.id === selectedId) ?? mails[0]!;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('settings.outboxPage.intro')}
      </Text>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder radius="md">
            <ScrollArea.Autosize mah={520}>
              {mails.map((m) => (
                <UnstyledButton
                  key={m.id}
                  onClick={() => setSelectedId(m.id)}
                  w="100%"
                  px="sm"
                  py={8}
                  data-testid="outbox-row"
                  bg={m.id === selected.id ? 'var(--mantine-primary-color-light)' : undefined}
                  style={{ borderBottom: '1px solid var(--mantine-color-default-border)', display: 'block' }}
                >
                  <Text size="sm" fw={500} truncate>
                    {m.subject}
                  </Text>
                  <Box style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                    <Text size="xs" c="dimmed" truncate style={{ flex: 1 }}>
                      {m.to}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {fmt.dateTime(m.createdAt)}
                    </Text>
                    <Status mail={m} />
                  </Box>
                </UnstyledButton>
              ))}
            </ScrollArea.Autosize>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder radius="md" p="md" data-testid="outbox-mail">
            <Stack gap={4} mb="sm">
              <Text fw={600}>{selected.subject}</Text>
              <Text size="xs" c="dimmed">
                {t('settings.outboxPage.to')}: {selected.to} · {fmt.dateTime(selected.createdAt)}
              </Text>
              {selected.error && (
                <Text size="xs" c="red">
                  {selected.error}
                </Text>
              )}
            </Stack>
            <Body text={selected.text} />
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

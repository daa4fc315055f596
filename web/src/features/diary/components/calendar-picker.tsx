import { Badge, Button, Checkbox, Divider, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconChevronDown, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Option = { value: string; label: string };

function Section({
  title,
  options,
  value,
  onChange,
  testId,
}: {
  title: string;
  options: Option[];
  value: string[];
  onChange: (ids: string[]) => void;
  testId: string;
}) {
  if (options.length === 0) return null;
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={6}>
        {title}
      </Text>
      <ScrollArea.Autosize mah={240} type="auto">
        <Stack gap={6} data-testid={testId}>
          {options.map((o) => (
            <Checkbox
              key={o.value}
              size="sm"
              label={o.label}
              checked={value.includes(o.value)}
              onChange={(e) =>
                onChange(e.currentTarget.checked ? [...value, o.value] : value.filter((id) => id !== o.value))
              }
            />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </div>
  );
}

/** Whose diaries and which rooms to show: one calendar is the ordinary diary, several sit side by side. */
export function CalendarPicker({
  colleagues,
  userIds,
  resources,
  resourceIds,
  onUsers,
  onResources,
}: {
  colleagues: Option[];
  userIds: string[];
  resources: Option[];
  resourceIds: string[];
  onUsers: (ids: string[]) => void;
  onResources: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const count = userIds.length + resourceIds.length;
  const match = (o: Option) => o.label.toLowerCase().includes(q.trim().toLowerCase());
  return (
    <Popover position="bottom-end" shadow="md" width={300} onClose={() => setQ('')}>
      <Popover.Target>
        <Button
          variant="default"
          leftSection={<IconUsersGroup size={16} />}
          rightSection={
            <>
              {count > 1 && (
                <Badge size="sm" circle mr={4} data-testid="diary-calendar-count">
                  {count}
                </Badge>
              )}
              <IconChevronDown size={14} />
            </>
          }
          data-testid="diary-calendars"
        >
          {t('diary.calendars')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          {colleagues.length + resources.length > 8 && (
            <TextInput
              size="xs"
              leftSection={<IconSearch size={14} />}
              placeholder={t('diary.findCalendar')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              data-autofocus
            />
          )}
          <Section
            title={t('diary.colleagues')}
            options={colleagues.filter(match)}
            value={userIds}
            onChange={onUsers}
            testId="diary-colleagues"
          />
          {resources.length > 0 && <Divider />}
          <Section
            title={t('diary.resources')}
            options={resources.filter(match)}
            value={resourceIds}
            onChange={onResources}
            testId="diary-resources"
          />
          <Text size="xs" c="dimmed">
            {t('diary.calendarsHint')}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

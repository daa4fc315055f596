import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The text filter of a list: what is typed shows at once and reaches the list (`onSearch`, usually the URL)
 * 250 ms after the last key; the cross clears it at once. It follows `value` when the list changes it
 * (a saved view, the back button).
 */
export function ListSearchBox({
  value,
  onSearch,
  label,
  testId,
  style,
  w,
}: {
  value: string;
  onSearch: (q: string) => void;
  label: string;
  testId: string;
  style?: CSSProperties;
  w?: number;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const push = useDebouncedCallback(onSearch, 250);
  return (
    <TextInput
      placeholder={label}
      aria-label={label}
      leftSection={<IconSearch size={16} />}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label={t('common.close')}
            onClick={() => {
              setText('');
              onSearch('');
            }}
          />
        ) : null
      }
      style={style}
      w={w}
      data-testid={testId}
    />
  );
}

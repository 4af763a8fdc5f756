import { Badge, Box, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../web/components/Loading';
import { SearchInput } from '../../../web/components/SearchInput';
import type { SupporterSummary } from '../contract';
import { supporterSearchQuery } from './fundraising.queries';

/** Number, name with 様 / 御中, reading, city and email: enough to tell two supporters apart. */
export function SupporterLine({ supporter }: { supporter: SupporterSummary }) {
  const { t } = useTranslation();
  const place = [supporter.prefecture, supporter.city].filter((s) => s !== '').join(' ');
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
      <Stack gap={0}>
        <Text fw={700}>{supporter.displayName}</Text>
        {supporter.reading !== '' && (
          <Text size="sm" lang="ja">
            {supporter.reading}
          </Text>
        )}
      </Stack>
      <Stack gap={0} align="flex-end">
        <Text size="sm" ff="monospace">
          {supporter.supporterNumber}
        </Text>
        {place !== '' && <Text size="sm">{place}</Text>}
        {supporter.email && <Text size="sm">{supporter.email}</Text>}
        {supporter.noContact && (
          <Badge color="red.9" variant="filled" autoContrast>
            {t('ui.fundraising.supporter.noContactBadge')}
          </Badge>
        )}
      </Stack>
    </Group>
  );
}

interface Props {
  label: string;
  onSelect: (supporter: SupporterSummary) => void;
  /** Leave these out of the results (the supporter itself, when picking a duplicate to merge). */
  excludeIds?: readonly string[];
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}

/**
 * Search supporters as you type (200 ms after the last committed keystroke, never while an IME is
 * composing). The results are a listbox: ↑/↓ move, Enter chooses, a click chooses.
 */
export function SupporterSearch({ label, onSelect, excludeIds = [], inputRef, autoFocus }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 200);
  const [active, setActive] = useState(0);
  const results = useQuery(supporterSearchQuery(debounced));
  const open = debounced.trim() !== '';
  const items = open ? (results.data?.supporters ?? []).filter((s) => !excludeIds.includes(s.id)) : [];
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));
  const optionId = (index: number) => `${listId}-option-${index}`;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter that confirms an IME conversion is not a choice of result.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(Math.min(activeIndex + 1, items.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(activeIndex - 1, 0));
    } else if (event.key === 'Enter') {
      const supporter = items[activeIndex];
      if (supporter) {
        event.preventDefault();
        onSelect(supporter);
      }
    }
  }

  return (
    <Stack gap="xs">
      <SearchInput
        label={label}
        description={t('ui.fundraising.search.hint')}
        inputRef={inputRef}
        autoFocus={autoFocus}
        size="md"
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={items.length > 0 ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? optionId(activeIndex) : undefined}
        rightSection={results.isFetching ? <Loading size="xs" /> : undefined}
        onKeyDown={onKeyDown}
        onSearch={(value) => {
          setText(value);
          setActive(0);
        }}
      />
      {items.length > 0 && (
        <Box component="ul" role="listbox" id={listId} aria-label={t('ui.fundraising.search.results')} m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((supporter, index) => (
            <Box
              component="li"
              key={supporter.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              onMouseEnter={() => setActive(index)}
              onClick={() => onSelect(supporter)}
              p="sm"
              style={{
                cursor: 'pointer',
                borderRadius: 6,
                border: '1px solid var(--mantine-color-gray-4)',
                marginBottom: 6,
                background: index === activeIndex ? 'var(--mantine-color-indigo-0)' : undefined,
                outline: index === activeIndex ? '2px solid var(--mantine-color-indigo-8)' : undefined,
              }}
            >
              <SupporterLine supporter={supporter} />
            </Box>
          ))}
        </Box>
      )}
      {open && results.isSuccess && !results.isPlaceholderData && (
        <Text role="status" size="sm">
          {items.length === 0 ? t('ui.fundraising.search.noResults') : t('ui.fundraising.search.count', { count: results.data.total })}
        </Text>
      )}
    </Stack>
  );
}

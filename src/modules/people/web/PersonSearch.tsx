import { Box, Group, Stack, Text } from '@mantine/core';
import { Loading } from '../../../web/components/Loading';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonNames } from '../../../web/components/PersonNames';
import { SearchInput } from '../../../web/components/SearchInput';
import type { PersonSummary } from '../contract';
import { peopleSearchQuery } from './people.queries';
import { PersonFacts } from './PersonFacts';

interface Props {
  label: string;
  onSelect: (person: PersonSummary) => void;
  /** The committed search text (after IME composition), e.g. to prefill a registration. */
  onTextChange?: (text: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}

/**
 * Search people as you type (200 ms after the last committed keystroke, never mid-IME-composition).
 * The results are a listbox: ↑/↓ move, Enter opens, a click opens.
 */
export function PersonSearch({ label, onSelect, onTextChange, inputRef, autoFocus }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 200);
  const [active, setActive] = useState(0);
  const results = useQuery(peopleSearchQuery(debounced));
  const items = debounced.trim() === '' ? [] : (results.data?.items ?? []);
  const open = debounced.trim() !== '';
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));

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
      const person = items[activeIndex];
      if (person) {
        event.preventDefault();
        onSelect(person);
      }
    }
  }

  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <Stack gap="xs">
      <SearchInput
        label={label}
        description={t('ui.search.hint')}
        inputRef={inputRef}
        autoFocus={autoFocus}
        size="md"
        role="combobox"
        aria-expanded={open && items.length > 0}
        aria-controls={items.length > 0 ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? optionId(activeIndex) : undefined}
        rightSection={results.isFetching ? <Loading size="xs" /> : undefined}
        onKeyDown={onKeyDown}
        onSearch={(value) => {
          setText(value);
          setActive(0);
          onTextChange?.(value);
        }}
      />
      {items.length > 0 && (
      <Box component="ul" role="listbox" id={listId} aria-label={t('ui.search.results')} m={0} p={0} style={{ listStyle: 'none' }}>
        {items.map((person, index) => (
          <Box
            component="li"
            key={person.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            onMouseEnter={() => setActive(index)}
            onClick={() => onSelect(person)}
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
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <PersonNames person={person} />
                <PersonFacts person={person} />
              </Group>
          </Box>
        ))}
      </Box>
      )}
      {open && results.isSuccess && items.length === 0 && !results.isPlaceholderData && (
        <Text role="status">{t('ui.search.noResults')}</Text>
      )}
    </Stack>
  );
}

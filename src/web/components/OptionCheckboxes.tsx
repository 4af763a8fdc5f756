import { Checkbox, Group, type CheckboxGroupProps } from '@mantine/core';

interface Props extends Omit<CheckboxGroupProps, 'children'> {
  options: readonly string[];
  /** The label of one option, in the UI language. */
  labelOf: (option: string) => string;
}

/** A labelled group of checkboxes, one per value of a contract's enum (topics, priority reasons). */
export function OptionCheckboxes({ options, labelOf, ...group }: Props) {
  return (
    <Checkbox.Group {...group}>
      <Group mt={6}>
        {options.map((option) => (
          <Checkbox key={option} value={option} label={labelOf(option)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

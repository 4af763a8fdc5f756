import { TextInput, type TextInputProps } from '@mantine/core';
import { useRef, useState, type ChangeEvent, type CompositionEvent, type Ref } from 'react';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'onCompositionStart' | 'onCompositionEnd'> & {
  /** Called with the text only when it is final: never while a Japanese IME is composing. */
  onSearch: (text: string) => void;
  initialValue?: string;
  inputRef?: Ref<HTMLInputElement>;
};

/**
 * A search box that respects IME composition: while kana are being composed into kanji, the
 * half-typed text is shown but not searched; the value after compositionend is.
 */
export function SearchInput({ onSearch, initialValue = '', inputRef, ...props }: Props) {
  const [text, setText] = useState(initialValue);
  const composing = useRef(false);

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    setText(event.currentTarget.value);
    // Chrome fires input events during composition (and one just before compositionend); Safari after it.
    if (!composing.current) onSearch(event.currentTarget.value);
  }

  function handleCompositionEnd(event: CompositionEvent<HTMLInputElement>) {
    composing.current = false;
    setText(event.currentTarget.value);
    onSearch(event.currentTarget.value);
  }

  return (
    <TextInput
      {...props}
      ref={inputRef}
      type="search"
      autoComplete="off"
      value={text}
      onChange={handleChange}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={handleCompositionEnd}
    />
  );
}

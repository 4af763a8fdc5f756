import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value in a details grid: the label in bold, the value below (any content, even block elements). */
export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={700}>
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

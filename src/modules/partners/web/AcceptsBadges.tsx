import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../contract';
import { acceptsLabels } from './partners.labels';

/** "保険なしで受診可", "在留資格なしで受診可": in words, not by colour alone. */
export function AcceptsBadges({ partner }: { partner: Pick<Partner, 'kind' | 'acceptsUninsured' | 'acceptsNoStatus'> }) {
  const { t } = useTranslation();
  const labels = acceptsLabels(t, partner);
  if (labels.length === 0) return null;
  return (
    <Group gap={4}>
      {labels.map((label) => (
        <Badge key={label} color="teal.9" variant="filled" autoContrast>
          {label}
        </Badge>
      ))}
    </Group>
  );
}

import { Loader, VisuallyHidden, type LoaderProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A spinner that screen readers announce as "loading". */
export function Loading({ size }: { size?: LoaderProps['size'] }) {
  const { t } = useTranslation();
  return (
    <span role="status">
      <Loader size={size} />
      <VisuallyHidden>{t('ui.common.loading')}</VisuallyHidden>
    </span>
  );
}

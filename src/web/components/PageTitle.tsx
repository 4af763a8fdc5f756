import { Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The one h1 of a page; also names the browser tab. */
export function PageTitle({ children, text }: { children?: ReactNode; text: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${text} · ${t('ui.app.name')}`;
  }, [text, t]);
  return (
    <Title order={1} size="h2" mb="md">
      {children ?? text}
    </Title>
  );
}

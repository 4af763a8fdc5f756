import { Button, Group, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface Props {
  submitLabel: string;
  loading: boolean;
  /** Where "Cancel" goes (a link), or what it does; no cancel button without either. */
  cancelTo?: string;
  onCancel?: () => void;
  size?: ButtonProps['size'];
}

/** A form's submit button and its cancel button, the same on every form. */
export function FormActions({ submitLabel, loading, cancelTo, onCancel, size }: Props) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button type="submit" size={size} loading={loading}>
        {submitLabel}
      </Button>
      {cancelTo !== undefined && (
        <Button variant="default" component={Link} to={cancelTo}>
          {t('ui.common.cancel')}
        </Button>
      )}
      {cancelTo === undefined && onCancel && (
        <Button variant="default" onClick={onCancel}>
          {t('ui.common.cancel')}
        </Button>
      )}
    </Group>
  );
}

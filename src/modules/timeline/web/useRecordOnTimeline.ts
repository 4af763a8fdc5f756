import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { showApiError, showSaved, type FormErrors } from '../../../web/forms';
import { timelineQuery } from './timeline.queries';

/**
 * Saving something that lands on a person's timeline (a consultation, aid): on success the
 * timeline is refreshed, "saved" is shown and the person's page opens; server field errors go
 * under the form's fields.
 */
export function useRecordOnTimeline<V>(personId: string, save: (values: V) => Promise<unknown>, setErrors: (errors: FormErrors) => void) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  return useMutation({
    mutationFn: save,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: timelineQuery(personId).queryKey });
      showSaved(t);
      void navigate(`/people/${personId}`);
    },
    onError: (error) => showApiError(error, t, setErrors),
  });
}

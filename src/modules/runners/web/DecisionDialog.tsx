import { Alert, Anchor, Button, CopyButton, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormActions } from '../../../web/components/FormActions';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showApiError } from '../../../web/forms';
import { numberOrUndefined } from '../../fundraising/web/fundraising.forms';
import { yen } from '../../fundraising/web/fundraising.labels';
import type { Decision, DecisionResult, MessageTemplate, RunnerApplication } from '../contract';
import { decisionLabel } from './runners.labels';
import { needsReason } from './runners.options';
import { decide, eventsKey, messageTemplateQuery } from './runners.queries';

interface Values {
  message: string;
  reason: string;
  goalYen: number | string;
}

/** The name an application is known by: family name first, as on the form. */
export const applicantName = (a: Pick<RunnerApplication, 'familyName' | 'givenName'>) => [a.familyName, a.givenName].filter((s) => s !== '').join(' ');

/** The message (subject and body) with a copy button, for staff to give by hand when it was not emailed. */
function MessageToCopy({ subject, body }: { subject: string; body: string }) {
  const { t } = useTranslation();
  const text = subject === '' ? body : `${subject}\n\n${body}`;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={700}>
        {subject}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {body}
      </Text>
      <Group>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button size="xs" variant="outline" onClick={copy}>
              {copied ? t('ui.common.copied') : t('ui.runners.decisionDialog.copyMessage')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

function Outcome({ result, subject, message, onClose }: { result: DecisionResult; subject: string; message: string; onClose: () => void }) {
  const { t } = useTranslation();
  const runner = result.runner;
  return (
    <Stack>
      {result.emailed ? (
        <Alert color="teal" role="status" title={t('ui.runners.decisionDialog.doneTitle')}>
          {t('ui.runners.decisionDialog.emailed', { email: result.application.email })}
        </Alert>
      ) : (
        <Alert color="yellow" role="status" title={t('ui.runners.decisionDialog.doneTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('ui.runners.decisionDialog.notEmailed')}</Text>
            {message !== '' && <MessageToCopy subject={subject} body={message} />}
          </Stack>
        </Alert>
      )}
      {runner && (
        <Stack gap={4}>
          <Text>
            {result.matchedExistingSupporter
              ? t('ui.runners.decisionDialog.matchedSupporter', { number: runner.supporterNumber })
              : t('ui.runners.decisionDialog.newSupporter', { number: runner.supporterNumber })}
          </Text>
          <Anchor component={Link} to={`/runners/runners/${runner.id}`}>
            {t('ui.runners.decisionDialog.openRunner', { name: runner.name })}
          </Anchor>
        </Stack>
      )}
      <Group>
        <Button variant="default" onClick={onClose}>
          {t('ui.runners.decisionDialog.back')}
        </Button>
      </Group>
    </Stack>
  );
}

function DecisionForm({ application, decision, template, minimumYen, onDone, onCancel }: {
  application: RunnerApplication;
  decision: Decision;
  template: MessageTemplate;
  minimumYen: number;
  onDone: (result: DecisionResult, message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { message: template.body, reason: '', goalYen: minimumYen },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (needsReason(decision) && v.reason.trim() === '') errors.reason = t('validation.required');
      if (decision === 'select') {
        const goal = numberOrUndefined(v.goalYen);
        if (goal === undefined) errors.goalYen = t('validation.required');
        else if (goal < minimumYen) errors.goalYen = t('ui.runners.decisionDialog.goalBelowMinimum', { minimum: yen(minimumYen) });
      }
      return errors;
    },
  });
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      decide(application.id, {
        decision,
        version: application.version,
        reason: v.reason,
        message: v.message,
        ...(decision === 'select' ? { goalYen: numberOrUndefined(v.goalYen) } : {}),
      }),
    onSuccess: (result, v) => {
      void client.invalidateQueries({ queryKey: eventsKey });
      onDone(result, v.message);
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <Text size="sm">
          {t('ui.runners.decisionDialog.subject')}: {template.subject}
        </Text>
        <Textarea
          label={t('ui.runners.decisionDialog.message')}
          description={t('ui.runners.decisionDialog.messageHint', { language: application.language === 'ja' ? t('ui.runners.language.ja') : t('ui.runners.language.en') })}
          lang={application.language}
          autosize
          minRows={6}
          maxRows={16}
          {...form.getInputProps('message')}
        />
        <Textarea
          label={t('ui.runners.decisionDialog.reason')}
          description={needsReason(decision) ? t('ui.runners.decisionDialog.reasonRequired') : t('ui.runners.decisionDialog.reasonOptional')}
          withAsterisk={needsReason(decision)}
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        {decision === 'select' && (
          <NumberInput
            label={t('ui.runners.decisionDialog.goal')}
            description={t('ui.runners.decisionDialog.goalHint', { minimum: yen(minimumYen) })}
            min={minimumYen}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            prefix="¥"
            {...form.getInputProps('goalYen')}
          />
        )}
        <FormActions submitLabel={decisionLabel(t, decision)} loading={mutation.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/**
 * One decision on an application: the message for it in the applicant's language (editable), the
 * reason (needed to decline or waitlist), the goal of a selected runner; then whether it was emailed.
 */
export function DecisionDialog({ application, decision, minimumYen, onClose }: {
  application: RunnerApplication | null;
  decision: Decision | null;
  minimumYen: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const opened = application !== null && decision !== null;
  const template = useQuery({
    ...messageTemplateQuery(application?.id ?? '', decision ?? 'shortlist', application?.language ?? 'ja'),
    enabled: opened,
  });
  const [outcome, setOutcome] = useState<{ result: DecisionResult; message: string } | null>(null);
  const close = () => {
    setOutcome(null);
    onClose();
  };
  const title = application && decision ? t('ui.runners.decisionDialog.title', { decision: decisionLabel(t, decision), name: applicantName(application) }) : '';
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
      {outcome && template.data ? (
        <Outcome result={outcome.result} subject={template.data.subject} message={outcome.message} onClose={close} />
      ) : application && decision && template.data ? (
        <DecisionForm
          key={`${application.id}-${decision}`}
          application={application}
          decision={decision}
          template={template.data}
          minimumYen={minimumYen}
          onDone={(result, message) => setOutcome({ result, message })}
          onCancel={close}
        />
      ) : (
        <QueryStatus query={template} />
      )}
    </Modal>
  );
}

import { Alert, Button, Code, CopyButton, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../i18n/index';
import { LanguageSwitch } from '../../../web/components/LanguageSwitch';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { formatDateTime } from '../../../web/format';
import { currentLanguage, setLanguage } from '../../../web/i18n';
import { CreateTokenInput } from '../contract';
import { createToken, meKey, revokeToken, saveMyLanguage, tokensQuery, type CreatedTokenResult } from './staff.queries';
import { TableHeader } from '../../../web/components/TableHeader';

function LanguageSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (language: Language) => saveMyLanguage(language),
    onSuccess: async (me) => {
      await setLanguage(me.language);
      client.setQueryData(meKey, me);
      showSaved(t);
    },
    onError: (error) => showApiError(error, t),
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('ui.settings.language')}
      </Title>
      <LanguageSwitch disabled={mutation.isPending} onChange={(language) => mutation.mutate(language)} />
    </Paper>
  );
}

function TokensSection() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const tokens = useQuery(tokensQuery);
  const [created, setCreated] = useState<CreatedTokenResult | null>(null);
  const form = useForm({ mode: 'controlled', initialValues: { name: '' }, validate: zodValidate(CreateTokenInput, (v: { name: string }) => v, t) });
  const create = useMutation({
    mutationFn: (name: string) => createToken(name),
    onSuccess: (token) => {
      setCreated(token);
      form.reset();
      void client.invalidateQueries({ queryKey: tokensQuery.queryKey });
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeToken(id),
    onSuccess: () => void client.invalidateQueries({ queryKey: tokensQuery.queryKey }),
    onError: (error) => showApiError(error, t),
  });

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('ui.settings.tokens')}
      </Title>
      <Stack>
        <Text>{t('ui.settings.tokensHelp')}</Text>
        <form noValidate onSubmit={form.onSubmit((v) => create.mutate(v.name))}>
          <Group align="flex-end">
            <TextInput label={t('ui.settings.tokenName')} {...form.getInputProps('name')} w={300} />
            <Button type="submit" loading={create.isPending}>
              {t('ui.settings.createToken')}
            </Button>
          </Group>
        </form>
        {created && (
          <Alert color="teal" title={t('ui.settings.tokenCreated')} role="status" withCloseButton closeButtonLabel={t('ui.common.close')} onClose={() => setCreated(null)}>
            <Text mb="xs">{t('ui.settings.tokenOnce')}</Text>
            <Group>
              <Code data-testid="created-token" style={{ wordBreak: 'break-all' }}>
                {created.token}
              </Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="outline" onClick={copy}>
                    {copied ? t('ui.common.copied') : t('ui.common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        <QueryStatus query={tokens} />
        {tokens.data && tokens.data.items.length > 0 && (
          <Table striped aria-label={t('ui.settings.tokens')}>
            <TableHeader labels={[t('ui.settings.tokenName'), t('ui.settings.prefix'), t('ui.settings.createdAt'), t('ui.settings.lastUsedAt'), t('fields.status')]} />
            <Table.Tbody>
              {tokens.data.items.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>{token.name}</Table.Td>
                  <Table.Td style={{ fontFamily: 'monospace' }}>{token.prefix}</Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt, language)}</Table.Td>
                  <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, language) : '—'}</Table.Td>
                  <Table.Td>
                    {token.revokedAt ? (
                      t('ui.settings.revoked')
                    ) : (
                      <Button size="xs" variant="outline" color="red.9" disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)} aria-label={`${t('ui.settings.revoke')}: ${token.name}`}>
                        {t('ui.settings.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={900}>
      <PageTitle text={t('ui.settings.title')} />
      <LanguageSection />
      <TokensSection />
    </Stack>
  );
}

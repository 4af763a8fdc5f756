import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Language } from '../../../i18n/index';
import { ApiError } from '../../../web/api';
import { LanguageSwitch } from '../../../web/components/LanguageSwitch';
import { PageTitle } from '../../../web/components/PageTitle';
import { setLanguage } from '../../../web/i18n';
import { LoginInput, type Me } from '../contract';
import { zodValidate } from '../../../web/forms';
import { login, meKey, saveMyLanguage } from './staff.queries';

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // A language picked here is the staff member's explicit choice: it is saved on their account after login.
  const [chosenLanguage, setChosenLanguage] = useState<Language | null>(null);
  const [error, setError] = useState<string | null>(null);

  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: zodValidate(LoginInput, (v: { email: string; password: string }) => v, t),
  });

  const mutation = useMutation({
    mutationFn: async (values: { email: string; password: string }): Promise<Me> => {
      const me = await login(values);
      if (chosenLanguage && chosenLanguage !== me.language) {
        return saveMyLanguage(chosenLanguage).catch(() => me);
      }
      return me;
    },
    onSuccess: (me) => {
      client.setQueryData(meKey, me);
      void navigate(next, { replace: true });
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : t('ui.common.networkError')),
  });

  const existing = client.getQueryData<Me | null>(meKey);
  if (existing) return <Navigate to={next} replace />;

  return (
    <Box component="main" mih="100vh" bg="gray.0">
      <Center mih="100vh" p="md">
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
          <Group justify="space-between" mb="md" align="flex-start">
            <Text fw={700} size="lg">
              {t('ui.app.name')}
            </Text>
            <LanguageSwitch
              onChange={(language) => {
                setChosenLanguage(language);
                void setLanguage(language);
              }}
            />
          </Group>
          <PageTitle text={t('ui.login.title')} />
          <form
            noValidate
            onSubmit={form.onSubmit((values) => {
              setError(null);
              mutation.mutate(values);
            })}
          >
            <Stack>
              {error && (
                <Alert color="red" role="alert" title={t('ui.login.failed')}>
                  {error}
                </Alert>
              )}
              <TextInput
                label={t('ui.login.email')}
                type="email"
                autoComplete="username"
                autoFocus
                {...form.getInputProps('email')}
              />
              <PasswordInput label={t('ui.login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
              <Button type="submit" loading={mutation.isPending}>
                {t('ui.login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}

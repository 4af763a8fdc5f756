import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../../../web/auth';
import { PageTitle } from '../../../../web/components/PageTitle';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { formatDateTime } from '../../../../web/format';
import { showApiError, showSaved } from '../../../../web/forms';
import { currentLanguage } from '../../../../web/i18n';
import { tokyoDate } from '../../../../shared/time';
import { MAX_REPORT_YEAR, MIN_REPORT_YEAR, YearKind, yearOf, type Register } from '../contract';
import { count, day, yearLabel, yen } from './reports.labels';
import { markRegisterPrepared, registerKey, registerQuery, reportUrl } from './reports.queries';
import { Downloads, Pager, ReportTable, Section, YearPicker } from './ReportParts';

const PAGE = 100;

function initialYear(value: string | null, kind: YearKind, today: string): number {
  const n = Number(value);
  // The default is the last finished year: the register that is due.
  return Number.isInteger(n) && n >= MIN_REPORT_YEAR && n <= MAX_REPORT_YEAR && value !== null ? n : yearOf(kind, today) - 1;
}

function address(row: Register['items'][number]): string {
  const postal = row.postalCode ? `〒${row.postalCode.replace(/^(\d{3})(\d{4})$/, '$1-$2')} ` : '';
  return `${postal}${row.prefecture}${row.city}${row.line1}${row.line2 ? ` ${row.line2}` : ''}`.trim();
}

function Prepared({ register }: { register: Register }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const canWrite = useCan('fundraising.write');
  const mark = useMutation({
    mutationFn: () => markRegisterPrepared({ yearKind: register.yearKind, year: register.year }),
    onSuccess: async () => {
      showSaved(t, t('ui.fundraisingReports.web.register.markedSaved'));
      await queryClient.invalidateQueries({ queryKey: registerKey });
    },
    onError: (error) => showApiError(error, t),
  });
  const p = register.prepared;
  return (
    <Stack gap="xs">
      {p ? (
        <Alert color="teal" variant="light" title={t('ui.fundraisingReports.web.register.preparedTitle')}>
          {t('ui.fundraisingReports.web.register.preparedBody', {
            at: formatDateTime(p.preparedAt, language),
            by: p.preparedByName ?? t('ui.fundraisingReports.web.register.someone'),
            gifts: count(p.giftCount, language),
            yen: yen(p.totalYen, language),
          })}
        </Alert>
      ) : (
        <Text>{t('ui.fundraisingReports.web.register.notPrepared', { deadline: day(register.deadline, language) })}</Text>
      )}
      {canWrite && (
        <Group>
          <Button onClick={() => mark.mutate()} loading={mark.isPending}>
            {p ? t('ui.fundraisingReports.web.register.markAgain') : t('ui.fundraisingReports.web.register.mark')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('ui.fundraisingReports.web.register.markHint')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

/**
 * The donor register 寄附者名簿 of a year (every gift from a supporter on file, with the supporter's
 * address), a page at a time, its Excel and CSV files, and "mark as prepared" for those who may write.
 */
export function DonorRegisterPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [search] = useSearchParams();
  const today = tokyoDate();
  const [yearKind, setYearKind] = useState<YearKind>(() => YearKind.safeParse(search.get('yearKind')).data ?? 'fiscal');
  const [year, setYear] = useState(() => initialYear(search.get('year'), yearKind, today));
  const [page, setPage] = useState({ key: '', offset: 0 });
  const key = `${yearKind}-${year}`;
  const offset = page.key === key ? page.offset : 0;
  const register = useQuery({ ...registerQuery({ yearKind, year, limit: PAGE, offset }), placeholderData: keepPreviousData });
  const data = register.data;
  const title = t('ui.fundraisingReports.web.register.title');
  const files = { yearKind, year };

  return (
    <Stack>
      <PageTitle text={title} />
      <Text>{t('ui.fundraisingReports.web.register.intro')}</Text>
      <Anchor component={Link} to="/fundraising/reports">
        {t('ui.fundraisingReports.web.register.back')}
      </Anchor>
      <Group justify="space-between" align="end" wrap="wrap">
        <YearPicker kind={yearKind} year={year} onKind={setYearKind} onYear={setYear} />
        <Downloads what={title} csv={reportUrl('register', files, 'csv')} xlsx={reportUrl('register', files, 'xlsx')} />
      </Group>
      <QueryStatus query={register} />
      {data && (
        <>
          <Text fw={700}>
            {t('ui.fundraisingReports.web.register.summary', {
              year: yearLabel(t, data.yearKind, data.year),
              from: day(data.from, language),
              to: day(data.to, language),
              gifts: count(data.total, language),
              yen: yen(data.totalYen, language),
              deadline: day(data.deadline, language),
            })}
          </Text>
          {data.withoutSupporter.gifts > 0 && (
            <Text size="sm" c="dimmed">
              {t('ui.fundraisingReports.web.register.withoutSupporter', { gifts: count(data.withoutSupporter.gifts, language), yen: yen(data.withoutSupporter.yen, language) })}
            </Text>
          )}
          <Prepared register={data} />
          <Section title={t('ui.fundraisingReports.web.register.table')}>
            <ReportTable
              label={t('ui.fundraisingReports.web.register.table')}
              minWidth={900}
              headers={[
                t('ui.fundraisingReports.web.columns.receivedOn'),
                t('ui.fundraisingReports.web.columns.name'),
                t('ui.fundraisingReports.web.columns.kana'),
                t('ui.fundraisingReports.web.columns.supporterNumber'),
                t('ui.fundraisingReports.web.columns.address'),
                t('ui.fundraisingReports.web.columns.amount'),
              ]}
              rows={data.items.map((r) => ({
                key: r.giftId,
                cells: [
                  day(r.receivedOn, language),
                  <Anchor key="name" component={Link} to={`/fundraising/supporters/${r.supporterId}`}>
                    {r.name || r.kana || r.supporterNumber}
                  </Anchor>,
                  <span key="kana" lang="ja">
                    {r.kana}
                  </span>,
                  r.supporterNumber,
                  address(r) || t('ui.fundraisingReports.web.register.noAddress'),
                  yen(r.amountYen, language),
                ],
              }))}
            />
            <Pager offset={data.offset} limit={data.limit} total={data.total} onOffset={(next) => setPage({ key, offset: next })} />
          </Section>
        </>
      )}
    </Stack>
  );
}

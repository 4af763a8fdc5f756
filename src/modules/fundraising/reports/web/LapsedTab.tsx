import { Anchor, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { currentLanguage } from '../../../../web/i18n';
import type { LapsedKind, YearKind } from '../contract';
import { count, day, yearLabel, yen } from './reports.labels';
import { lapsedQuery, reportUrl, type LapsedParams } from './reports.queries';
import { Downloads, Pager, ReportTable, Section } from './ReportParts';

const PAGE = 50;
type Order = 'amount' | 'kana';

/**
 * LYBUNT (gave last year, not this year) or SYBUNT (gave before last year, neither last year nor
 * this year), largest givers first or in kana order, a page at a time, each name opening the supporter.
 */
export function LapsedTab({ kind, yearKind, year }: { kind: LapsedKind; yearKind: YearKind; year: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [order, setOrder] = useState<Order>('amount');
  const [page, setPage] = useState({ key: '', offset: 0 });
  // A new year or order starts on the first page again.
  const key = `${yearKind}-${year}-${order}`;
  const offset = page.key === key ? page.offset : 0;
  const params: LapsedParams = order === 'kana' ? { yearKind, year, sort: 'kana', order: 'asc' } : { yearKind, year };
  const list = useQuery({ ...lapsedQuery(kind, { ...params, limit: PAGE, offset }), placeholderData: keepPreviousData });
  const title = t(`ui.fundraisingReports.web.lapsed.${kind}.title`);
  const data = list.data;
  const files = { ...params };

  return (
    <Stack>
      <Section title={title} hint={t(`ui.fundraisingReports.web.lapsed.${kind}.hint`)}>
        <Group justify="space-between" wrap="wrap">
          <SegmentedControl
            aria-label={t('ui.fundraisingReports.web.lapsed.sort')}
            value={order}
            onChange={(v) => setOrder(v === 'kana' ? 'kana' : 'amount')}
            data={[
              { value: 'amount', label: t('ui.fundraisingReports.web.lapsed.byAmount') },
              { value: 'kana', label: t('ui.fundraisingReports.web.lapsed.byKana') },
            ]}
          />
          <Downloads what={title} csv={reportUrl(kind, files, 'csv')} xlsx={reportUrl(kind, files, 'xlsx')} />
        </Group>
        <QueryStatus query={list} />
        {data && (
          <>
            <Text fw={700}>
              {t(`ui.fundraisingReports.web.lapsed.${kind}.summary`, {
                n: count(data.total, language),
                yen: yen(data.totalYen, language),
                year: yearLabel(t, data.yearKind, data.year),
                lastYear: yearLabel(t, data.yearKind, data.year - 1),
              })}
            </Text>
            <ReportTable
              label={title}
              minWidth={900}
              headers={[
                t('ui.fundraisingReports.web.columns.name'),
                t('ui.fundraisingReports.web.columns.supporterNumber'),
                t('ui.fundraisingReports.web.columns.kana'),
                t('ui.fundraisingReports.web.columns.lastGiftOn'),
                t('ui.fundraisingReports.web.columns.lastGift'),
                t('ui.fundraisingReports.web.columns.lastYear'),
                t('ui.fundraisingReports.web.columns.lifetime'),
              ]}
              rows={data.items.map((d) => ({
                key: d.supporterId,
                cells: [
                  <Anchor key="name" component={Link} to={`/fundraising/supporters/${d.supporterId}`}>
                    {d.name || d.kana || d.supporterNumber}
                  </Anchor>,
                  d.supporterNumber,
                  <span key="kana" lang="ja">
                    {d.kana}
                  </span>,
                  day(d.lastGiftOn, language),
                  yen(d.lastGiftYen, language),
                  yen(d.lastYearYen, language),
                  yen(d.lifetimeYen, language),
                ],
              }))}
            />
            <Pager offset={data.offset} limit={data.limit} total={data.total} onOffset={(next) => setPage({ key, offset: next })} />
          </>
        )}
      </Section>
    </Stack>
  );
}

import { Anchor, Group, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../../../web/components/PageTitle';
import { tokyoDate } from '../../../../shared/time';
import { yearOf, yearRange, type YearKind } from '../contract';
import { BreakdownsTab } from './BreakdownsTab';
import { LapsedTab } from './LapsedTab';
import { RecurringTab } from './RecurringTab';
import { day, yearLabel } from './reports.labels';
import { currentLanguage } from '../../../../web/i18n';
import { RetentionTab } from './RetentionTab';
import { YearPicker } from './ReportParts';

const tabs = ['lybunt', 'sybunt', 'retention', 'recurring', 'breakdowns'] as const;
type Tab = (typeof tabs)[number];
const isTab = (value: string | null): value is Tab => (tabs as readonly (string | null)[]).includes(value);

/**
 * The fundraising reports of a fiscal (April–March, the default) or calendar year: LYBUNT and
 * SYBUNT lists, retention, recurring giving and the year's breakdowns, each with its CSV and Excel file.
 */
export function FundraisingReportsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const today = tokyoDate();
  const [yearKind, setYearKind] = useState<YearKind>('fiscal');
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  // Until a year is chosen, the year today falls in (of whichever kind is chosen).
  const year = chosenYear ?? yearOf(yearKind, today);
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'lybunt';
  const range = yearRange(yearKind, year);

  return (
    <Stack>
      <PageTitle text={t('ui.fundraisingReports.web.reports.title')} />
      <Text>{t('ui.fundraisingReports.web.reports.intro')}</Text>
      <Group justify="space-between" align="end" wrap="wrap">
        <YearPicker kind={yearKind} year={year} onKind={setYearKind} onYear={setChosenYear} />
        <Anchor component={Link} to="/fundraising/reports/register">
          {t('ui.fundraisingReports.web.register.open')}
        </Anchor>
      </Group>
      <Text fw={700}>{t('ui.fundraisingReports.web.reports.period', { year: yearLabel(t, yearKind, year), from: day(range.from, language), to: day(range.to, language) })}</Text>
      <Tabs value={tab} onChange={(value) => setParams(value && value !== 'lybunt' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`ui.fundraisingReports.web.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="lybunt" pt="md">
          <LapsedTab kind="lybunt" yearKind={yearKind} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="sybunt" pt="md">
          <LapsedTab kind="sybunt" yearKind={yearKind} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="retention" pt="md">
          <RetentionTab yearKind={yearKind} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="recurring" pt="md">
          <RecurringTab yearKind={yearKind} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="breakdowns" pt="md">
          <BreakdownsTab yearKind={yearKind} year={year} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

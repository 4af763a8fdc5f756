import { Anchor, Badge, Box, Button, Checkbox, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../../web/auth';
import { Loading } from '../../../web/components/Loading';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { SearchInput } from '../../../web/components/SearchInput';
import { TableHeader } from '../../../web/components/TableHeader';
import { useSlashFocus } from '../../../web/components/useSlashFocus';
import { currentLanguage } from '../../../web/i18n';
import { useLanguageOptions } from '../../../web/options';
import type { Partner, PartnerKind } from '../contract';
import { AcceptsBadges } from './AcceptsBadges';
import { clearButton, costLabel, kindLabel, kindOptions, languageNames, partnerArea, partnerKinds, partnerNames, telHref } from './partners.labels';
import { exportCsvUrl, filterParams, partnersQuery, type PartnerFilters } from './partners.queries';
import { prefectures } from './prefectures';

const PAGE = 100;
const MAX_LIMIT = 500;

/** The filters written in the address (so "back" from a partner finds the same list). */
function filtersOf(params: URLSearchParams): PartnerFilters {
  const known = new Set<string>(partnerKinds);
  return {
    q: params.get('q') ?? '',
    kinds: params.getAll('kind').filter((k): k is PartnerKind => known.has(k)),
    language: params.get('language') ?? '',
    acceptsUninsured: params.get('acceptsUninsured') === 'true',
    acceptsNoStatus: params.get('acceptsNoStatus') === 'true',
    prefecture: params.get('prefecture') ?? '',
    city: params.get('city') ?? '',
    includeArchived: params.get('includeArchived') === 'true',
  };
}

function PartnerRow({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const names = partnerNames(partner, language);
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={400}>
        <Stack gap={0}>
          <Anchor component={Link} to={`/partners/${partner.id}`} fw={700}>
            {names.primary}
          </Anchor>
          {names.secondary !== '' && <Text size="sm">{names.secondary}</Text>}
          {partner.archivedAt !== null && (
            <Badge color="gray.7" variant="filled" autoContrast mt={4}>
              {t('ui.partners.archived')}
            </Badge>
          )}
        </Stack>
      </Table.Th>
      <Table.Td>{kindLabel(t, partner.kind)}</Table.Td>
      <Table.Td>{partnerArea(partner) || '—'}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {partner.phone === '' ? '—' : <Anchor href={telHref(partner.phone)}>{partner.phone}</Anchor>}
      </Table.Td>
      <Table.Td>{partner.nearestStation || '—'}</Table.Td>
      <Table.Td>{partner.languages.length === 0 ? '—' : languageNames(partner.languages, language)}</Table.Td>
      <Table.Td>
        <Text size="sm">{costLabel(t, partner.cost)}</Text>
        {partner.costNotes !== '' && (
          <Text size="sm" lineClamp={2}>
            {partner.costNotes}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <AcceptsBadges partner={partner} />
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * /partners: the directory of the organisations the office refers people to. Search as you type
 * (name in either language or kana, city, station), filter by kind, language, area and whether
 * they see people without insurance or without status; managers add, import and export.
 */
export function PartnersPage() {
  const { t } = useTranslation();
  const canManage = useCan('partners.manage');
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<PartnerFilters>(() => filtersOf(params));
  const [limit, setLimit] = useState(PAGE);
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);
  const languageOptions = useLanguageOptions();
  const kinds = useMemo(() => kindOptions(t), [t]);

  // Typed text is asked for 200 ms after the last committed keystroke; a choice in a list at once.
  const [q] = useDebouncedValue(filters.q, 200);
  const [city] = useDebouncedValue(filters.city, 200);
  const asked: PartnerFilters = { ...filters, q, city };
  const askedText = filterParams(asked).toString();
  const list = useQuery(partnersQuery(asked, limit));

  useEffect(() => {
    setParams(new URLSearchParams(askedText), { replace: true });
  }, [askedText, setParams]);

  const change = (patch: Partial<PartnerFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setLimit(PAGE);
  };

  const partners = list.data?.partners ?? [];
  const total = list.data?.total ?? 0;

  return (
    <Stack maw={1400}>
      <PageTitle text={t('ui.partners.directory.title')} />
      <Group>
        {canManage && (
          <>
            <Button component={Link} to="/partners/new">
              {t('ui.partners.directory.add')}
            </Button>
            <Button component={Link} to="/partners/import" variant="default">
              {t('ui.partners.directory.import')}
            </Button>
          </>
        )}
        <Button component="a" href={exportCsvUrl(asked)} download variant="default">
          {t('ui.partners.directory.export')}
        </Button>
      </Group>
      <Paper withBorder p="md" component="section" aria-label={t('ui.partners.directory.filtersLabel')}>
        <Stack>
          <SearchInput
            label={t('ui.partners.directory.search')}
            description={t('ui.partners.directory.searchHint')}
            inputRef={searchRef}
            autoFocus
            size="md"
            initialValue={filters.q}
            rightSection={list.isFetching ? <Loading size="xs" /> : undefined}
            onSearch={(text) => change({ q: text })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <MultiSelect
              label={t('ui.partners.directory.kind')}
              placeholder={filters.kinds.length === 0 ? t('ui.partners.directory.anyKind') : undefined}
              data={kinds}
              value={filters.kinds}
              onChange={(values) => change({ kinds: values as PartnerKind[] })}
              searchable
              clearable
              hidePickedOptions
              clearButtonProps={clearButton(t('ui.partners.directory.clearKinds'))}
            />
            <Select
              label={t('ui.partners.directory.language')}
              placeholder={t('ui.partners.directory.anyLanguage')}
              data={languageOptions}
              value={filters.language === '' ? null : filters.language}
              onChange={(value) => change({ language: value ?? '' })}
              searchable
              clearable
              nothingFoundMessage={t('ui.partners.directory.noLanguage')}
              clearButtonProps={clearButton(t('ui.partners.directory.clearLanguage'))}
            />
            <Select
              label={t('ui.partners.directory.prefecture')}
              placeholder={t('ui.partners.directory.anyPrefecture')}
              data={[...prefectures]}
              value={filters.prefecture === '' ? null : filters.prefecture}
              onChange={(value) => change({ prefecture: value ?? '' })}
              searchable
              clearable
              clearButtonProps={clearButton(t('ui.partners.directory.clearPrefecture'))}
            />
            <SearchInput
              label={t('ui.partners.directory.city')}
              description={t('ui.partners.directory.cityHint')}
              initialValue={filters.city}
              onSearch={(text) => change({ city: text })}
            />
          </SimpleGrid>
          <Group>
            <Checkbox
              label={t('ui.partners.directory.acceptsUninsured')}
              checked={filters.acceptsUninsured}
              onChange={(e) => change({ acceptsUninsured: e.currentTarget.checked })}
            />
            <Checkbox
              label={t('ui.partners.directory.acceptsNoStatus')}
              checked={filters.acceptsNoStatus}
              onChange={(e) => change({ acceptsNoStatus: e.currentTarget.checked })}
            />
            <Checkbox
              label={t('ui.partners.directory.includeArchived')}
              checked={filters.includeArchived}
              onChange={(e) => change({ includeArchived: e.currentTarget.checked })}
            />
          </Group>
        </Stack>
      </Paper>
      {list.isPending || list.isError ? (
        <QueryStatus query={list} />
      ) : (
        <Paper withBorder p="md" component="section" aria-labelledby="partners-results-title">
          <Stack>
            <Text id="partners-results-title" fw={700} role="status">
              {total === 0 ? t('ui.partners.directory.none') : t('ui.partners.directory.count', { count: total })}
            </Text>
            {partners.length > 0 && (
              <Box role="region" aria-label={t('ui.partners.directory.tableLabel')} tabIndex={0} style={{ overflowX: 'auto' }}>
                <Table striped verticalSpacing="sm" miw={1000} aria-label={t('ui.partners.directory.tableLabel')}>
                  <TableHeader
                    labels={[
                      t('ui.partners.field.name'), t('ui.partners.field.kind'), t('ui.partners.field.area'), t('ui.partners.field.phone'),
                      t('ui.partners.field.nearestStation'), t('ui.partners.field.languages'), t('ui.partners.field.cost'), t('ui.partners.field.accepts'),
                    ]}
                  />
                  <Table.Tbody>
                    {partners.map((partner) => (
                      <PartnerRow key={partner.id} partner={partner} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Box>
            )}
            {total > partners.length && (
              <Group>
                {limit < MAX_LIMIT ? (
                  <Button variant="default" loading={list.isFetching} onClick={() => setLimit((l) => Math.min(l + PAGE, MAX_LIMIT))}>
                    {t('ui.partners.directory.more', { shown: partners.length, total })}
                  </Button>
                ) : (
                  <Text size="sm">{t('ui.partners.directory.narrow', { shown: partners.length, total })}</Text>
                )}
              </Group>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

import { Badge, Button, Group, Modal, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../web/auth';
import { FormActions } from '../../../web/components/FormActions';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { formatYen, localName } from '../../../web/format';
import { showApiError, showSaved } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { tokyoDate } from '../../../shared/time';
import { YearMonth, type BudgetLine, type BudgetMonth } from '../contract';
import { BudgetLineForm } from './BudgetLineForm';
import { budgetLinesQuery, budgetMonthQuery, budgetsKey, setMonthAmount, spendingQuery, updateBudgetLine } from './budgets.queries';

/** The month eleven months before `month`: the spending table shows a year ending with the chosen month. */
function yearBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - 11;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function MonthTable({ data }: { data: BudgetMonth }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const yen = (n: number) => formatYen(n, language);
  if (data.lines.length === 0 && data.unassignedSpentYen === 0) return <Text c="dimmed">{t('ui.budgets.noLines')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t('ui.budgets.title')}>
        <TableHeader labels={[t('ui.budgets.line'), t('ui.budgets.budget'), t('ui.budgets.spent'), t('ui.budgets.remaining'), t('ui.budgets.status')]} />
        <Table.Tbody>
          {data.lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>
                {localName(line, language)}
                {!line.isActive && (
                  <Badge ml="xs" color="gray.7" variant="filled" autoContrast>
                    {t('ui.budgets.retired')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {yen(line.budgetYen)}
                {line.isOverride && (
                  <Text span size="xs" c="dimmed" ml={4}>
                    ({t('ui.budgets.overridden')})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{yen(line.spentYen)}</Table.Td>
              <Table.Td c={line.isOverspent ? 'red.9' : undefined}>{yen(line.remainingYen)}</Table.Td>
              <Table.Td>
                {line.isOverspent ? (
                  <Badge color="red.9" variant="filled" autoContrast>
                    {t('ui.budgets.overspent')}
                  </Badge>
                ) : (
                  <Text span size="sm">
                    {t('ui.budgets.withinBudget')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>{t('ui.budgets.unassigned')}</Table.Td>
            <Table.Td>—</Table.Td>
            <Table.Td>{yen(data.unassignedSpentYen)}</Table.Td>
            <Table.Td>—</Table.Td>
            <Table.Td />
          </Table.Tr>
          <Table.Tr fw={700}>
            <Table.Td>{t('ui.budgets.total')}</Table.Td>
            <Table.Td>{yen(data.totalBudgetYen)}</Table.Td>
            <Table.Td>{yen(data.totalSpentYen)}</Table.Td>
            <Table.Td>{yen(data.totalBudgetYen - data.totalSpentYen)}</Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function YearTable({ month }: { month: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const spending = useQuery(spendingQuery(yearBefore(month), month));
  const data = spending.data;
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('ui.budgets.yearTitle')}
      </Title>
      <QueryStatus query={spending} />
      {data && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('ui.budgets.yearTitle')}>
            <TableHeader labels={[t('ui.budgets.line'), ...data.months, t('ui.budgets.total')]} />
            <Table.Tbody>
              {data.lines.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td>{localName(line, language)}</Table.Td>
                  {line.months.map((m) => (
                    <Table.Td key={m.month} c={m.spentYen > m.budgetYen ? 'red.9' : undefined}>
                      {formatYen(m.spentYen, language)}
                    </Table.Td>
                  ))}
                  <Table.Td>{formatYen(line.totalSpentYen, language)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td>{t('ui.budgets.unassigned')}</Table.Td>
                {data.unassigned.map((m) => (
                  <Table.Td key={m.month}>{formatYen(m.spentYen, language)}</Table.Td>
                ))}
                <Table.Td>{formatYen(data.unassigned.reduce((s, m) => s + m.spentYen, 0), language)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function MonthAmountForm({ line, month, current, onDone }: { line: BudgetLine; month: string; current: number | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [amount, setAmount] = useState<number | string>(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => setMonthAmount(line.id, month, { amountYen: amount === '' ? null : Number(amount) }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: budgetsKey });
      showSaved(t);
      onDone();
    },
    onError: (e) => showApiError(e, t, (errors) => setError(errors.amountYen ?? null)),
  });
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); mutation.mutate(); }}>
      <Stack>
        <NumberInput
          label={t('ui.budgets.monthAmount', { month })}
          description={t('ui.budgets.monthAmountHint')}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=","
          value={amount}
          onChange={setAmount}
          error={error}
        />
        <FormActions submitLabel={t('ui.common.save')} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

/** Budget lines for those who manage them: add, rename, change amounts, set one month, retire. */
function LinesManager({ month, data }: { month: string; data: BudgetMonth | undefined }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const language = currentLanguage();
  const lines = useQuery(budgetLinesQuery(true));
  const [editing, setEditing] = useState<BudgetLine | null>(null);
  const [monthOf, setMonthOf] = useState<BudgetLine | null>(null);
  const toggle = useMutation({
    mutationFn: (line: BudgetLine) => updateBudgetLine(line.id, { isActive: !line.isActive }),
    onSuccess: () => void client.invalidateQueries({ queryKey: budgetsKey }),
    onError: (error) => showApiError(error, t),
  });
  const override = (id: string) => {
    const row = data?.lines.find((l) => l.id === id);
    return row?.isOverride ? row.budgetYen : null;
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('ui.budgets.manageTitle')}
        </Title>
        <QueryStatus query={lines} />
        {(lines.data?.items.length ?? 0) > 0 && (
          <Table.ScrollContainer minWidth={700}>
            <Table striped aria-label={t('ui.budgets.manageTitle')}>
              <TableHeader labels={[t('fields.nameJa'), t('fields.nameEn'), t('fields.monthlyAmountYen'), t('ui.budgets.status'), t('ui.budgets.actions')]} />
              <Table.Tbody>
                {lines.data?.items.map((line) => (
                  <Table.Tr key={line.id}>
                    <Table.Td lang="ja">{line.nameJa}</Table.Td>
                    <Table.Td lang="en">{line.nameEn}</Table.Td>
                    <Table.Td>{formatYen(line.monthlyAmountYen, language)}</Table.Td>
                    <Table.Td>{line.isActive ? t('ui.budgets.active') : t('ui.budgets.retired')}</Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <Button size="xs" variant="default" onClick={() => setEditing(line)} aria-label={t('ui.budgets.editLabel', { name: localName(line, language) })}>
                          {t('ui.budgets.edit')}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setMonthOf(line)} aria-label={t('ui.budgets.monthAmountLabel', { month, name: localName(line, language) })}>
                          {t('ui.budgets.setMonthAmount')}
                        </Button>
                        <Button size="xs" variant="outline" disabled={toggle.isPending} onClick={() => toggle.mutate(line)}>
                          {line.isActive ? t('ui.budgets.retire') : t('ui.budgets.reactivate')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Title order={3} size="h4">
          {t('ui.budgets.addTitle')}
        </Title>
        <BudgetLineForm onDone={() => undefined} />
      </Stack>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('ui.budgets.editTitle')} size="lg">
        {editing && <BudgetLineForm key={editing.id} line={editing} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal opened={monthOf !== null} onClose={() => setMonthOf(null)} title={monthOf ? localName(monthOf, language) : ''}>
        {monthOf && <MonthAmountForm key={`${monthOf.id}${month}`} line={monthOf} month={month} current={override(monthOf.id)} onDone={() => setMonthOf(null)} />}
      </Modal>
    </Paper>
  );
}

/** Budgets: each line's budget, spending and remainder for a month (overspent in red), the year, and line management. */
export function BudgetsPage() {
  const { t } = useTranslation();
  const canManage = useCan('budgets.manage');
  const [input, setInput] = useState(tokyoDate().slice(0, 7));
  // Browsers without a month picker give free text: only a real YYYY-MM is asked for.
  const month = YearMonth.safeParse(input).success ? input : tokyoDate().slice(0, 7);
  const current = useQuery(budgetMonthQuery(month));
  return (
    <Stack>
      <PageTitle text={t('ui.budgets.title')} />
      <Group align="end">
        <TextInput type="month" label={t('ui.budgets.month')} value={input} onChange={(e) => setInput(e.currentTarget.value)} w={200} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('ui.budgets.spendingHint')}
      </Text>
      <QueryStatus query={current} />
      {current.data && <MonthTable data={current.data} />}
      <YearTable month={month} />
      {canManage && <LinesManager month={month} data={current.data} />}
    </Stack>
  );
}

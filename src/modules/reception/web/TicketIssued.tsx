import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Visit } from '../contract';

/** The number to tell the person (or write on their slip), shown big. */
export function TicketIssued({ visit, onAnother }: { visit: Visit; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xl" role="status">
      <Stack align="center">
        <Title order={2} size="h3">
          {t('ui.checkIn.ticketTitle')}
        </Title>
        <Text fz={96} fw={800} lh={1} data-testid="ticket-number">
          {visit.ticketNumber}
        </Text>
        <Text>{t('ui.checkIn.ticketHint')}</Text>
        <Group>
          <Button component={Link} to="/queue" size="md" autoFocus>
            {t('ui.checkIn.backToQueue')}
          </Button>
          <Button variant="default" onClick={onAnother}>
            {t('ui.checkIn.another')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

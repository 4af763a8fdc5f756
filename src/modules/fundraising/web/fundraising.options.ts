import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { GiftMethod } from '../contract';
import { campaignName, methodLabel } from './fundraising.labels';
import { campaignsQuery, fundsQuery } from './fundraising.queries';

/** The funds a new gift may go to (retired ones left out), named in the UI language. */
export function useFundOptions() {
  const language = currentLanguage();
  const funds = useQuery(fundsQuery);
  return (funds.data?.funds ?? [])
    .filter((f) => f.retiredAt === null)
    .map((f) => ({ value: f.id, label: localName({ nameJa: f.labelJa, nameEn: f.labelEn }, language) }));
}

/** The current campaigns, named in the UI language. */
export function useCampaignOptions() {
  const language = currentLanguage();
  const campaigns = useQuery(campaignsQuery(false));
  return (campaigns.data?.campaigns ?? []).map((c) => ({ value: c.id, label: `${campaignName(c, language)} (${c.code})` }));
}

/** Every payment method, in the contract's order. */
export function useMethodOptions() {
  const { t } = useTranslation();
  return GiftMethod.options.map((m) => ({ value: m, label: methodLabel(t, m) }));
}

import i18next, { type TFunction } from 'i18next';
import Negotiator from 'negotiator';
import { defaultLanguage, languages, resources, type Language } from '../../i18n';

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: defaultLanguage,
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** The server's translator for one language: error messages and field names sent to a person. */
export function translatorFor(language: Language): TFunction {
  return instance.getFixedT(language);
}

/** Picks ja or en from an Accept-Language header; Japanese when neither is asked for. */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return defaultLanguage;
  const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...languages]);
  return best === 'en' || best === 'ja' ? best : defaultLanguage;
}

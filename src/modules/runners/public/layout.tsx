import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TFunction } from 'i18next';

// The public giving pages are rendered on the server as plain HTML with one small stylesheet and no
// script: fast on a phone, readable without JavaScript, and nothing a visitor types is ever HTML
// (React escapes every text; server/text/plain-text.ts strips tags before anything is stored).

export type Lang = 'ja' | 'en';

export interface PageMeta {
  lang: Lang;
  t: TFunction;
  title: string;
  description: string;
  /** The page's own path (without the language), for the language switch and og:url. */
  path: string;
  /** Absolute origin for Open Graph (TOBIRA_PUBLIC_URL or the request's). */
  origin: string;
  image?: string | null;
  /** Pages that must not be indexed or shared (edit forms, thank-you pages). */
  noindex?: boolean;
  /** Who the gifts go to, in the header (the organisation's name). */
  organisationName?: string;
}

export const STYLESHEET = '/give/assets/give.css';

const withLang = (path: string, lang: Lang) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/** A whole public page: head with Open Graph tags, a header with the language switch, the content. */
export function Page({ meta, children }: { meta: PageMeta; children: ReactNode }) {
  const { lang, t } = meta;
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  const url = `${meta.origin}${withLang(meta.path, lang)}`;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex && <meta name="robots" content="noindex, nofollow" />}
        <meta property="og:type" content="website" />
        {meta.organisationName && <meta property="og:site_name" content={meta.organisationName} />}
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={url} />
        <meta property="og:locale" content={lang === 'ja' ? 'ja_JP' : 'en_GB'} />
        {meta.image && <meta property="og:image" content={`${meta.origin}${meta.image}`} />}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <link rel="canonical" href={url} />
        <link rel="alternate" hrefLang={other} href={`${meta.origin}${withLang(meta.path, other)}`} />
        <link rel="stylesheet" href={STYLESHEET} />
      </head>
      <body>
        <a className="skip" href="#main">{t('give.skip')}</a>
        <header className="top">
          <span className="brand">{meta.organisationName || t('give.brand')}</span>
          <a className="lang" href={withLang(meta.path, other)} hrefLang={other} lang={other}>
            {other === 'ja' ? '日本語' : 'English'}
          </a>
        </header>
        <main id="main">{children}</main>
        <footer className="foot">
          <p>{t('give.footer')}</p>
        </footer>
      </body>
    </html>
  );
}

/** HTML of a page element, with its doctype. */
export function renderHtml(element: ReactNode): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}

/** The progress toward a goal: a native <progress> (a progress bar to assistive technology) and the figures in words. */
export function Thermometer({ t, lang, raised, goal, percent, supporters }: { t: TFunction; lang: Lang; raised: string; goal: string; percent: number; supporters: number }) {
  const label = t('give.thermometer.label', { raised, goal, percent });
  return (
    <section className="thermo" aria-label={t('give.thermometer.title')}>
      <p className="raised">
        <strong>{raised}</strong> <span>{t('give.thermometer.ofGoal', { goal })}</span>
      </p>
      <progress max={100} value={Math.min(100, percent)} aria-label={label}>{`${percent}%`}</progress>
      <p className="meta">
        <span>{t('give.thermometer.percent', { percent })}</span>
        <span>{t('give.thermometer.supporters', { count: supporters, n: supporters.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB') })}</span>
      </p>
    </section>
  );
}

/** A field's error, tied to the field by id (aria-describedby). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? <p className="error" id={`${id}-error`}>{message}</p> : null;
}

export const describedBy = (id: string, message: string | undefined) => (message ? { 'aria-describedby': `${id}-error`, 'aria-invalid': true as const } : {});

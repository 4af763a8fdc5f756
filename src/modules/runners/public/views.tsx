import type { TFunction } from 'i18next';
import { formatDate, formatYen } from '../../fundraising/letters/server/letter-text';
import { impactSentences } from '../../fundraising/reports/impact-sentences';
import type { PublicCampaignPage, PublicEventPage, PublicRunnerPage, PublicWallEntry } from '../contract';
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD } from '../../../server/http/form-guard';
import { FieldError, Page, Thermometer, describedBy, type Lang, type PageMeta } from './layout';

/** What every view is given: the language, the translator, and where the page is reached from. */
export interface ViewContext {
  lang: Lang;
  t: TFunction;
  origin: string;
}

type Values = Record<string, string | undefined>;
type Errors = Record<string, string>;

const meta = (v: ViewContext, m: Omit<PageMeta, 'lang' | 't' | 'origin'>): PageMeta => ({ ...m, lang: v.lang, t: v.t, origin: v.origin });
const name = (v: ViewContext, ja: string, en: string) => (v.lang === 'ja' ? ja : en || ja);

/** The bot check every public form carries: a hidden, signed time token and a field people never see. */
function Guard({ token, t }: { token: string; t: TFunction }) {
  return (
    <>
      <input type="hidden" name={FORM_TOKEN_FIELD} value={token} />
      <div className="hp" aria-hidden="true">
        <label htmlFor={HONEYPOT_FIELD}>{t('give.form.honeypot')}</label>
        <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
    </>
  );
}

function Field(p: { id: string; label: string; values: Values; errors: Errors; type?: string; required?: boolean; hint?: string; autoComplete?: string; multiline?: boolean; maxLength?: number; inputMode?: 'numeric' | 'email' | 'tel' }) {
  const error = p.errors[p.id];
  const common = { id: p.id, name: p.id, required: p.required, maxLength: p.maxLength, autoComplete: p.autoComplete, ...describedBy(p.id, error), ...(p.hint && !error && { 'aria-describedby': `${p.id}-hint` }) };
  return (
    <div className="field">
      <label htmlFor={p.id}>
        {p.label}
        {p.required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      {p.hint && <p className="hint" id={`${p.id}-hint`}>{p.hint}</p>}
      {p.multiline ? <textarea {...common} rows={5} defaultValue={p.values[p.id] ?? ''} />
        : <input {...common} type={p.type ?? 'text'} inputMode={p.inputMode} defaultValue={p.values[p.id] ?? ''} />}
      <FieldError id={p.id} message={error} />
    </div>
  );
}

function ErrorSummary({ errors, t }: { errors: Errors; t: TFunction }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="alert" role="alert">
      <p>{t('give.form.fix')}</p>
      <ul>{entries.map(([id, m]) => <li key={id}><a href={`#${id}`}>{m}</a></li>)}</ul>
    </div>
  );
}

function Wall({ v, entries }: { v: ViewContext; entries: PublicWallEntry[] }) {
  const { t, lang } = v;
  return (
    <section className="wall" aria-labelledby="wall-title">
      <h2 id="wall-title">{t('give.wall.title')}</h2>
      {entries.length === 0 ? <p className="muted">{t('give.wall.empty')}</p> : (
        <ul>
          {entries.map((e, i) => (
            <li key={i}>
              <p className="who">
                <strong>{e.name ?? t('give.wall.anonymous')}</strong>
                {e.amountYen !== null && <span className="amount">{formatYen(e.amountYen, lang)}</span>}
              </p>
              {e.message && <p className="msg">{e.message}</p>}
              <p className="when">{formatDate(e.date, lang)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Paragraphs of a text as typed (line breaks kept, nothing interpreted). */
function Paragraphs({ text }: { text: string }) {
  return <>{text.split(/\n{2,}/).map((p, i) => <p key={i} className="story">{p}</p>)}</>;
}

// --- Pages -------------------------------------------------------------------------------------

export function RunnerView({ v, page }: { v: ViewContext; page: PublicRunnerPage }) {
  const { t, lang } = v;
  const event = name(v, page.eventNameJa, page.eventNameEn);
  const path = `/give/${page.eventCode}/${page.slug}`;
  const th = page.thermometer;
  return (
    <Page meta={meta(v, { title: t('give.runner.title', { name: page.displayName, event }), description: t('give.runner.description', { name: page.displayName, event, goal: formatYen(th.goalYen, lang) }), path, image: page.photoPath, organisationName: page.organisationName })}>
      <article className="card">
        {page.photoPath && (
          <img className="photo" src={page.photoPath} alt={t('give.runner.photoAlt', { name: page.displayName })} width={page.photoWidth ?? undefined} height={page.photoHeight ?? undefined} fetchPriority="high" decoding="async" />
        )}
        <p className="eyebrow"><a href={`/give/${page.eventCode}?lang=${lang}`}>{event}</a> · {t('give.raceOn', { date: formatDate(page.raceOn, lang) })}</p>
        <h1>{t('give.runner.heading', { name: page.displayName })}</h1>
        <Thermometer t={t} lang={lang} raised={formatYen(th.raisedYen, lang)} goal={formatYen(th.goalYen, lang)} percent={th.percent} supporters={th.supporters} />
        <p><a className="button" href={`${path}/give?lang=${lang}`}>{t('give.runner.give', { name: page.displayName })}</a></p>
        <Paragraphs text={page.story} />
      </article>
      <Wall v={v} entries={page.wall} />
    </Page>
  );
}

export function EventView({ v, page }: { v: ViewContext; page: PublicEventPage }) {
  const { t, lang } = v;
  const title = name(v, page.nameJa, page.nameEn);
  return (
    <Page meta={meta(v, { title, description: t('give.event.description', { event: title, raised: formatYen(page.raisedYen, lang) }), path: `/give/${page.code}`, organisationName: page.organisationName })}>
      <article className="card">
        <p className="eyebrow">{t('give.raceOn', { date: formatDate(page.raceOn, lang) })}</p>
        <h1>{title}</h1>
        <Paragraphs text={name(v, page.introJa, page.introEn)} />
        <p className="raised"><strong>{formatYen(page.raisedYen, lang)}</strong> <span>{t('give.event.raised')}</span></p>
        {page.applicationsOpen && (
          <p><a className="button" href={`/give/${page.code}/apply?lang=${lang}`}>{t('give.event.apply', { date: formatDate(page.applicationsCloseOn, lang) })}</a></p>
        )}
      </article>
      <section aria-labelledby="runners-title">
        <h2 id="runners-title">{t('give.event.runners')}</h2>
        {page.runners.length === 0 ? <p className="muted">{t('give.event.noRunners')}</p> : (
          <ul className="runners">
            {page.runners.map((r) => (
              <li key={r.slug}>
                <a href={`/give/${page.code}/${r.slug}?lang=${lang}`}>{r.displayName}</a>
                <progress max={100} value={Math.min(100, r.percent)} aria-label={t('give.thermometer.label', { raised: formatYen(r.raisedYen, lang), goal: formatYen(r.goalYen, lang), percent: r.percent })} />
                <span className="meta">{t('give.thermometer.label', { raised: formatYen(r.raisedYen, lang), goal: formatYen(r.goalYen, lang), percent: r.percent })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

export function CampaignView({ v, page }: { v: ViewContext; page: PublicCampaignPage }) {
  const { t, lang } = v;
  const title = name(v, page.titleJa, page.titleEn);
  const th = page.thermometer;
  const sentences = page.figuresPeriod && page.figuresFrom && page.figuresTo
    ? impactSentences(t, lang, { from: page.figuresFrom, to: page.figuresTo, period: page.figuresPeriod, minimumCell: 0, figures: page.figures }) : [];
  return (
    <Page meta={meta(v, { title, description: t('give.campaign.description', { title, raised: formatYen(th.raisedYen, lang) }), path: `/appeal/${page.slug}`, organisationName: page.organisationName })}>
      <article className="card">
        <h1>{title}</h1>
        {th.goalYen > 0 ? <Thermometer t={t} lang={lang} raised={formatYen(th.raisedYen, lang)} goal={formatYen(th.goalYen, lang)} percent={th.percent} supporters={th.supporters} />
          : <p className="raised"><strong>{formatYen(th.raisedYen, lang)}</strong></p>}
        <p><a className="button" href={`/appeal/${page.slug}/give?lang=${lang}`}>{t('give.campaign.give')}</a></p>
        <Paragraphs text={name(v, page.storyJa, page.storyEn)} />
      </article>
      {sentences.length > 0 && (
        <section aria-labelledby="impact-title">
          <h2 id="impact-title">{t('give.campaign.impact')}</h2>
          <ul className="impact">{sentences.map((s) => <li key={s.key}>{s.text}</li>)}</ul>
          <p className="muted small">{t('give.campaign.impactNote')}</p>
        </section>
      )}
      <Wall v={v} entries={page.wall} />
    </Page>
  );
}

export function ApplyView({ v, event, token, values = {}, errors = {} }: { v: ViewContext; event: PublicEventPage; token: string; values?: Values; errors?: Errors }) {
  const { t, lang } = v;
  const title = name(v, event.nameJa, event.nameEn);
  const f = { values, errors };
  return (
    <Page meta={meta(v, { title: t('give.apply.title', { event: title }), description: t('give.apply.description', { event: title }), path: `/give/${event.code}/apply`, organisationName: event.organisationName })}>
      <article className="card">
        <h1>{t('give.apply.title', { event: title })}</h1>
        <p>{t('give.apply.intro', { date: formatDate(event.applicationsCloseOn, lang) })}</p>
        <ErrorSummary errors={errors} t={t} />
        <form method="post" action={`/give/${event.code}/apply?lang=${lang}`} noValidate>
          <Guard token={token} t={t} />
          <input type="hidden" name="language" value={lang} />
          <Field id="familyName" label={t('give.form.familyName')} required autoComplete="family-name" maxLength={100} {...f} />
          <Field id="givenName" label={t('give.form.givenName')} autoComplete="given-name" maxLength={100} {...f} />
          <Field id="familyNameKana" label={t('give.form.familyNameKana')} hint={t('give.form.kanaHint')} maxLength={100} {...f} />
          <Field id="givenNameKana" label={t('give.form.givenNameKana')} maxLength={100} {...f} />
          <Field id="email" label={t('give.form.email')} type="email" required autoComplete="email" inputMode="email" maxLength={254} {...f} />
          <Field id="phone" label={t('give.form.phone')} type="tel" autoComplete="tel" inputMode="tel" maxLength={40} {...f} />
          <Field id="motivation" label={t('give.apply.motivation')} required multiline maxLength={4000} {...f} />
          <Field id="plan" label={t('give.apply.plan')} required multiline maxLength={4000} hint={t('give.apply.planHint')} {...f} />
          <div className="field check">
            <input id="consent" name="consent" type="checkbox" required {...describedBy('consent', errors.consent)} defaultChecked={values.consent === 'on'} />
            <label htmlFor="consent">{t('give.apply.consent')}</label>
            <FieldError id="consent" message={errors.consent} />
          </div>
          <details className="privacy"><summary>{t('give.privacy.title')}</summary><p>{t('give.privacy.application')}</p></details>
          <button type="submit" className="button">{t('give.apply.submit')}</button>
        </form>
      </article>
    </Page>
  );
}

export interface GiveTarget {
  /** The form's address. */
  action: string;
  back: string;
  /** "Give to Hanako's run" / the campaign's title. */
  heading: string;
  organisationName: string;
}

export function GiveView({ v, target, token, values = {}, errors = {} }: { v: ViewContext; target: GiveTarget; token: string; values?: Values; errors?: Errors }) {
  const { t, lang } = v;
  const f = { values, errors };
  const wall = values.wall ?? 'anonymous';
  return (
    <Page meta={meta(v, { title: target.heading, description: target.heading, path: target.action, noindex: true, organisationName: target.organisationName })}>
      <article className="card">
        <p className="eyebrow"><a href={`${target.back}?lang=${lang}`}>{t('give.form.back')}</a></p>
        <h1>{target.heading}</h1>
        <ErrorSummary errors={errors} t={t} />
        <form method="post" action={`${target.action}?lang=${lang}`} noValidate>
          <Guard token={token} t={t} />
          <input type="hidden" name="language" value={lang} />
          <Field id="amountYen" label={t('give.form.amount')} required inputMode="numeric" hint={t('give.form.amountHint')} maxLength={9} {...f} />
          <Field id="familyName" label={t('give.form.familyName')} required autoComplete="family-name" maxLength={100} {...f} />
          <Field id="givenName" label={t('give.form.givenName')} autoComplete="given-name" maxLength={100} {...f} />
          <Field id="familyNameKana" label={t('give.form.familyNameKana')} hint={t('give.form.kanaHint')} maxLength={100} {...f} />
          <Field id="givenNameKana" label={t('give.form.givenNameKana')} maxLength={100} {...f} />
          <Field id="email" label={t('give.form.email')} type="email" required autoComplete="email" inputMode="email" maxLength={254} {...f} />
          <fieldset>
            <legend>{t('give.form.receipt')}</legend>
            <div className="field check">
              <input id="wantsReceipt" name="wantsReceipt" type="checkbox" defaultChecked={values.wantsReceipt === 'on'} />
              <label htmlFor="wantsReceipt">{t('give.form.wantsReceipt')}</label>
            </div>
            <Field id="postalCode" label={t('give.form.postalCode')} autoComplete="postal-code" inputMode="numeric" maxLength={20} {...f} />
            <Field id="address" label={t('give.form.address')} autoComplete="street-address" maxLength={300} {...f} />
          </fieldset>
          <fieldset>
            <legend>{t('give.form.wall')}</legend>
            {(['name', 'anonymous', 'hidden'] as const).map((w) => (
              <div className="field check" key={w}>
                <input id={`wall-${w}`} name="wall" type="radio" value={w} defaultChecked={wall === w} />
                <label htmlFor={`wall-${w}`}>{t(`give.form.wallChoice.${w}`)}</label>
              </div>
            ))}
            <Field id="wallName" label={t('give.form.wallName')} maxLength={100} {...f} />
            <div className="field check">
              <input id="showAmount" name="showAmount" type="checkbox" defaultChecked={values.showAmount === 'on'} />
              <label htmlFor="showAmount">{t('give.form.showAmount')}</label>
            </div>
            <Field id="message" label={t('give.form.message')} multiline maxLength={500} hint={t('give.form.messageHint')} {...f} />
          </fieldset>
          <details className="privacy"><summary>{t('give.privacy.title')}</summary><p>{t('give.privacy.gift')}</p></details>
          <button type="submit" className="button">{t('give.form.submit')}</button>
        </form>
      </article>
    </Page>
  );
}

export function PledgedView({ v, reference, amountYen, bankDetails, back }: { v: ViewContext; reference: string; amountYen: number; bankDetails: string; back: string }) {
  const { t, lang } = v;
  return (
    <Page meta={meta(v, { title: t('give.pledged.title'), description: t('give.pledged.title'), path: back, noindex: true })}>
      <article className="card">
        <h1>{t('give.pledged.title')}</h1>
        <p>{t('give.pledged.intro', { amount: formatYen(amountYen, lang) })}</p>
        <p className="reference">{t('give.pledged.reference')} <strong>{reference}</strong></p>
        <p>{t('give.pledged.transferName', { reference })}</p>
        {bankDetails && <pre className="bank">{bankDetails}</pre>}
        <p className="muted">{t('give.pledged.wallNote')}</p>
        <p><a href={`${back}?lang=${lang}`}>{t('give.form.back')}</a></p>
      </article>
    </Page>
  );
}

/** A plain message page: applied, not found, link used or expired, session over, too many tries. */
export function MessageView({ v, title, body, path, link }: { v: ViewContext; title: string; body: string; path: string; link?: { href: string; label: string } }) {
  return (
    <Page meta={meta(v, { title, description: body, path, noindex: true })}>
      <article className="card">
        <h1>{title}</h1>
        <p>{body}</p>
        {link && <p><a href={link.href}>{link.label}</a></p>}
      </article>
    </Page>
  );
}

/** Opening an edit link shows a button: the link is used only when the runner presses it (a mail scanner's visit changes nothing). */
export function EditLinkView({ v, action }: { v: ViewContext; action: string }) {
  const { t, lang } = v;
  return (
    <Page meta={meta(v, { title: t('give.edit.linkTitle'), description: t('give.edit.linkTitle'), path: '/give/edit', noindex: true })}>
      <article className="card">
        <h1>{t('give.edit.linkTitle')}</h1>
        <p>{t('give.edit.linkIntro')}</p>
        <form method="post" action={`${action}?lang=${lang}`}>
          <button type="submit" className="button">{t('give.edit.open')}</button>
        </form>
      </article>
    </Page>
  );
}

export function EditView({ v, csrf, minimumYen, values, errors = {}, status, publicPath }: {
  v: ViewContext; csrf: string; minimumYen: number; values: Values; errors?: Errors;
  status: { kind: 'none' | 'pending' | 'approved' | 'rejected' | 'saved'; note?: string; hasPhoto: boolean }; publicPath: string | null;
}) {
  const { t, lang } = v;
  const f = { values, errors };
  return (
    <Page meta={meta(v, { title: t('give.edit.title'), description: t('give.edit.title'), path: '/give/edit', noindex: true })}>
      <article className="card">
        <h1>{t('give.edit.title')}</h1>
        <p className={`status status-${status.kind}`} role="status">{t(`give.edit.status.${status.kind}`, { note: status.note ?? '' })}</p>
        {publicPath && <p><a href={`${publicPath}?lang=${lang}`}>{t('give.edit.viewPage')}</a></p>}
        <ErrorSummary errors={errors} t={t} />
        <form method="post" action={`/give/edit?lang=${lang}`} encType="multipart/form-data" noValidate>
          <input type="hidden" name="csrf" value={csrf} />
          <Field id="displayName" label={t('give.edit.displayName')} required maxLength={100} hint={t('give.edit.displayNameHint')} {...f} />
          <Field id="goalYen" label={t('give.edit.goal')} required inputMode="numeric" maxLength={9} hint={t('give.edit.goalHint', { minimum: formatYen(minimumYen, lang) })} {...f} />
          <Field id="story" label={t('give.edit.story')} required multiline maxLength={4000} {...f} />
          <div className="field">
            <label htmlFor="photo">{t('give.edit.photo')}</label>
            <p className="hint" id="photo-hint">{t(status.hasPhoto ? 'give.edit.photoKept' : 'give.edit.photoHint')}</p>
            <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby={errors.photo ? 'photo-error' : 'photo-hint'} />
            <FieldError id="photo" message={errors.photo} />
          </div>
          <button type="submit" className="button">{t('give.edit.submit')}</button>
        </form>
      </article>
    </Page>
  );
}

import 'server-only';
import { createTranslator } from 'next-intl';
import type { Locale } from '@/i18n/config';
import { messages } from '@/i18n/messages';
import { html, trustedHtml, type SafeHtml } from '@/lib/html';
import type { AnswerErrorKey } from '@/server/inputs/customer-answer';
import { DEFAULT_BRAND_COLOUR } from '@/server/domain/brand';
import { answerFormScript } from './enhance';
import { customerPageStyles } from './styles';

/*
 * The customer page as plain HTML. The customer opens it from an email, often on a phone: it
 * carries its own small stylesheet, only the words of its own language and one small inline
 * script, and everything works without that script (a plain form post).
 */

const LEVELS_TOP_DOWN = [5, 4, 3, 2, 1] as const;

/** Who is asking, as the top of the page shows it: the supplier's name, logo and colour (already checked). */
interface Supplier {
  name: string;
  logo: string | null;
  colour: string | null;
}

function translator(lang: Locale) {
  return createTranslator({ locale: lang, messages: messages[lang] });
}
type Translate = ReturnType<typeof translator>;

function document({
  lang,
  title,
  colour,
  body,
  script,
}: {
  lang: Locale;
  title: string;
  colour: string | null;
  body: SafeHtml;
  /** Last in the body, so that it runs once everything it enhances is there. */
  script?: SafeHtml | null;
}): string {
  const brand = colour ?? DEFAULT_BRAND_COLOUR;
  return (
    '<!doctype html>' +
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="theme-color" content="${brand}" />
        <title>${title}</title>
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <style>
          ${trustedHtml(customerPageStyles(brand))}
        </style>
      </head>
      <body>
        ${body} ${script}
      </body>
    </html>`.value
  );
}

function header(t: Translate, supplier: Supplier, switchTo: { href: string; lang: Locale }) {
  return html`<header class="top">
    <div class="wrap top-row">
      <p class="supplier">
        ${supplier.logo ? html`<img class="logo" src="${supplier.logo}" alt="" />` : null}
        <span class="supplier-name">${supplier.name}</span>
      </p>
      <a
        class="lang"
        href="${switchTo.href}"
        hreflang="${switchTo.lang}"
        lang="${switchTo.lang}"
        aria-label="${t('confirm.switchLanguageLabel')}"
        >${t('confirm.switchLanguage')}</a
      >
    </div>
  </header>`;
}

/** The page of a link that cannot be used (unknown, expired, withdrawn): one answer for all, in both languages, naming nobody. */
export function unavailablePage(): string {
  const en = translator('en');
  const sv = translator('sv');
  return document({
    lang: 'en',
    title: en('confirm.unavailableTitle'),
    colour: null,
    body: html`<main class="wrap stack">
      <section>
        <h1>${en('confirm.unavailableTitle')}</h1>
        <p class="hint">${en('confirm.unavailableBody')}</p>
      </section>
      <section lang="sv">
        <h2 class="as-h1">${sv('confirm.unavailableTitle')}</h2>
        <p class="hint">${sv('confirm.unavailableBody')}</p>
      </section>
    </main>`,
  });
}

export function tooManyPage(lang: Locale): string {
  const t = translator(lang);
  return document({
    lang,
    title: t('confirm.tooManyTitle'),
    colour: null,
    body: html`<main class="wrap">
      <h1>${t('confirm.tooManyTitle')}</h1>
      <p class="hint">${t('confirm.errors.tooMany')}</p>
    </main>`,
  });
}

export interface CustomerView {
  token: string;
  lang: Locale;
  supplier: Supplier;
  accountName: string;
  contactName: string | null;
  personalMessage: string | null;
  expiresAt: Date;
  hasPreviousAnswer: boolean;
}

function pagePath(token: string, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString();
  return `/c/${encodeURIComponent(token)}${search ? `?${search}` : ''}`;
}

const other = (lang: Locale): Locale => (lang === 'en' ? 'sv' : 'en');

export function thanksPage(view: CustomerView): string {
  const t = translator(view.lang);
  const values = { org: view.supplier.name, account: view.accountName };
  const date = new Intl.DateTimeFormat(view.lang, { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(view.expiresAt);
  return document({
    lang: view.lang,
    title: t('confirm.thanksTitle'),
    colour: view.supplier.colour,
    body: html`${header(t, view.supplier, { href: pagePath(view.token, { lang: other(view.lang), answered: '1' }), lang: other(view.lang) })}
      <main class="wrap">
        <div class="card">
          <h1>${t('confirm.thanksTitle')}</h1>
          <p>${t('confirm.thanksBody', values)}</p>
          <p class="small">${t('confirm.expires', { date })}</p>
          <a class="button button-quiet" href="${pagePath(view.token, { lang: view.lang })}">${t('confirm.changeAnswer')}</a>
        </div>
        <p class="privacy">${t('confirm.privacy', values)}</p>
      </main>`,
  });
}

export interface AnswerFormState {
  /** What to fill in: the customer's previous answer, or what they just sent. */
  values: Record<string, string>;
  /** Field → key under confirm.errors. */
  errors: Record<string, AnswerErrorKey>;
  /** The alert above the form: fix the fields below, or a key under confirm.errors about the whole form. */
  formError: 'fix' | AnswerErrorKey | null;
  submissionKey: string;
}

/** The question and its form: one tap on a level, then, all optional, the level they would like, what would help, a comment. */
export function answerPage(view: CustomerView, state: AnswerFormState, nonce: string | null): string {
  const t = translator(view.lang);
  const values = { org: view.supplier.name, account: view.accountName };
  const value = (field: string) => state.values[field] ?? '';
  const error = (field: string) => {
    const key = state.errors[field];
    return key ? t(`confirm.errors.${key}`) : null;
  };
  const refused = state.formError !== null;
  const levelError = error('level');

  return document({
    lang: view.lang,
    title: t('confirm.metaTitle'),
    colour: view.supplier.colour,
    body: html`${header(t, view.supplier, { href: pagePath(view.token, { lang: other(view.lang) }), lang: other(view.lang) })}
      <main class="wrap">
        ${view.contactName ? html`<p class="greeting">${t('confirm.greeting', { name: view.contactName })}</p>` : null}
        ${
          view.personalMessage
            ? html`<figure class="message">
                <figcaption>${t('confirm.messageFrom', values)}</figcaption>
                <blockquote>${view.personalMessage}</blockquote>
              </figure>`
            : null
        }
        ${view.hasPreviousAnswer && !refused ? html`<p class="note">${t('confirm.previousNote')}</p>` : null}
        <form
          method="post"
          action="${pagePath(view.token)}/answer"
          novalidate
          data-answer-form
          data-sending-label="${t('confirm.submitting')}"
          ${refused ? trustedHtml('data-refused') : null}
        >
          <input type="hidden" name="lang" value="${view.lang}" />
          <input type="hidden" name="submissionKey" value="${value('submissionKey') || state.submissionKey}" />
          ${
            state.formError
              ? html`<p class="alert alert-error" role="alert">
                  ${state.formError === 'fix' ? t('confirm.fixErrors') : t(`confirm.errors.${state.formError}`)}
                </p>`
              : null
          }
          <fieldset id="question" class="question" aria-describedby="${levelError ? 'level-error level-hint' : 'level-hint'}">
            <legend><h1>${t('confirm.title', values)}</h1></legend>
            <p id="level-hint" class="hint">${t('confirm.intro', values)}</p>
            <p id="level-error" class="field-error" ${levelError ? null : trustedHtml('hidden')}>${t('confirm.errors.levelRequired')}</p>
            <div class="levels">
              ${LEVELS_TOP_DOWN.map(
                (level) =>
                  // Named by the level's name alone, described by its text: a screen reader reads the choices short.
                  html`<label class="level">
                    <input
                      type="radio"
                      name="level"
                      value="${level}"
                      aria-labelledby="level-${level}-name"
                      aria-describedby="level-${level}-text"
                      ${value('level') === String(level) ? trustedHtml('checked') : null}
                    />
                    <span>
                      <span id="level-${level}-name" class="level-name">${t(`confirm.levels.${level}.name`)}</span>
                      <span id="level-${level}-text" class="level-text">${t(`confirm.levels.${level}.text`)}</span>
                    </span>
                  </label>`,
              )}
            </div>
          </fieldset>

          <section id="more" class="more" aria-labelledby="more-title">
            <h2 id="more-title">${t('confirm.optionalTitle')}</h2>
            <p class="hint">${t('confirm.optionalBody')}</p>
            <fieldset class="field" ${error('desiredLevel') ? trustedHtml('aria-describedby="desiredLevel-error"') : null}>
              <legend class="label">${t('confirm.desiredLegend')}</legend>
              ${error('desiredLevel') ? html`<p id="desiredLevel-error" class="field-error">${error('desiredLevel')}</p>` : null}
              <div class="chips">
                ${[...LEVELS_TOP_DOWN, null].map(
                  (level) =>
                    html`<label class="chip">
                      <input
                        type="radio"
                        name="desiredLevel"
                        value="${level ?? ''}"
                        ${value('desiredLevel') === String(level ?? '') ? trustedHtml('checked') : null}
                      />
                      ${level ? t(`confirm.levels.${level}.name`) : t('confirm.desiredNone')}
                    </label>`,
                )}
              </div>
            </fieldset>
            ${textArea({ name: 'moveUp', label: t('confirm.moveUp', values), hint: t('confirm.moveUpHint'), value: value('moveUp'), error: error('moveUp') })}
            ${textArea({ name: 'comment', label: t('confirm.comment'), value: value('comment'), error: error('comment') })}
            ${
              view.contactName
                ? null
                : html`<fieldset class="field">
                    <legend class="label">${t('confirm.aboutYou')}</legend>
                    <div class="pair">
                      ${textInput({
                        name: 'respondentName',
                        label: t('confirm.name'),
                        value: value('respondentName'),
                        error: error('respondentName'),
                        autocomplete: 'name',
                      })}
                      ${textInput({
                        name: 'respondentTitle',
                        label: t('confirm.jobTitle'),
                        value: value('respondentTitle'),
                        error: error('respondentTitle'),
                        autocomplete: 'organization-title',
                      })}
                    </div>
                  </fieldset>`
            }
          </section>

          <div class="send">
            <button class="button" type="submit">${t('confirm.submit')}</button>
          </div>
        </form>
        <p class="privacy">${t('confirm.privacy', values)}</p>
      </main>`,
    script: nonce ? answerFormScript(nonce) : null,
  });
}

function describedBy(name: string, hint: boolean, error: boolean) {
  const ids = [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(' ');
  return ids ? html`aria-describedby="${ids}"` : null;
}

function textArea({
  name,
  label,
  hint,
  value,
  error,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  error: string | null;
}) {
  return html`<div class="field">
    <label class="label" for="${name}">${label}</label>
    ${hint ? html`<p id="${name}-hint" class="hint">${hint}</p>` : null}
    ${error ? html`<p id="${name}-error" class="field-error">${error}</p>` : null}
    <textarea
      class="input"
      id="${name}"
      name="${name}"
      rows="3"
      maxlength="2000"
      ${error ? trustedHtml('aria-invalid="true"') : null}
      ${describedBy(name, Boolean(hint), Boolean(error))}
    >
${value}</textarea>
  </div>`;
}

function textInput({
  name,
  label,
  value,
  error,
  autocomplete,
}: {
  name: string;
  label: string;
  value: string;
  error: string | null;
  autocomplete: string;
}) {
  return html`<div class="field">
    <label class="label" for="${name}">${label}</label>
    ${error ? html`<p id="${name}-error" class="field-error">${error}</p>` : null}
    <input
      class="input"
      id="${name}"
      name="${name}"
      value="${value}"
      maxlength="100"
      autocomplete="${autocomplete}"
      ${error ? trustedHtml('aria-invalid="true"') : null}
      ${describedBy(name, false, Boolean(error))}
    />
  </div>`;
}

export interface TeamMemberView {
  token: string;
  lang: Locale;
  supplier: Supplier;
  accountName: string;
  contactName: string | null;
  accountPath: string;
  refused: boolean;
}

/**
 * What a signed-in member of the link's organization sees instead of the form: why they cannot
 * answer, what the customer is asked (read only), and the way back to the account.
 */
export function teamMemberPage(view: TeamMemberView): string {
  const t = translator(view.lang);
  const values = { org: view.supplier.name, account: view.accountName };
  return document({
    lang: view.lang,
    title: t('confirm.memberTitle', values),
    colour: view.supplier.colour,
    body: html`${header(t, view.supplier, { href: pagePath(view.token, { lang: other(view.lang) }), lang: other(view.lang) })}
      <main class="wrap">
        <section class="card" aria-labelledby="member-title">
          <h1 id="member-title">${t('confirm.memberTitle', values)}</h1>
          ${view.refused ? html`<p class="alert alert-warning" role="status">${t('confirm.memberRefused', values)}</p>` : null}
          <p>${t('confirm.memberBody', values)}</p>
          ${view.contactName ? html`<p>${t('confirm.memberRecipient', { name: view.contactName })}</p>` : null}
          <a class="button" href="${view.accountPath}">${t('confirm.memberBack', values)}</a>
          <p class="small">${t('confirm.memberPrivateHint')}</p>
        </section>
        <section class="preview" aria-labelledby="member-preview">
          <h2 id="member-preview">${t('confirm.memberPreview')}</h2>
          <p class="hint">${t('confirm.title', values)}</p>
          <ol class="levels" role="list">
            ${LEVELS_TOP_DOWN.map(
              (level) =>
                html`<li class="level">
                  <span class="level-num" aria-hidden="true">${level}</span>
                  <span>
                    <span class="level-name">${t(`confirm.levels.${level}.name`)}</span>
                    <span class="level-text">${t(`confirm.levels.${level}.text`)}</span>
                  </span>
                </li>`,
            )}
          </ol>
        </section>
      </main>`,
  });
}

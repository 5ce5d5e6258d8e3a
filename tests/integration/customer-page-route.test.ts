/**
 * The customer page as a browser gets it (app/c/[token]): the status, the headers and the HTML
 * itself, from the route handler called directly. Only what a request scope would give it is
 * replaced: the database (this file's) and the signed-in viewer (nobody).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { POST as answerRoute } from '@/app/c/[token]/answer/route';
import { GET } from '@/app/c/[token]/route';
import type * as DbClient from '@/db/client';
import { confirmationLinks, organizations } from '@/db/schema';
import { messages } from '@/i18n/messages';
import { DEFAULT_BRAND_COLOUR } from '@/server/domain/brand';
import { insertAccount } from '../helpers/accounts';
import { fromAddress, newClientAddress, runAsServerMjs } from '../helpers/client-address';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { addMember, confirmationToken, createTenant } from '../helpers/factories';

const scope = vi.hoisted(() => ({ db: null as DbClient.Db | null }));
vi.mock('@/db/client', async (original) => ({ ...(await original<typeof DbClient>()), getDb: () => Promise.resolve(scope.db!) }));
vi.mock('@/server/auth/config', () => ({
  currentUserId: () => Promise.resolve(null),
  signedInUserFromHeaders: () => Promise.resolve(null),
}));

const { db } = await useTestDatabase();
scope.db = db;
runAsServerMjs();

const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';

/** Opens a page the way a browser does after proxy.ts: with the request's Content-Security-Policy carrying a nonce. */
async function open(path: string) {
  const url = new URL(path, 'http://rung.test');
  const token = decodeURIComponent(url.pathname.split('/')[2]!);
  const request = new Request(url, {
    headers: { 'content-security-policy': `script-src 'nonce-${NONCE}' 'strict-dynamic'`, ...fromAddress(newClientAddress()) },
  });
  const response = await GET(request, { params: Promise.resolve({ token }) });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

async function newLink(options: { contact?: string; language?: 'en' | 'sv' } = {}) {
  const owner = await createTenant(db, { orgName: `Nordhamn Frakt ${Math.random().toString(36).slice(2, 6)}` });
  const account = await insertAccount(db, owner.orgSlug, { ownerUserId: owner.userId, name: 'Kustbolaget AB' });
  const contactId = options.contact
    ? (await owner.caller.contact.create({ orgSlug: owner.orgSlug, accountId: account.id, name: options.contact })).id
    : null;
  const created = await owner.caller.confirmation.create({
    orgSlug: owner.orgSlug,
    accountId: account.id,
    contactId,
    language: options.language ?? 'en',
  });
  return { owner, token: confirmationToken(created.url), linkId: created.linkId };
}

/** The visible text of a page: tags and the inline style and script left out, entities decoded enough to compare. */
const textOf = (page: string) =>
  page
    .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** Every <input> of a page, as its attributes. */
function inputsOf(page: string): Record<string, string>[] {
  return [...page.matchAll(/<input\b([^>]*)>/g)].map(([, attributes = '']) => {
    const pairs: [string, string][] = [...attributes.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, name = '', value = '']) => [
      name,
      value,
    ]);
    return Object.fromEntries(pairs);
  });
}
const checkedValue = (page: string, name: string) => inputsOf(page).find((input) => input.name === name && 'checked' in input)?.value;

describe('the customer page over HTTP', () => {
  it('answers 404 with one and the same page for unknown, expired and withdrawn links', async () => {
    const expired = await newLink();
    await db
      .update(confirmationLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(confirmationLinks.id, expired.linkId));
    const revoked = await newLink();
    await revoked.owner.caller.confirmation.revoke({ orgSlug: revoked.owner.orgSlug, linkId: revoked.linkId });

    const pages = await Promise.all([expired.token, revoked.token, 'A'.repeat(43), 'short'].map((token) => open(`/c/${token}`)));
    for (const page of pages) {
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('set-cookie')).toBeNull();
      expect(page.body).toBe(pages[0]!.body);
    }
    expect(textOf(pages[0]!.body)).toContain(messages.en.confirm.unavailableTitle);
    expect(textOf(pages[0]!.body)).toContain(messages.sv.confirm.unavailableTitle);
    expect(pages[0]!.body).not.toContain('Kustbolaget');
    expect(pages[0]!.body).not.toContain('Nordhamn');

    // The same link, still alive, is a page like any other.
    const alive = await newLink();
    expect((await open(`/c/${alive.token}`)).status).toBe(200);
  });

  it('is one question with five levels to tap, the rest optional below, and no name field when the link knows the person', async () => {
    const { token } = await newLink({ contact: 'Klara Kund', language: 'sv' });
    const page = await open(`/c/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="sv">');
    expect(inputsOf(page.body).filter((input) => input.name === 'level' && input.type === 'radio')).toHaveLength(5);
    for (const level of ['1', '2', '3', '4', '5'] as const) {
      expect(textOf(page.body)).toContain(messages.sv.confirm.levels[level].name);
    }
    expect(textOf(page.body)).toContain('Hej Klara Kund!');
    expect(page.body).toContain('name="desiredLevel"');
    expect(page.body).toContain('name="moveUp"');
    expect(page.body).toContain('name="comment"');
    expect(page.body).not.toContain('name="respondentName"');
    // The server checks, not the browser: no bubbles in the browser's language on a Swedish page.
    expect(page.body).toMatch(/<form[^>]*\bnovalidate\b/);
    expect(page.body).not.toMatch(/\brequired\b/);

    const unnamed = await newLink();
    const other = await open(`/c/${unnamed.token}`);
    expect(other.body).toContain('name="respondentName"');
    expect(other.body).toContain('<html lang="en">');
  });

  it('carries only its own words: one language, no other page’s copy, and one small script of its own', async () => {
    const { token } = await newLink({ language: 'sv' });
    const page = await open(`/c/${token}`);
    // Swedish only (the language switch names English in English, on purpose).
    expect(page.body).not.toContain(messages.en.confirm.submit);
    expect(page.body).not.toContain(messages.en.confirm.levels['3'].text);
    expect(page.body).toContain(messages.sv.confirm.submit);
    // Nothing of the rest of the app: its copy, its scripts, its stylesheet.
    expect(page.body).not.toContain(messages.sv.confirm.memberBody.slice(0, 40));
    expect(page.body).not.toContain(messages.en.portfolio.emptyHint);
    expect(page.body).not.toContain('/_next/');
    const scripts = page.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toEqual([`<script nonce="${NONCE}">`]);
    expect(page.body.length).toBeLessThan(30_000);
  });

  it('runs no script at all when the request carries no nonce', async () => {
    const { token } = await newLink();
    const request = new Request(`http://rung.test/c/${token}`, { headers: fromAddress(newClientAddress()) });
    const body = await (await GET(request, { params: Promise.resolve({ token }) })).text();
    expect(body).not.toContain('<script');
    expect(body).toContain('name="level"');
  });

  it('sends a refused answer back with the messages next to the fields, in the page’s language, and what was typed', async () => {
    const { token } = await newLink({ language: 'sv' });
    const request = new Request(`http://rung.test/c/${token}/answer`, {
      method: 'POST',
      body: new URLSearchParams({
        lang: 'sv',
        level: '',
        moveUp: 'Bättre prognoser',
        comment: 'x'.repeat(2001),
        respondentName: 'Bo <b>Bold</b>',
        submissionKey: 'refused-answer-key-1',
      }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...fromAddress(newClientAddress()) },
    });
    const posted = await answerRoute(request, { params: Promise.resolve({ token }) });
    expect(posted.status).toBe(303);
    const page = await open(posted.headers.get('location')!);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain(messages.sv.confirm.fixErrors);
    expect(text).toContain(messages.sv.confirm.errors.levelRequired);
    expect(text).toContain(messages.sv.confirm.errors.tooLong);
    expect(page.body).not.toContain(messages.en.confirm.errors.levelRequired);
    // Next to its field: the comment's message describes the comment box, which still holds the text.
    expect(page.body).toMatch(/<p id="comment-error" class="field-error">/);
    const comment = /<textarea\b[^>]*id="comment"[^>]*>/.exec(page.body)?.[0];
    expect(comment).toContain('aria-invalid="true"');
    expect(comment).toContain('aria-describedby="comment-error"');
    expect(page.body).toContain(`>\n${'x'.repeat(2001)}</textarea`);
    expect(page.body).toContain('Bättre prognoser');
    // Typed text is escaped, never markup.
    expect(inputsOf(page.body).find((input) => input.name === 'respondentName')?.value).toBe('Bo &lt;b&gt;Bold&lt;/b&gt;');
    // The same submission key, so sending again cannot record twice.
    expect(inputsOf(page.body).find((input) => input.name === 'submissionKey')?.value).toBe('refused-answer-key-1');
  });

  it('says thank you after an answer, and opens with the answer filled in to change it', async () => {
    const { token } = await newLink();
    const request = new Request(`http://rung.test/c/${token}/answer`, {
      method: 'POST',
      body: new URLSearchParams({ lang: 'en', level: '3', desiredLevel: '4', moveUp: 'Shared forecasts', submissionKey: 'thanks-key-1' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...fromAddress(newClientAddress()) },
    });
    const location = (await answerRoute(request, { params: Promise.resolve({ token }) })).headers.get('location')!;
    expect(location).toBe(`/c/${token}?lang=en&answered=1`);
    expect(textOf((await open(location)).body)).toContain(messages.en.confirm.thanksTitle);

    const again = await open(`/c/${token}`);
    expect(textOf(again.body)).toContain(messages.en.confirm.previousNote);
    expect(checkedValue(again.body, 'level')).toBe('3');
    expect(checkedValue(again.body, 'desiredLevel')).toBe('4');
    expect(again.body).toContain('Shared forecasts');
  });
});

describe('the supplier’s look', () => {
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
  const logo = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;

  it('shows the logo and colour an admin set, and the default colour when a stored one is unreadable', async () => {
    const { owner, token } = await newLink();
    await owner.caller.organization.setBranding({ orgSlug: owner.orgSlug, brandColour: '#0B5FFF', logo });
    expect(await owner.caller.organization.branding({ orgSlug: owner.orgSlug })).toEqual({ brandColour: '#0b5fff', logo });
    const page = await open(`/c/${token}`);
    expect(page.body).toContain(`<img class="logo" src="${logo}" alt="" />`);
    expect(page.body).toContain(':root{--brand:#0b5fff}');
    expect(page.body).toContain('<meta name="theme-color" content="#0b5fff" />');

    // Stored by other means (an old import, a hand edit): checked again when shown.
    await db
      .update(organizations)
      .set({ brandColour: '#ffee00', logo: 'data:image/svg+xml;base64,PHN2Zz4=' })
      .where(eq(organizations.id, owner.orgId));
    const fallback = await open(`/c/${token}`);
    expect(fallback.body).toContain(`:root{--brand:${DEFAULT_BRAND_COLOUR}}`);
    expect(fallback.body).not.toContain('<img');
  });

  it('refuses a colour white text cannot be read on, an SVG logo, and anyone below admin', async () => {
    const { owner } = await newLink();
    await expectTRPCError(
      owner.caller.organization.setBranding({ orgSlug: owner.orgSlug, brandColour: '#ffee00', logo: null }),
      'BAD_REQUEST',
    );
    await expectTRPCError(
      owner.caller.organization.setBranding({ orgSlug: owner.orgSlug, brandColour: null, logo: 'data:image/svg+xml;base64,PHN2Zz4=' }),
      'BAD_REQUEST',
    );
    const member = await addMember(db, owner.caller, owner.orgSlug, 'member');
    await expectTRPCError(
      member.caller.organization.setBranding({ orgSlug: owner.orgSlug, brandColour: '#0b5fff', logo: null }),
      'FORBIDDEN',
    );
    expect(await member.caller.organization.branding({ orgSlug: owner.orgSlug })).toEqual({ brandColour: null, logo: null });
  });
});

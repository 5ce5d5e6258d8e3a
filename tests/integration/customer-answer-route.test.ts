/**
 * The customer's form as the browser posts it (app/c/[token]/answer): when saving fails, the
 * customer is sent back to the page with everything they typed and a message, never a bare 500.
 * The route is called directly; only the two things a request scope would give it are replaced:
 * the database (this file's) and the signed-in viewer.
 */
import { randomUUID } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/c/[token]/answer/route';
import type * as DbClient from '@/db/client';
import { confirmationAnswers, returnedAnswers } from '@/db/schema';
import { messages } from '@/i18n/messages';
import { keepAnswerForReturn, readReturnedAnswer } from '@/server/adapters/returned-answer';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { fromAddress, newClientAddress, runAsServerMjs } from '../helpers/client-address';
import type { Queryable } from '@/db/client';
import { confirmationToken, createTenant } from '../helpers/factories';

const scope = vi.hoisted(() => ({ db: null as DbClient.Db | null, viewer: null as (() => Promise<string | null>) | null }));
vi.mock('@/db/client', async (original) => ({ ...(await original<typeof DbClient>()), getDb: () => Promise.resolve(scope.db!) }));
// The session as the test sets it: the request context reads the person through signedInUserFromHeaders.
vi.mock('@/server/auth/config', () => {
  const currentUserId = () => (scope.viewer ? scope.viewer() : Promise.resolve(null));
  return {
    currentUserId,
    signedInUserFromHeaders: async (database: Queryable) => {
      const id = await currentUserId();
      return id ? (await import('@/server/services/identity')).findUserById(database, id) : null;
    },
  };
});

const { db } = await useTestDatabase();
scope.db = db;
runAsServerMjs();
// The route logs each failure for the operator; here the log is read instead of printed.
const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
afterEach(() => {
  scope.viewer = null;
  logged.mockClear();
});
/** What was logged, with the database's own error rather than the query wrapped around it. */
const loggedCauses = () =>
  logged.mock.calls.map(([what, error]) => {
    let cause = error as Error;
    while (cause.cause instanceof Error) cause = cause.cause;
    return `${String(what)}: ${cause.message}`;
  });

async function openLink() {
  const owner = await createTenant(db);
  const account = await insertAccount(db, owner.orgSlug, { ownerUserId: owner.userId });
  const created = await owner.caller.confirmation.create({
    orgSlug: owner.orgSlug,
    accountId: account.id,
    contactId: null,
    language: 'sv',
  });
  return { token: confirmationToken(created.url), linkId: created.linkId };
}

/** Posts the form the way a browser without JavaScript does, from an address of its own. */
function post(token: string, fields: Record<string, string>) {
  const request = new Request(`http://rung.test/c/${token}/answer`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...fromAddress(newClientAddress()) },
  });
  return POST(request, { params: Promise.resolve({ token }) });
}

/** Makes every insert of an answer through this link fail inside the saving transaction, as a database error would. */
async function breakSavingFor(linkId: string) {
  await db.execute(
    sql.raw(`create or replace function test_refuse_answer() returns trigger language plpgsql as $$
    begin raise exception 'injected failure while saving an answer'; end $$`),
  );
  await db.execute(
    sql.raw(`create trigger test_refuse_answer_${linkId.replaceAll('-', '')} before insert on confirmation_answers for each row
      when (new.link_id = '${linkId}') execute function test_refuse_answer()`),
  );
  return () => db.execute(sql.raw(`drop trigger test_refuse_answer_${linkId.replaceAll('-', '')} on confirmation_answers`));
}

/** Long free text in both boxes, with line breaks and letters outside ASCII. */
const longText = (seed: string) => `${seed} – åäö ÅÄÖ «citat» \r\n`.repeat(400).slice(0, 2000).trim();

/** Where the route sent the browser, and what the page there will show: the message and the form filled in. */
async function sentBack(response: Response, token: string) {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get('location')!, 'http://rung.test');
  expect(location.pathname).toBe(`/c/${token}`);
  const lang = location.searchParams.get('lang') as 'en' | 'sv' | null;
  const returned = (await readReturnedAnswer(token, Object.fromEntries(location.searchParams), db))!;
  const { formError } = returned;
  return {
    lang,
    ...returned,
    message: formError === 'fix' ? null : messages[lang ?? 'en'].confirm.errors[formError],
    addressLength: location.href.length,
  };
}

const answersTo = (linkId: string) => db.select().from(confirmationAnswers).where(eq(confirmationAnswers.linkId, linkId));

describe('the customer answer form when saving fails', () => {
  it('sends the customer back to the page with every field as typed and a message, and sending again records once', async () => {
    const { token, linkId } = await openLink();
    const typed = {
      level: '3',
      desiredLevel: '5',
      moveUp: longText('Att ni förstår våra kunder'),
      respondentName: 'Åsa Öberg',
      respondentTitle: 'Inköpschef',
      comment: longText('Snabba svar när något går sönder'),
      submissionKey: randomUUID(),
    };
    const repair = await breakSavingFor(linkId);
    let response: Response;
    try {
      response = await post(token, { lang: 'sv', ...typed });
    } finally {
      await repair();
    }

    const back = await sentBack(response, token);
    console.log(`address of the page sent back with two 2,000-character answers: ${back.addressLength} characters`);
    expect(back).toMatchObject({
      lang: 'sv',
      errors: {},
      formError: 'saveFailed',
      message: 'Vi kunde inte spara ditt svar. Allt du skrev finns kvar här: försök igen.',
      values: typed,
    });
    expect(await answersTo(linkId)).toEqual([]);
    expect(loggedCauses()).toEqual(['saving a customer answer failed: injected failure while saving an answer']);

    // The form comes back with the same submission key: sending it again records the answer, once.
    const again = await post(token, { lang: 'sv', ...back.values });
    expect(new URL(again.headers.get('location')!, 'http://rung.test').searchParams.get('answered')).toBe('1');
    expect((await answersTo(linkId)).map((a) => [a.level, a.comment])).toEqual([[3, typed.comment]]);
  });

  it('any other failure before the answer is saved gets the same page, in the language of the form', async () => {
    const { token, linkId } = await openLink();
    scope.viewer = () => Promise.reject(new Error('session store unavailable'));
    const typed = {
      level: '4',
      desiredLevel: '',
      moveUp: '',
      respondentName: 'Pat',
      respondentTitle: '',
      comment: 'Keep it',
      submissionKey: randomUUID(),
    };
    const back = await sentBack(await post(token, { lang: 'en', ...typed }), token);
    expect(back).toMatchObject({
      lang: 'en',
      formError: 'saveFailed',
      message: 'We could not save your answer. Everything you wrote is still here: please try again.',
      values: typed,
    });
    expect(await answersTo(linkId)).toEqual([]);
    expect(loggedCauses()).toEqual(['saving a customer answer failed: session store unavailable']);
  });
});

/** Free text of `length` characters from anywhere in U+0800–U+D7FF: three bytes each in UTF-8, nine once URL-encoded. */
const anyScript = (length: number) =>
  Array.from({ length }, (_, i) => String.fromCharCode(0x800 + ((i * 7919) % (0xd800 - 0x800)))).join('');

const returnedRows = () => db.select().from(returnedAnswers);

describe('long and oversized answers', () => {
  it('a comment far over its limit comes back whole with the message, and the address stays short', async () => {
    const { token, linkId } = await openLink();
    const typed = {
      level: '4',
      desiredLevel: '5',
      moveUp: longText('Fler besök på plats'),
      respondentName: 'Åsa Öberg',
      respondentTitle: 'Inköpschef',
      comment: 'Ett långt svar på svenska, med radbrytningar.\r\n'.repeat(440),
      submissionKey: randomUUID(),
    };
    expect(typed.comment.length).toBeGreaterThan(20_000);
    const back = await sentBack(await post(token, { lang: 'sv', ...typed }), token);
    expect(back).toMatchObject({ lang: 'sv', errors: { comment: 'tooLong' }, formError: 'fix', values: typed });
    expect(back.addressLength).toBeLessThan(200);
    expect(await answersTo(linkId)).toEqual([]);
  });

  it('the longest answer the body limit lets through, in any script, comes back whole', async () => {
    const { token } = await openLink();
    const typed = {
      level: '',
      moveUp: anyScript(3000),
      comment: anyScript(3000),
      respondentName: anyScript(100),
      submissionKey: randomUUID(),
    };
    const body = new URLSearchParams({ lang: 'en', ...typed }).toString();
    expect(body.length).toBeGreaterThan(50_000);
    expect(body.length).toBeLessThanOrEqual(64 * 1024);
    const back = await sentBack(await post(token, { lang: 'en', ...typed }), token);
    expect(back.errors).toMatchObject({ level: 'levelRequired', moveUp: 'tooLong', comment: 'tooLong' });
    expect(back.values).toEqual({ ...typed, desiredLevel: '', respondentTitle: '' });
    expect(back.addressLength).toBeLessThan(200);
  });

  it('the kept answer opens only on its own link’s page, and only with its key', async () => {
    const first = await openLink();
    const second = await openLink();
    const response = await post(first.token, { lang: 'en', level: '9', comment: 'Private to the first link', submissionKey: randomUUID() });
    const location = new URL(response.headers.get('location')!, 'http://rung.test');
    const query = Object.fromEntries(location.searchParams);
    expect(query.r).toMatch(/^[\w-]{43}$/);
    expect((await readReturnedAnswer(first.token, query, db))!.values.comment).toBe('Private to the first link');
    expect((await readReturnedAnswer(second.token, query, db))!.values).toEqual({});
    // A key one character off (never the same character: one key in 64 ends in any given one).
    const wrongKey = `${query.r!.slice(0, -1)}${query.r!.endsWith('A') ? 'B' : 'A'}`;
    expect((await readReturnedAnswer(first.token, { ...query, r: wrongKey }, db))!.values).toEqual({});
    // An hour later it is gone.
    expect((await readReturnedAnswer(first.token, query, db, new Date(Date.now() + 61 * 60_000)))!.values).toEqual({});
    // A repeated parameter (an array) is not ours: an empty form, not a failure.
    expect(await readReturnedAnswer(first.token, { error: ['saveFailed', 'x'], r: [query.r!] }, db)).toBeNull();
  });

  it('when the database can’t keep it, a short answer travels in the address instead, and a long one is not put there', async () => {
    const unreachable = {
      delete: () => {
        throw new Error('connection refused');
      },
    } as unknown as DbClient.Db;
    const token = 'T'.repeat(43);
    const short = { level: '3', comment: 'Kort svar', submissionKey: randomUUID() };
    const shortKept = await keepAnswerForReturn(token, short, unreachable);
    expect(Object.keys(shortKept)).toEqual(['v']);
    expect((await readReturnedAnswer(token, { error: 'saveFailed', ...shortKept }, unreachable))!.values).toEqual(short);
    expect(await keepAnswerForReturn(token, { comment: anyScript(6000) }, unreachable)).toEqual({});
    // A copy in the address that inflates to more than any answer is dropped.
    const bomb = deflateRawSync(Buffer.from(JSON.stringify({ comment: 'x'.repeat(1_000_000) }))).toString('base64url');
    expect((await readReturnedAnswer(token, { error: 'saveFailed', v: bomb }, unreachable))!.values).toEqual({});
  });

  it('a 24 MB answer is refused unread with a message; nothing of it is kept or sent back', async () => {
    const { token, linkId } = await openLink();
    const before = (await returnedRows()).length;
    const back = await sentBack(
      await post(token, { lang: 'en', level: '3', comment: 'x'.repeat(24 * 1024 * 1024), submissionKey: randomUUID() }),
      token,
    );
    expect(back).toMatchObject({ formError: 'tooLarge', values: {} });
    // The language is in the body, which was not read: the page speaks the link's language (Swedish here).
    expect(back.lang).toBeNull();
    expect(messages.sv.confirm.errors.tooLarge).toMatch(/för långt/);
    expect(back.addressLength).toBeLessThan(200);
    expect((await returnedRows()).length).toBe(before);
    expect(await answersTo(linkId)).toEqual([]);
  });

  it('a body without a declared length is read only up to the limit', async () => {
    const { token } = await openLink();
    let pulled = 0;
    const chunk = new TextEncoder().encode(`comment=${'y'.repeat(16 * 1024)}`);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`http://rung.test/c/${token}/answer`, {
      method: 'POST',
      body: endless,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `route-${randomUUID()}` },
      duplex: 'half',
    } as RequestInit);
    const back = await sentBack(await POST(request, { params: Promise.resolve({ token }) }), token);
    expect(back.formError).toBe('tooLarge');
    expect(pulled).toBeLessThan(64 * 1024 + 3 * chunk.byteLength);
  });
});

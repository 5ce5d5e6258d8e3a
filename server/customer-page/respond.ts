import 'server-only';
import { randomUUID } from 'node:crypto';
import { isLocale } from '@/i18n/config';
import { currentUserId } from '@/server/auth/config';
import { clientAddress } from '@/server/adapters/rate-limit';
import { readReturnedAnswer } from '@/server/adapters/returned-answer';
import { viewConfirmation } from '@/server/services/confirmations';
import { answerPage, teamMemberPage, thanksPage, tooManyPage, unavailablePage, type CustomerView } from './views';

/**
 * The customer page for one request. It is decided whole before anything is sent, so the status
 * is the real one: 404 for every link that cannot be used (unknown, expired and withdrawn alike,
 * with the same body, so a guessed token learns nothing), 429 when an address asks too often,
 * and 200 otherwise. Nothing here sets a cookie; a session cookie that reaches the page is only
 * read, so that a member of the link's organization gets an explanation instead of the form.
 */
export async function customerPageResponse(request: Request, token: string): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const single = (name: string) => (query.getAll(name).length === 1 ? query.get(name) : null);
  const requested = single('lang');
  const view = await viewConfirmation(token, clientAddress(request.headers), undefined, await currentUserId());

  if (view.kind === 'tooMany') return page(tooManyPage(isLocale(requested) ? requested : 'en'), 429);
  if (view.kind === 'unavailable') return page(unavailablePage(), 404);

  const { confirmation } = view;
  const lang = isLocale(requested) ? requested : confirmation.language;
  const supplier = { name: confirmation.orgName, ...confirmation.brand };

  if (view.kind === 'teamMember') {
    return page(
      teamMemberPage({
        token,
        lang,
        supplier,
        accountName: view.confirmation.accountName,
        contactName: view.confirmation.contactName,
        accountPath: view.confirmation.accountPath,
        refused: single('refused') === '1',
      }),
      200,
    );
  }

  const customer = view.confirmation;
  const customerView: CustomerView = {
    token,
    lang,
    supplier,
    accountName: customer.accountName,
    contactName: customer.contactName,
    personalMessage: customer.personalMessage,
    expiresAt: customer.expiresAt,
    hasPreviousAnswer: customer.previous !== null,
  };
  if (single('answered') === '1') return page(thanksPage(customerView), 200);

  // A refused or unsaved answer comes back (see the answer route), to be filled in again.
  const returned = await readReturnedAnswer(token, { error: single('error'), r: single('r'), v: single('v') });
  const previous = customer.previous
    ? Object.fromEntries(Object.entries(customer.previous).map(([key, v]) => [key, v === null ? '' : String(v)]))
    : {};
  return page(
    answerPage(
      customerView,
      {
        values: returned?.values ?? previous,
        errors: returned?.errors ?? {},
        formError: returned?.formError ?? null,
        submissionKey: randomUUID(),
      },
      nonceOf(request),
    ),
    200,
  );
}

/** The nonce proxy.ts put into this request's Content-Security-Policy; without one, the page runs no script (and still works). */
function nonceOf(request: Request): string | null {
  const policy = request.headers.get('content-security-policy') ?? '';
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1] ?? null;
}

function page(body: string, status: number) {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });
}

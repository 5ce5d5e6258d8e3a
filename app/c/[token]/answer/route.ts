import { isLocale, type Locale } from '@/i18n/config';
import { formText } from '@/lib/form-data';
import { currentUserId } from '@/server/auth/config';
import { keepAnswerForReturn, returnedAnswerParams, type AnswerRefusal } from '@/server/adapters/returned-answer';
import { BODY_LIMITS, formFromBody, readBoundedBody } from '@/server/adapters/request-body';
import { answerConfirmation } from '@/server/services/confirmations';
import { clientAddress } from '@/server/adapters/rate-limit';

const FIELDS = ['level', 'desiredLevel', 'moveUp', 'respondentName', 'respondentTitle', 'comment', 'submissionKey'] as const;

/**
 * The customer's form posts here as a plain HTML form: no JavaScript, no cookies. (A route
 * handler rather than a Server Action: the page's no-referrer policy makes browsers send
 * `Origin: null`, which Server Actions refuse.) Post, then redirect: a reload never resubmits.
 * The session cookie of someone signed in to the app reaches this route too: it is read (never
 * set) so that a member of the link's organization cannot answer in the customer's place.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // Unknown until the form is read: without it, the page speaks the link's language.
  let lang: Locale | null = null;
  let values: Record<string, string> = {};
  let result: Awaited<ReturnType<typeof answerConfirmation>> | AnswerRefusal;
  try {
    const body = await readBoundedBody(request, BODY_LIMITS.form);
    if (body === null) {
      // Far more than the form lets anyone type: nothing of it is read, kept or sent back.
      result = { kind: 'tooLarge' };
    } else {
      const form = await formFromBody(body, request.headers.get('content-type'));
      const requested = form.get('lang');
      lang = isLocale(requested) ? requested : 'en';
      values = Object.fromEntries(FIELDS.map((field) => [field, formText(form, field)]));
      result = await answerConfirmation(token, clientAddress(request.headers), values, undefined, await currentUserId());
    }
  } catch (error) {
    // Most likely the database. Nothing was recorded (the answer is one transaction); the customer
    // gets the page back with what they typed and the same submission key, so sending again is safe.
    console.error('saving a customer answer failed', error);
    result = { kind: 'saveFailed' };
  }

  const page = new URL(`/c/${encodeURIComponent(token)}`, request.url);
  if (lang) page.searchParams.set('lang', lang);
  if (result.kind === 'ok') page.searchParams.set('answered', '1');
  else if (result.kind === 'teamMember') page.searchParams.set('refused', '1');
  else {
    // What the customer typed comes back with the form, kept on the server so the address stays short.
    const kept = result.kind === 'tooLarge' ? {} : await keepAnswerForReturn(token, values);
    for (const [name, value] of Object.entries(returnedAnswerParams(result, kept))) page.searchParams.set(name, value);
  }
  return new Response(null, {
    status: 303,
    headers: { Location: page.pathname + page.search, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' },
  });
}

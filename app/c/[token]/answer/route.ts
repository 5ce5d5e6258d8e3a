import { isLocale, type Locale } from '@/i18n/config';
import { formText } from '@/lib/form-data';
import { currentUserId } from '@/server/auth/config';
import { returnedAnswerParams, type AnswerRefusal } from '@/server/adapters/returned-answer';
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
  let lang: Locale = 'en';
  let values: Record<string, string> = {};
  let result: Awaited<ReturnType<typeof answerConfirmation>> | AnswerRefusal;
  try {
    const form = await request.formData();
    const requested = form.get('lang');
    if (isLocale(requested)) lang = requested;
    values = Object.fromEntries(FIELDS.map((field) => [field, formText(form, field)]));
    result = await answerConfirmation(token, clientAddress(request.headers), values, undefined, await currentUserId());
  } catch (error) {
    // Most likely the database. Nothing was recorded (the answer is one transaction); the customer
    // gets the page back with what they typed and the same submission key, so sending again is safe.
    console.error('saving a customer answer failed', error);
    result = { kind: 'saveFailed' };
  }

  const page = new URL(`/c/${encodeURIComponent(token)}`, request.url);
  page.searchParams.set('lang', lang);
  if (result.kind === 'ok') page.searchParams.set('answered', '1');
  else if (result.kind === 'teamMember') page.searchParams.set('refused', '1');
  else {
    // What the customer typed comes back with the form, so nothing is lost.
    for (const [name, value] of Object.entries(returnedAnswerParams(result, values))) page.searchParams.set(name, value);
  }
  return new Response(null, {
    status: 303,
    headers: { Location: page.pathname + page.search, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' },
  });
}

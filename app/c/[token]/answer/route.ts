import { isLocale } from '@/i18n/config';
import { formText } from '@/lib/form-data';
import { currentUserId } from '@/server/auth/config';
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
  const form = await request.formData();
  const requested = form.get('lang');
  const lang = isLocale(requested) ? requested : 'en';
  const values = Object.fromEntries(FIELDS.map((field) => [field, formText(form, field)]));
  const result = await answerConfirmation(token, clientAddress(request.headers), values, undefined, await currentUserId());

  const page = new URL(`/c/${encodeURIComponent(token)}`, request.url);
  page.searchParams.set('lang', lang);
  if (result.kind === 'ok') page.searchParams.set('answered', '1');
  else if (result.kind === 'teamMember') page.searchParams.set('refused', '1');
  else {
    page.searchParams.set(
      'error',
      result.kind === 'invalid'
        ? Object.entries(result.errors)
            .map(([f, k]) => `${f}:${k}`)
            .join(',')
        : result.kind,
    );
    // What the customer typed comes back with the form, so nothing is lost.
    page.searchParams.set('v', Buffer.from(JSON.stringify(values)).toString('base64url'));
  }
  return new Response(null, {
    status: 303,
    headers: { Location: page.pathname + page.search, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' },
  });
}

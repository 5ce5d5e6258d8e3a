import { messages } from '@/i18n/messages';
import { requestLocale } from '@/server/api/context';
import { handlers } from '@/server/auth/config';
import { BODY_LIMITS, boundedRequest } from '@/server/adapters/request-body';
import { NextRequest } from 'next/server';

export const { GET } = handlers;

/** Sign-in, sign-out and the single sign-on callbacks post small forms: anything larger than a form is refused unread. */
export async function POST(request: NextRequest) {
  const bounded = await boundedRequest(request, BODY_LIMITS.form);
  if (!bounded) {
    return new Response(messages[requestLocale(request.headers)].errors.requestTooLarge, {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  return handlers.POST(new NextRequest(bounded));
}

import { getFormatter, getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/lib/cn';

interface OutboxMessage {
  id: string;
  toEmail: string;
  subject: string;
  bodyText: string | null;
  ownersOnly: boolean;
  /** Sealed under an earlier AUTH_SECRET: the body can no longer be opened. */
  unreadable: boolean;
  status: 'outbox' | 'sent' | 'failed';
  error: string | null;
  createdAt: Date;
}

const statusStyle = {
  outbox: 'bg-amber-100 text-amber-900',
  sent: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
} as const;

/** Server-rendered: the message bodies open with <details>, no JavaScript needed. */
export async function OutboxList({
  orgName,
  smtpConfigured,
  messages,
}: {
  orgName: string;
  smtpConfigured: boolean;
  messages: OutboxMessage[];
}) {
  const t = await getTranslations('outbox');
  const format = await getFormatter();
  return (
    <Card>
      <CardHeader title={t('title')} description={t('subtitle', { org: orgName })} />
      <div className="px-4 pt-4 sm:px-6">
        <Alert tone={smtpConfigured ? 'info' : 'warning'}>{smtpConfigured ? t('smtpOn') : t('noSmtp')}</Alert>
      </div>
      {messages.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600 sm:px-6">{t('empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-200 pt-2">
          {messages.map((message) => (
            <li key={message.id} className="px-4 py-3 sm:px-6">
              <details className="group">
                <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 rounded-md text-sm">
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-slate-900">{message.subject}</span>
                    <span className="block text-slate-600">
                      {t('to')} {message.toEmail} · {format.dateTime(message.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                    </span>
                  </span>
                  <span className={cn('rounded-full px-2.5 py-0.5 text-xs font-medium', statusStyle[message.status])}>
                    {t(`status.${message.status}`)}
                  </span>
                  <span className="text-xs font-medium text-brand-700 group-open:hidden">{t('showBody')}</span>
                </summary>
                {message.bodyText === null ? (
                  <p className="mt-3 text-sm text-slate-600">{message.unreadable ? t('unreadable') : t('ownersOnly')}</p>
                ) : (
                  <pre className="mt-3 overflow-x-auto rounded-md bg-slate-50 p-3 font-sans text-sm whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200">
                    {message.bodyText}
                  </pre>
                )}
                {message.error ? <p className="mt-2 text-sm text-red-700">{message.error}</p> : null}
              </details>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

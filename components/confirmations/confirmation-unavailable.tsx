import { getTranslations } from 'next-intl/server';

/** The one answer for every link that cannot be used: unknown, expired or withdrawn. In both languages, with nothing about anyone. */
export async function ConfirmationUnavailable() {
  const [en, sv] = await Promise.all([
    getTranslations({ locale: 'en', namespace: 'confirm' }),
    getTranslations({ locale: 'sv', namespace: 'confirm' }),
  ]);
  return (
    <main className="mx-auto max-w-xl space-y-10 px-4 py-16">
      <section lang="en">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{en('unavailableTitle')}</h1>
        <p className="mt-3 text-slate-700">{en('unavailableBody')}</p>
      </section>
      <section lang="sv">
        <h2 className="text-2xl font-semibold tracking-tight text-slate-900">{sv('unavailableTitle')}</h2>
        <p className="mt-3 text-slate-700">{sv('unavailableBody')}</p>
      </section>
    </main>
  );
}

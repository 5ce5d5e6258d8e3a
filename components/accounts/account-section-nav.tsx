import { getTranslations } from 'next-intl/server';

/** The account page's sections, in the order they stand on the page (the anchors are set in the page). */
const SECTIONS = ['summary', 'history', 'assessment', 'customer', 'actions', 'comments', 'contacts', 'activity'] as const;

/**
 * Jumps to each part of the account page. It stays at the top while the page scrolls (below
 * the phone's top bar), and scrolls sideways on its own on a narrow screen. Plain links: no
 * JavaScript, and each is one Tab stop.
 */
export async function AccountSectionNav() {
  const t = await getTranslations('accounts.sections');
  return (
    <nav
      aria-label={t('label')}
      className="sticky top-[3.25rem] z-20 -mx-4 border-y border-slate-200 bg-white/95 backdrop-blur sm:-mx-6 sm:rounded-lg sm:border lg:top-0 lg:mx-0"
    >
      <ul className="flex gap-1 overflow-x-auto px-2 py-1.5 text-sm whitespace-nowrap">
        {SECTIONS.map((section) => (
          <li key={section}>
            <a
              href={`#${section}`}
              className="inline-flex rounded-md px-2.5 py-1.5 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-brand-600"
            >
              {t(section)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

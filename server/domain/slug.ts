/** Paths the app itself uses at the top level; an organization may not take them. */
export const RESERVED_SLUGS = new Set([
  'api',
  'c',
  'sign-in',
  'sign-up',
  'sign-out',
  'invite',
  'orgs',
  'settings',
  'admin',
  'static',
  '_next',
  'favicon.ico',
  'robots.txt',
  'new',
  'help',
  'docs',
  'app',
]);

/** "Nordic Fläkt & Co AB" → "nordic-flakt-co-ab". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug.length >= 2 ? slug : `org-${slug}`.replace(/-$/, '');
}

/** The slug itself if it is free, otherwise the first free "slug-2", "slug-3", ... */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

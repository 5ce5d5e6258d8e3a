/** Room for the sticky section nav (and the phone's top bar) above a section of the account page that a link jumps to. */
export const SECTION_ANCHOR = 'scroll-mt-28 lg:scroll-mt-16';

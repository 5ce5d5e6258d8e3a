/**
 * The digest a page's error carries when the database could not be reached. Next.js hides a server
 * error's message from the browser in production but passes its digest through, so the error
 * boundary can tell "the database is down, try again soon" from any other failure.
 */
export const DATABASE_UNAVAILABLE_DIGEST = 'rung:database-unavailable';

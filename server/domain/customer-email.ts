/*
 * What a member may put in an email to a customer, and how many such emails may go out. Anyone can
 * sign up and add contacts with any address, so the product's mail server must not become a way to
 * send anybody a message with a link in it, or thousands of them. One place for the numbers; the
 * routers and the campaign job enforce them, and docs/security.md states them.
 */

/** The longest personal message, in characters. */
export const PERSONAL_MESSAGE_MAX = 1000;

export const CUSTOMER_EMAIL_LIMITS = {
  /** Single links sent by email ("Ask the customer" and "Send again"), per member. */
  perMemberPerHour: 50,
  /** Campaign emails, first requests and reminders alike, per organization: the rest wait for the next hour. */
  campaignPerOrganizationPerHour: 1000,
  windowSeconds: 60 * 60,
} as const;

/**
 * Characters that change how text looks without being seen: control characters (a newline and a
 * tab excepted) and the bidirectional overrides that make "gpj.exe" read as "exe.jpg".
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** The message as it is stored and sent: line endings made plain, invisible characters removed, trimmed. */
export function cleanPersonalMessage(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').trim();
}

/**
 * Whether the text holds a web address a mail program would turn into a link: anything with a
 * scheme (https://, ftp://), anything starting with www., or a domain followed by a path. The
 * emails are plain text, so nothing in a message can become markup; a link is the one thing that could.
 */
export function containsLink(text: string): boolean {
  return /[a-z][a-z0-9+.-]*:\/\//i.test(text) || /(^|[^\p{L}\p{N}])www\./iu.test(text) || /[\p{L}\p{N}-]+\.[a-z]{2,}\//iu.test(text);
}

import 'server-only';
import { and, eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db, Tx } from '@/db/client';
import { outboxMessages } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { openText, sealText } from './secrets';

export interface OutgoingEmail {
  to: string;
  subject: string;
  bodyText: string;
  kind: 'invitation' | 'confirmation' | 'organization_deletion' | 'password-reset' | 'email-verification';
  invitationId?: string;
  /**
   * What the outbox keeps instead of bodyText when SMTP delivers the message: for an email whose
   * link must reach its recipient's mailbox and nobody else (the organization's admins read the
   * outbox). Without SMTP the outbox is the only way the message arrives, so it keeps bodyText.
   */
  outboxBodyText?: string;
}

export function smtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

let transporter: Transporter | undefined;
function smtp(): Transporter {
  transporter ??= nodemailer.createTransport(process.env.SMTP_URL);
  return transporter;
}

/**
 * Records the email in the organization's outbox inside the caller's transaction, its body sealed
 * (server/adapters/secrets.ts): the body carries a working invitation or customer link, and a
 * copy of the database must not. Delivery
 * happens after commit (see deliverEmail), so a slow or failing mail server never holds or
 * rolls back the change that caused the email.
 */
export async function queueEmail(tx: Tx, orgId: string, email: OutgoingEmail): Promise<string> {
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      orgId,
      toEmail: email.to,
      subject: email.subject,
      bodyText: sealText(smtpConfigured() && email.outboxBodyText !== undefined ? email.outboxBodyText : email.bodyText),
      kind: email.kind,
      invitationId: email.invitationId ?? null,
    })
    .returning({ id: outboxMessages.id });
  return row!.id;
}

/**
 * Sends through SMTP without recording it in any outbox: for the rare email that belongs to no
 * organization (a password reset for someone who is in none). Throws when the server refuses.
 */
export async function sendWithoutOutbox(email: OutgoingEmail): Promise<void> {
  await smtp().sendMail({
    from: process.env.MAIL_FROM ?? 'Rung <no-reply@rung.invalid>',
    to: email.to,
    subject: email.subject,
    text: email.bodyText,
  });
}

/**
 * Sends a queued email through SMTP when it is configured; otherwise it stays in the outbox for
 * admins to read. Says where the message ended up. `bodyText` is the body to send when the outbox
 * keeps a different one (OutgoingEmail.outboxBodyText).
 */
export async function deliverEmail(db: Db, orgId: string, messageId: string, fullBodyText?: string): Promise<'outbox' | 'sent' | 'failed'> {
  if (!smtpConfigured()) return 'outbox';
  const message = await withOrg(db, orgId, async (tx) => {
    const [row] = await tx.select().from(outboxMessages).where(eq(outboxMessages.id, messageId));
    return row;
  });
  if (!message) return 'failed';
  const bodyText = fullBodyText ?? openText(message.bodyText);
  let update: { status: 'sent' | 'failed'; sentAt: Date | null; error: string | null };
  try {
    // Sealed under a key that is no longer the server's: sending it would send nothing readable.
    if (bodyText === null) throw new Error('the message was sealed with an earlier AUTH_SECRET');
    await smtp().sendMail({
      from: process.env.MAIL_FROM ?? 'Rung <no-reply@rung.invalid>',
      to: message.toEmail,
      subject: message.subject,
      text: bodyText,
    });
    update = { status: 'sent', sentAt: new Date(), error: null };
  } catch (error) {
    update = { status: 'failed', sentAt: null, error: error instanceof Error ? error.message.slice(0, 500) : 'unknown error' };
  }
  await withOrg(db, orgId, (tx) =>
    tx
      .update(outboxMessages)
      .set(update)
      .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.id, messageId))),
  );
  return update.status;
}

/**
 * For background jobs: records the email in the outbox inside the job's transaction and, with
 * SMTP configured, sends it right away; throws when the mail server refuses, which rolls the
 * outbox row back with the job's work so the job can retry. Returns the outbox message id.
 */
export async function sendEmailNow(tx: Tx, orgId: string, email: OutgoingEmail): Promise<string> {
  const id = await queueEmail(tx, orgId, email);
  if (!smtpConfigured()) return id;
  await smtp().sendMail({
    from: process.env.MAIL_FROM ?? 'Rung <no-reply@rung.invalid>',
    to: email.to,
    subject: email.subject,
    text: email.bodyText,
  });
  await tx
    .update(outboxMessages)
    .set({ status: 'sent', sentAt: new Date() })
    .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.id, id)));
  return id;
}

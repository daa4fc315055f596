import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** An iCalendar object sent as the text/calendar part (an invitation or a cancellation). */
  icalEvent?: string;
  /** Its METHOD, also given on the text/calendar part; REQUEST when not said. */
  icalMethod?: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  /** Where replies go (the organiser of a meeting). */
  replyTo?: string;
  workspaceId?: string | null;
};
export type Mailer = { send(mail: Mail): Promise<void> };

/**
 * Every mail is written to the outbox table first (an administrator can read it in the app);
 * with SMTP_URL set it is then delivered and marked sent, otherwise it stays there and is logged.
 */
export function createMailer(db: Kysely<DB>, log: Logger, smtpUrl: string | undefined, from: string): Mailer {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return {
    async send(mail) {
      const id = newId();
      await db
        .insertInto('outbox_mails')
        .values({ id, workspace_id: mail.workspaceId ?? null, to: mail.to, subject: mail.subject, text: mail.text })
        .execute();
      if (!transport) {
        log.info(
          { mail: { to: mail.to, subject: mail.subject, text: mail.text } },
          'mail kept in outbox (no SMTP_URL)',
        );
        return;
      }
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          replyTo: mail.replyTo,
          icalEvent: mail.icalEvent ? { method: mail.icalMethod ?? 'REQUEST', content: mail.icalEvent } : undefined,
        });
        await db.updateTable('outbox_mails').set({ sent_at: new Date() }).where('id', '=', id).execute();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.error({ err, to: mail.to }, 'mail delivery failed');
        await db.updateTable('outbox_mails').set({ error: message }).where('id', '=', id).execute();
      }
    },
  };
}

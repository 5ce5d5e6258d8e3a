'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/trpc';
import type { KeysOf, Messages } from '@/i18n/messages';

export type ActivityEvent = RouterOutputs['activity']['feed']['events'][number];

type Payload = Record<string, unknown>;

const asPayload = (value: unknown): Payload => (value && typeof value === 'object' ? (value as Payload) : {});
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** Account fields with a sentence of their own; the rest are listed by name. */
const ACCOUNT_FIELD_KEYS = ['domain', 'segment', 'annualRevenue', 'currency', 'notes'] as const;

/**
 * Turns an audit event into sentences a person reads in the feed ("Sara Lind closed the
 * assessment at level 3"). `nameOf` resolves user ids (new owners) to names. Unknown events fall
 * back to the audit log's own wording, so nothing shows as a raw code.
 */
export function useDescribeEvent(nameOf: (userId: string) => string | null) {
  const t = useTranslations('activity');
  const tAll = useTranslations();
  const format = useFormatter();
  const date = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: 'medium' });

  return (event: ActivityEvent): string[] => {
    const actor = event.actorName ?? t('someone');
    const before = asPayload(event.before);
    const after = asPayload(event.after);
    const title = text(after.title) ?? '';

    switch (event.action) {
      case 'account.created':
        return [t('accountCreated', { actor })];
      case 'account.updated': {
        const sentences: string[] = [];
        if ('name' in after) sentences.push(t('accountRenamed', { actor, name: text(after.name) ?? '' }));
        if ('targetLevel' in after) {
          const from = num(before.targetLevel);
          const to = num(after.targetLevel);
          if (to === null) sentences.push(t('targetLevelCleared', { actor }));
          else if (from === null) sentences.push(t('targetLevelSet', { actor, to }));
          else sentences.push(t('targetLevelChanged', { actor, from, to }));
        }
        if ('targetDate' in after) {
          const to = text(after.targetDate);
          sentences.push(to ? t('targetDateSet', { actor, date: date(to) }) : t('targetDateCleared', { actor }));
        }
        if ('ownerUserId' in after) {
          const owner = text(after.ownerUserId);
          sentences.push(owner ? t('ownerChanged', { actor, owner: nameOf(owner) ?? t('formerMember') }) : t('ownerCleared', { actor }));
        }
        const others = ACCOUNT_FIELD_KEYS.filter((key) => key in after);
        if (others.length)
          sentences.push(
            t('accountFieldsChanged', {
              actor,
              fields: format.list(
                others.map((key) => t(`fields.${key}`)),
                { type: 'conjunction' },
              ),
            }),
          );
        return sentences.length ? sentences : [t('accountUpdated', { actor })];
      }
      case 'account.archived':
        return [t('accountArchived', { actor })];
      case 'account.unarchived':
        return [t('accountUnarchived', { actor })];
      case 'account.followed':
        return [t('accountFollowed', { actor })];
      case 'account.unfollowed':
        return [t('accountUnfollowed', { actor })];
      case 'assessment.started':
        return [after.blind === false ? t('assessmentStartedOpen', { actor }) : t('assessmentStarted', { actor })];
      case 'assessment.voted':
        return [t('voted', { actor })];
      case 'assessment.revealed':
        return [after.automatic === true ? t('revealedAutomatically', { actor }) : t('revealed', { actor })];
      case 'assessment.closed': {
        const level = num(after.teamLevel);
        return [level === null ? t('assessmentClosedPlain', { actor }) : t('assessmentClosed', { actor, level })];
      }
      case 'action.created':
        return [t('actionCreated', { actor, title })];
      case 'action.updated': {
        const owner = text(after.ownerUserId);
        if (owner && Object.keys(after).length === 2)
          return [t('actionHandedOver', { actor, title, owner: nameOf(owner) ?? t('formerMember') })];
        return [t('actionUpdated', { actor, title })];
      }
      case 'action.status_changed': {
        const status = text(after.status);
        if (status === 'done') return [t('actionDone', { actor, title })];
        if (status === 'doing') return [t('actionDoing', { actor, title })];
        if (status === 'dropped') return [t('actionDropped', { actor, title })];
        return [t('actionReopened', { actor, title })];
      }
      case 'confirmation.answered': {
        const level = num(after.level);
        const who = text(after.respondent);
        return [who ? t('customerAnsweredBy', { who, level: level ?? 0 }) : t('customerAnswered', { level: level ?? 0 })];
      }
      case 'confirmation.link_created':
      case 'confirmation.link_resent':
        return [t('confirmationLinkCreated', { actor, name: text(after.contactName) ?? t('someoneAtCustomer') })];
      case 'confirmation.link_revoked':
        return [t('confirmationLinkRevoked', { actor })];
      case 'comment.added':
        return [t('commented', { actor, excerpt: text(after.excerpt) ?? '' })];
      case 'contact.created':
        return [t('contactAdded', { actor, name: text(after.name) ?? '' })];
      case 'contact.updated': {
        const name = text(after.name);
        return [name ? t('contactRenamed', { actor, name }) : t('contactUpdated', { actor })];
      }
      case 'contact.archived':
        return [t('contactRemoved', { actor, name: text(before.name) ?? '' })];
      default: {
        // Something this feed has no sentence for yet: the audit log's wording, or a neutral line.
        // The action is a plain string from the database; has() checks that a sentence exists for it.
        const key = `audit.actions.${event.action}` as `audit.actions.${KeysOf<Messages['audit']['actions']>}`;
        return [tAll.has(key) ? t('generic', { actor, what: tAll(key) }) : t('changed', { actor })];
      }
    }
  };
}

import enAccounts from '@/messages/en/accounts.json';
import enAssessments from '@/messages/en/assessments.json';
import enCampaigns from '@/messages/en/campaigns.json';
import enConfirmations from '@/messages/en/confirmations.json';
import enCore from '@/messages/en/core.json';
import enDashboard from '@/messages/en/dashboard.json';
import enOnboarding from '@/messages/en/onboarding.json';
import enOrgDeletion from '@/messages/en/org-deletion.json';
import enPlaybook from '@/messages/en/playbook.json';
import enSessions from '@/messages/en/sessions.json';
import svAccounts from '@/messages/sv/accounts.json';
import svAssessments from '@/messages/sv/assessments.json';
import svCampaigns from '@/messages/sv/campaigns.json';
import svConfirmations from '@/messages/sv/confirmations.json';
import svCore from '@/messages/sv/core.json';
import svDashboard from '@/messages/sv/dashboard.json';
import svOnboarding from '@/messages/sv/onboarding.json';
import svOrgDeletion from '@/messages/sv/org-deletion.json';
import svPlaybook from '@/messages/sv/playbook.json';
import svSessions from '@/messages/sv/sessions.json';
import type { MessageKeys, NestedKeyOf } from 'next-intl';
import type { Locale } from './config';

/*
 * Copy lives in one file per feature and language (messages/<locale>/<feature>.json); each file
 * holds its own top-level namespaces. English is the reference: global.d.ts gives its shape to
 * next-intl, so every key in the code is checked by tsc. Swedish must have exactly the same keys
 * (SameKeys below, and tests/unit/messages.test.ts, which also compares placeholders).
 */
const en = {
  ...enCore,
  ...enAccounts,
  ...enAssessments,
  ...enPlaybook,
  ...enConfirmations,
  ...enDashboard,
  ...enCampaigns,
  ...enOrgDeletion,
  ...enOnboarding,
  ...enSessions,
};
const sv = {
  ...svCore,
  ...svAccounts,
  ...svAssessments,
  ...svPlaybook,
  ...svConfirmations,
  ...svDashboard,
  ...svCampaigns,
  ...svOrgDeletion,
  ...svOnboarding,
  ...svSessions,
};

export type Messages = typeof en;
export const messages: Record<Locale, Messages> = { en, sv };

/** The message keys under a namespace, dotted: KeysOf<Messages['errors']> is 'emailTaken' | 'orgNotFound' | … */
export type KeysOf<Tree> = MessageKeys<Tree, NestedKeyOf<Tree>>;

type NoKeys<Keys extends never> = Keys;
/**
 * Fails the typecheck naming the keys one language has and the other lacks. The Record above
 * already rejects a Swedish file missing a key; this also rejects one with a key English lacks.
 * Exported (and marked public for knip) only so that lint does not call it unused: nothing imports it.
 * @public
 */
export type SameKeys = [NoKeys<Exclude<KeysOf<typeof en>, KeysOf<typeof sv>>>, NoKeys<Exclude<KeysOf<typeof sv>, KeysOf<typeof en>>>];

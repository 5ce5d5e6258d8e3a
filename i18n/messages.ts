import enAccounts from '@/messages/en/accounts.json';
import enAssessments from '@/messages/en/assessments.json';
import enCampaigns from '@/messages/en/campaigns.json';
import enConfirmations from '@/messages/en/confirmations.json';
import enCore from '@/messages/en/core.json';
import enDashboard from '@/messages/en/dashboard.json';
import enPlaybook from '@/messages/en/playbook.json';
import svAccounts from '@/messages/sv/accounts.json';
import svAssessments from '@/messages/sv/assessments.json';
import svCampaigns from '@/messages/sv/campaigns.json';
import svConfirmations from '@/messages/sv/confirmations.json';
import svCore from '@/messages/sv/core.json';
import svDashboard from '@/messages/sv/dashboard.json';
import svPlaybook from '@/messages/sv/playbook.json';
import type { Locale } from './config';

/*
 * Copy lives in one file per feature and language (messages/<locale>/<feature>.json); each file
 * holds its own top-level namespaces. tests/unit checks that both languages have the same keys.
 */
const en = { ...enCore, ...enAccounts, ...enAssessments, ...enPlaybook, ...enConfirmations, ...enDashboard, ...enCampaigns };
const sv = { ...svCore, ...svAccounts, ...svAssessments, ...svPlaybook, ...svConfirmations, ...svDashboard, ...svCampaigns };

export type Messages = typeof en;
export const messages: Record<Locale, Messages> = { en, sv };

import 'server-only';
import { accountRouter } from '../routers/account';
import { actionRouter } from '../routers/action';
import { activityRouter } from '../routers/activity';
import { assessmentRouter } from '../routers/assessment';
import { auditRouter } from '../routers/audit';
import { authRouter } from '../routers/auth';
import { campaignRouter } from '../routers/campaign';
import { commentRouter } from '../routers/comment';
import { confirmationRouter } from '../routers/confirmation';
import { contactRouter } from '../routers/contact';
import { dashboardRouter } from '../routers/dashboard';
import { invitationRouter } from '../routers/invitation';
import { meRouter } from '../routers/me';
import { memberRouter } from '../routers/member';
import { onboardingRouter } from '../routers/onboarding';
import { organizationRouter } from '../routers/organization';
import { outboxRouter } from '../routers/outbox';
import { playbookRouter } from '../routers/playbook';
import { signalRouter } from '../routers/signal';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  organization: organizationRouter,
  member: memberRouter,
  invitation: invitationRouter,
  outbox: outboxRouter,
  audit: auditRouter,
  account: accountRouter,
  onboarding: onboardingRouter,
  contact: contactRouter,
  assessment: assessmentRouter,
  signal: signalRouter,
  playbook: playbookRouter,
  action: actionRouter,
  comment: commentRouter,
  confirmation: confirmationRouter,
  campaign: campaignRouter,
  activity: activityRouter,
  dashboard: dashboardRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

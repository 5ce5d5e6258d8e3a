import { auditRouter } from './routers/audit';
import { authRouter } from './routers/auth';
import { invitationRouter } from './routers/invitation';
import { meRouter } from './routers/me';
import { memberRouter } from './routers/member';
import { organizationRouter } from './routers/organization';
import { outboxRouter } from './routers/outbox';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  organization: organizationRouter,
  member: memberRouter,
  invitation: invitationRouter,
  outbox: outboxRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

import { router } from '../trpc';

export const assessmentRouter = router({});

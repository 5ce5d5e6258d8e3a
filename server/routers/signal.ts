import { router } from '../trpc';

export const signalRouter = router({});

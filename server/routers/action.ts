import { router } from '../trpc';

export const actionRouter = router({});

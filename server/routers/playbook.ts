import { router } from '../trpc';

export const playbookRouter = router({});

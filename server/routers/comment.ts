import { router } from '../trpc';

export const commentRouter = router({});

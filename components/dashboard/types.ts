import type { RouterInputs, RouterOutputs } from '@/components/trpc';

type Outputs = RouterOutputs['dashboard'];
type Inputs = RouterInputs['dashboard'];

export type SummaryResult = Outputs['summary'];
export type HeadlineResult = Outputs['headline'];
export type TrendPoint = Outputs['distributionOverTime']['periods'][number];
export type TransitionsResult = Outputs['transitions'];
export type MoverRow = Outputs['topMovers']['up'][number];
export type GapResult = Outputs['gap'];
/** Which accounts a number on the dashboard stands for. */
export type DrillDownSpec = Inputs['drillDown']['spec'];
export type DrillDownIdsInput = Inputs['drillDownIds'];

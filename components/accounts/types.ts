import type { RouterInputs, RouterOutputs } from '@/components/trpc';

type Outputs = RouterOutputs;

export type AccountListRow = Outputs['account']['list']['rows'][number];
export type AccountDetails = Outputs['account']['get'];
export type AccountFilterOptions = Outputs['account']['filterOptions'];
export type ContactRow = Outputs['contact']['list'][number];
export type ImportReport = Outputs['account']['importPreview'];
export type ImportReportRow = ImportReport['rows'][number];
export type AccountSort = NonNullable<RouterInputs['account']['list']['sort']>;

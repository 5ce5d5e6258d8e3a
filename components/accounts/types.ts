import type { RouterOutputs } from '@/components/trpc';

type Outputs = RouterOutputs;

export type AccountListRow = Outputs['account']['list']['rows'][number];
export type AccountDetails = Outputs['account']['get'];
export type ContactRow = Outputs['contact']['list'][number];
export type ImportReport = Outputs['account']['importPreview'];
export type ImportReportRow = ImportReport['rows'][number];
export type ContactImportReport = Outputs['contact']['importPreview'];
export type ContactImportReportRow = ContactImportReport['rows'][number];

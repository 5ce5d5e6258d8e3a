import { appRouter } from '@/server/api/root';
import type { AccessMeta } from '@/server/api/trpc';
import type { Caller } from './factories';

type ProcedureDefs = Record<string, { _def: { type: string; meta?: Partial<AccessMeta> } }>;

/** Every procedure path ("member.list") with the access its builder declared, sorted by path. */
export function procedureAccess(): Array<{ path: string; access: string | undefined }> {
  const procedures = appRouter._def.procedures as unknown as ProcedureDefs;
  return Object.keys(procedures)
    .sort()
    .map((path) => ({ path, access: procedures[path]!._def.meta?.access }));
}

/** Calls any procedure by its path with an input: lets a test sweep the whole router. */
export function callByPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  if (typeof fn !== 'function') throw new Error(`no procedure at ${path}`);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

import type { ReactNode } from 'react';

/**
 * A page's title and its actions. The actions keep their natural width beside the title while
 * both fit (four buttons on one row at 1440 px, instead of the title squeezing them into two);
 * when they don't, the whole group moves below the title and wraps inside the page's width.
 */
export function PageHeader({ title, description, action }: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:flex-wrap sm:items-end sm:justify-between">
      <div className="min-w-0 sm:flex-1 sm:basis-80">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {action ? <div className="max-w-full sm:shrink-0">{action}</div> : null}
    </div>
  );
}

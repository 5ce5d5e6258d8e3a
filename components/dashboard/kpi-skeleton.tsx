import { Skeleton } from '@/components/ui/skeleton';

/** The KPI cards' shape while they load: on the route's loading page and while the summary is on its way. */
export function KpiSkeleton({ label }: { label?: string }) {
  return (
    <div aria-busy="true" aria-label={label} className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      <Skeleton className="h-64 md:col-span-2 xl:row-span-2" />
      <Skeleton className="h-28" />
      <Skeleton className="h-28" />
      <Skeleton className="h-28" />
      <Skeleton className="h-28" />
      <Skeleton className="h-28" />
      <Skeleton className="h-28" />
      <Skeleton className="h-28 md:col-span-2" />
    </div>
  );
}

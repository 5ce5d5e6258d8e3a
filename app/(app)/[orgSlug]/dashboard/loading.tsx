import { KpiSkeleton } from '@/components/dashboard/kpi-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div aria-busy="true" className="space-y-6">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-32 w-full" />
      <KpiSkeleton />
      <Skeleton className="h-72 w-full" />
    </div>
  );
}

import { databaseIsHealthy } from '@/server/runtime/health';

export const dynamic = 'force-dynamic';

/**
 * For load balancers and supervisors: 200 when the app can reach its database, 503 when it cannot.
 * The answer says nothing else (no versions, hosts or error text), and is never cached.
 */
export async function GET(): Promise<Response> {
  const healthy = await databaseIsHealthy();
  return Response.json(
    { status: healthy ? 'ok' : 'unavailable' },
    { status: healthy ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}

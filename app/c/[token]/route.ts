import { customerPageResponse } from '@/server/customer-page/respond';

/**
 * The public customer page, answered as a whole HTML document by a route handler rather than a
 * React page: its status is decided before anything is sent (a dead link is a real 404, not a
 * streamed page), and it ships no React runtime to a customer who only needs to tap once.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return customerPageResponse(request, token);
}

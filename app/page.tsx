import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { forPage, serverCaller } from '@/server/api/caller';

/** The front door: signed-in people go to the organization they used last, everyone else to sign-in. */
export default async function Home() {
  const caller = await serverCaller();
  const me = await forPage(caller.me.get(), '/');
  const last = (await cookies()).get('rung_last_org')?.value;
  const target = me.organizations.find((org) => org.slug === last) ?? me.organizations[0];
  if (target) redirect(`/${target.slug}`);
  // Someone whose only organizations wait to be deleted lands where they can restore them.
  const scheduled = await forPage(caller.me.scheduledForDeletion(), '/');
  redirect(scheduled.length > 0 ? '/orgs' : '/orgs/new');
}

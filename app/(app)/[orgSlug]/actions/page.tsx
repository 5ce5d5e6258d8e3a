import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MyActions } from '@/components/actions/my-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('actions'))('mineTitle') };
}

/** "My actions": what the signed-in person has promised to do, across every account. */
export default function MyActionsPage() {
  return <MyActions />;
}

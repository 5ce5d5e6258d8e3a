'use client';

import dynamic from 'next/dynamic';

/**
 * The toast container, loaded after the page has rendered: a toast only ever follows something
 * the user did, and sonner is about 13 kB gzip the first paint does not need.
 */
const Toaster = dynamic(() => import('sonner').then((module) => module.Toaster), { ssr: false });

export function AppToaster() {
  return <Toaster position="bottom-right" closeButton />;
}

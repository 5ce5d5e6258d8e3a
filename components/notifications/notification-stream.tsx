'use client';

import { useNotificationEvents } from './use-notification-events';

/**
 * The live stream behind the notification bells, rendered once by the app shell: it shows a bell
 * in the sidebar and another in the phone's top bar, and one stream serves both.
 */
export function NotificationStream({ orgSlug }: { orgSlug: string }) {
  useNotificationEvents(orgSlug);
  return null;
}

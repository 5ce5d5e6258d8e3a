'use client';

/**
 * Toasts for components on a page's first paint. sonner is imported with the first toast, not
 * with the page: a toast only ever follows something the user did, and the container loads
 * after the page anyway (toaster.tsx).
 */
export const notify = {
  success: (message: string) => void import('sonner').then(({ toast }) => toast.success(message)),
  error: (message: string) => void import('sonner').then(({ toast }) => toast.error(message)),
};

import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Joins class names, and when two Tailwind classes set the same property the later one wins:
 * a caller's `w-32` replaces a component's default `w-full` instead of fighting it in the CSS.
 */
export function cn(...values: ClassValue[]): string {
  return twMerge(clsx(values));
}

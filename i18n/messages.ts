import en from '@/messages/en.json';
import sv from '@/messages/sv.json';
import type { Locale } from './config';

export const messages = { en, sv } satisfies Record<Locale, unknown>;
export type Messages = typeof en;

import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { uuidv7 } from '../ids';

/** Shared column builders so every table spells ids and timestamps the same way. */
export const idColumn = () =>
  uuid()
    .notNull()
    .$defaultFn(() => uuidv7());
export const orgIdColumn = () => uuid().notNull();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

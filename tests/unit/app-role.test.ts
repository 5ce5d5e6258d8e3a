import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedTableGrants } from '@/db/app-role';

// The start-up check and the restore read what rung_app should hold from the migrations' GRANT statements.
describe('the grants rung_app should hold, read from the migrations', () => {
  it('finds every tenant table of the committed migrations with its privileges', () => {
    const grants = Object.fromEntries(expectedTableGrants().map(({ table, privileges }) => [table, privileges]));
    expect(grants.audit_events).toEqual(['SELECT', 'INSERT']);
    expect(grants.memberships).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
    expect(grants.users).toEqual(['SELECT']);
    expect(grants.jobs).toEqual(['SELECT', 'INSERT', 'UPDATE']);
  });

  const folder = mkdtempSync(path.join(os.tmpdir(), 'rung-grants-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('merges grants on one table across migrations, and ignores the schema grant, comments and other roles', () => {
    writeFileSync(
      path.join(folder, '0000_a.sql'),
      [
        'GRANT USAGE ON SCHEMA public TO rung_app;--> statement-breakpoint',
        '-- GRANT DELETE ON widgets TO rung_app; is only a comment here',
        'GRANT SELECT, INSERT ON widgets TO rung_app;--> statement-breakpoint',
        'GRANT SELECT ON widgets TO reporting;',
      ].join('\n'),
    );
    writeFileSync(path.join(folder, '0001_b.sql'), 'grant update on table widgets to rung_app;\n');
    expect(expectedTableGrants(folder)).toEqual([{ table: 'widgets', privileges: ['SELECT', 'INSERT', 'UPDATE'] }]);
  });
});

import 'server-only';
import { appRoleProblems } from '@/db/app-role';
import type { Database } from '@/db/client';

/**
 * Without the role withOrg switches to, or its grants, every organization page fails with a 500
 * (this is what a dump restored by hand into a new cluster looks like). Better not to start at
 * all and say in one line what is missing.
 */
export async function requireAppRole(database: Database): Promise<void> {
  const problems = await appRoleProblems(database.db);
  if (problems.length === 0) return;
  console.error(
    `Rung cannot start: the database is missing what tenant isolation needs: ${problems.join('; ')}. ` +
      'See "Roles and grants" in docs/operations.md (npm run db:restore creates them).',
  );
  process.exit(1);
}

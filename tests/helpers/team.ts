import type { Db } from '@/db/client';
import type { Role } from '@/server/inputs/common';
import { followAccount, insertAccount } from './accounts';
import { addMember, createTenant } from './factories';

type MemberRole = Exclude<Role, 'owner'>;

/**
 * The names people go by when a test does not name them. Tests assert on them (lists sorted by
 * name, "who did it" columns), so they stay fixed.
 */
const TEAM_NAMES = { owner: 'Olga Owner', admin: 'Adam Admin', member: 'Mia Member', viewer: 'Vera Viewer' } as const;

/** A role (the person gets that role's name from TEAM_NAMES) or a role with a name of its own. */
type MemberSpec = MemberRole | { role: MemberRole; name: string };

/**
 * The people besides the owner: a list of roles, each becoming the key it is reached by, or keys
 * of the test's own choosing ("mia", "max") when two people share a role.
 */
type MembersSpec = readonly MemberRole[] | Readonly<Record<string, MemberSpec>>;

type MemberKey<M extends MembersSpec> = M extends readonly MemberRole[] ? M[number] : Extract<keyof M, string>;

/**
 * One account for the team to work on. `owner` and `followers` are keys of the team's people
 * ("owner" for the organization's owner).
 */
interface AccountSpec<K extends string> {
  name?: string;
  owner?: K | 'owner';
  followers?: ReadonlyArray<K | 'owner'>;
}

type TeamOwner = Awaited<ReturnType<typeof createTenant>>;
type TeamMember = Awaited<ReturnType<typeof addMember>>;
type TeamAccount = Awaited<ReturnType<typeof insertAccount>>;

export type Team<K extends string = never, WithAccount extends boolean = false> = { slug: string; orgId: string; owner: TeamOwner } & {
  [P in K]: TeamMember;
} & (WithAccount extends true ? { account: TeamAccount } : unknown);

/**
 * A fresh organization owned by Olga Owner with the people a test asks for, added through
 * invitations in the order given (as real people join), and optionally one account owned and
 * followed by some of them. Each call makes a new organization, so tests never share one.
 *
 *   createTeam(db, { members: ['admin', 'member', 'viewer'] })
 *   createTeam(db, { members: { mia: 'member', max: { role: 'member', name: 'Max Member' } }, account: { owner: 'mia' } })
 */
export async function createTeam<const M extends MembersSpec, const A extends true | AccountSpec<MemberKey<M>> | undefined = undefined>(
  db: Db,
  options: { members: M; account?: A },
): Promise<Team<MemberKey<M>, A extends undefined ? false : true>> {
  const owner = await createTenant(db, { name: TEAM_NAMES.owner });
  const slug = owner.orgSlug;
  const specs: Array<[string, MemberSpec]> = Array.isArray(options.members)
    ? (options.members as readonly MemberRole[]).map((role) => [role, role])
    : Object.entries(options.members as Record<string, MemberSpec>);
  const people: Record<string, TeamOwner | TeamMember> = { owner };
  const team: Record<string, unknown> = { slug, orgId: owner.orgId, owner };
  for (const [key, spec] of specs) {
    if (key in team || key === 'account') throw new Error(`createTeam: "${key}" is taken`);
    const { role, name } = typeof spec === 'string' ? { role: spec, name: TEAM_NAMES[spec] } : spec;
    team[key] = people[key] = await addMember(db, owner.caller, slug, role, { name });
  }
  if (options.account) {
    const spec: AccountSpec<string> = options.account === true ? {} : options.account;
    const person = (key: string) => {
      const found = people[key];
      if (!found) throw new Error(`createTeam: no one called "${key}" on the team`);
      return found;
    };
    const account = await insertAccount(db, slug, {
      ...(spec.name !== undefined && { name: spec.name }),
      ...(spec.owner !== undefined && { ownerUserId: person(spec.owner).userId }),
    });
    if (spec.followers?.length)
      await followAccount(
        db,
        owner.orgId,
        account.id,
        spec.followers.map((key) => person(key).userId),
      );
    team.account = account;
  }
  return team as Team<MemberKey<M>, A extends undefined ? false : true>;
}

/**
 * The demo organization is the first thing a visitor sees: its dashboard must tell a story from
 * the first start. Seeds it into this file's database and reads the dashboard as its executive.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { confirmationAnswers, organizations, users } from '@/db/schema';
import { DEMO_ORG_NAME, seedDemoOrganization } from '@/server/demo/seed';
import { useOwnDatabase } from '../helpers/db';
import { callerFor, type Caller } from '../helpers/factories';

// A database of its own: on the server, other files share one, and the demo is one per database.
const { db } = await useOwnDatabase();
let exec: Caller;
let orgSlug: string;

beforeAll(async () => {
  expect(await seedDemoOrganization(db)).toBe(true);
  // A second start leaves it alone.
  expect(await seedDemoOrganization(db)).toBe(false);
  const [viewer] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'exec@rung.example'));
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
  exec = callerFor(db, viewer!.id);
  orgSlug = org!.slug;
}, 60_000);

describe('the demo dashboard tells a story', () => {
  it('accounts moved up and down over the last twelve months, and some were won this year', async () => {
    const trend = await exec.dashboard.distributionOverTime({ orgSlug });
    const sum = (key: 'up' | 'down' | 'entered') => trend.periods.reduce((total, p) => total + p[key].count, 0);
    expect(sum('up')).toBeGreaterThan(5);
    expect(sum('down')).toBeGreaterThan(3);
    expect(sum('entered')).toBeGreaterThan(0);
    const movers = await exec.dashboard.topMovers({ orgSlug });
    expect(movers.up.length).toBeGreaterThan(0);
    expect(movers.down.length).toBeGreaterThan(0);
  });

  it('the team overrates itself on big accounts, and a few customers rate us higher', async () => {
    const gap = await exec.dashboard.gap({ orgSlug });
    expect(gap.averageGap.count).toBeGreaterThan(0);
    expect(gap.underrated.count).toBeGreaterThan(0);
    const biggest = gap.overratedAccounts[0]!;
    expect(biggest.teamLevel! - biggest.customerLevel!).toBeGreaterThanOrEqual(1);
    // Sorted by revenue: the first overrated account is a big one (over 10 million).
    expect(biggest.revenue).toBeGreaterThan(10_000_000);
  });

  it('some customer answers have gone stale, some accounts too, and targets are reached, ahead and missed', async () => {
    const summary = await exec.dashboard.summary({ orgSlug });
    const withCustomerLevel = summary.total.count - summary.customer.none.count;
    expect(summary.confirmed.count).toBe(withCustomerLevel);
    expect(withCustomerLevel).toBeGreaterThan(0);
    // Answered once, but longer ago than the freshness window: no customer level any more.
    const [answered] = await db
      .select({ n: sql<number>`count(distinct ${confirmationAnswers.accountId})::int` })
      .from(confirmationAnswers)
      .innerJoin(organizations, eq(organizations.id, confirmationAnswers.orgId))
      .where(eq(organizations.slug, orgSlug));
    expect(answered!.n - withCustomerLevel).toBeGreaterThan(0);
    expect(summary.stale.count).toBeGreaterThan(0);
    expect(summary.targets.reached.count).toBeGreaterThan(0);
    expect(summary.targets.onTrack.count).toBeGreaterThan(0);
    expect(summary.targets.behind.count).toBeGreaterThan(0);
  });
});

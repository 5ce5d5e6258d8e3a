import 'server-only';
/**
 * A believable portfolio for the demo organization (and, at scale, for benchmarks): accounts
 * across all levels with 18 months of assessments that move up and down the way the model says
 * they do (level 2 slips back to 1 when competitors catch up; 4 and 5 are sticky). Pure and
 * deterministic for a given seed, so every fresh start shows the same story.
 */

interface PlannedVote {
  voter: number;
  level: number;
  rationale: string;
}

interface PlannedAssessment {
  at: Date;
  teamLevel: number;
  starter: number;
  votes: PlannedVote[];
  closeReason: string | null;
}

export interface PlannedAccount {
  name: string;
  domain: string;
  segment: string;
  owner: number;
  annualRevenue: number;
  currency: 'SEK' | 'EUR' | 'NOK';
  targetLevel: number | null;
  targetDate: string | null;
  closed: PlannedAssessment[];
}

/** Mulberry32: a tiny seeded PRNG, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Made-up Nordic company names: a first part, a trade and a company form. */
export const COMPANY_NAME_PARTS = {
  first: [
    'Nordvik',
    'Fjäll',
    'Kust',
    'Sjöberg',
    'Granit',
    'Björk',
    'Älv',
    'Vinter',
    'Ljung',
    'Hav',
    'Stål',
    'Ek',
    'Norrsken',
    'Skog',
    'Berg',
    'Strand',
    'Dal',
    'Frost',
    'Glimt',
    'Sol',
  ],
  second: [
    'Industri',
    'Logistik',
    'Energi',
    'Vård',
    'Bygg',
    'Handel',
    'Marin',
    'Teknik',
    'Livs',
    'Fastigheter',
    'Kraft',
    'Verken',
    'Transport',
    'Papper',
    'Data',
  ],
  suffix: ['AB', 'AB', 'Group', 'AS', 'Oy', 'AB'],
};
const SEGMENTS = ['Manufacturing', 'Logistics', 'Energy', 'Healthcare', 'Retail', 'Construction', 'Public sector'];

const RATIONALES: Record<number, string[]> = {
  1: ['They buy on price; the last tender went to whoever was cheapest.', 'We are one of four approved vendors and they rotate orders.'],
  2: ['They like the product quality, but a competitor is matching it.', 'Our delivery precision is a reason to buy, for now.'],
  3: ['Our service team is embedded in their maintenance planning.', 'They rely on our custom configuration and fast support.'],
  4: ['We helped cut their downtime; their COO links it to our work.', 'They invite us to plan next year’s capacity with them.'],
  5: ['We sit in their steering group for the factory programme.', 'Their CEO asks for our view on the market before big decisions.'],
};

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

function nextLevel(rng: () => number, level: number): number {
  const r = rng();
  const [down, up] = ({ 1: [0, 0.3], 2: [0.25, 0.25], 3: [0.15, 0.2], 4: [0.1, 0.1], 5: [0.1, 0] } as Record<number, [number, number]>)[
    level
  ]!;
  if (r < down) return level - 1;
  if (r > 1 - up) return level + 1;
  return level;
}

function startLevel(rng: () => number): number {
  const r = rng();
  return r < 0.2 ? 1 : r < 0.5 ? 2 : r < 0.8 ? 3 : r < 0.95 ? 4 : 5;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * @param voters how many people may vote (indexes 0..voters-1 into the caller's member list)
 * @param monthsOfHistory how far back the first assessment goes
 */
export function planPortfolio(options: {
  count: number;
  now: Date;
  seed: number;
  voters: number;
  monthsOfHistory?: number;
}): PlannedAccount[] {
  const rng = seededRandom(options.seed);
  const historyDays = Math.round((options.monthsOfHistory ?? 18) * 30.4);
  const usedNames = new Set<string>();
  const accounts: PlannedAccount[] = [];
  for (let i = 0; i < options.count; i++) {
    let name: string;
    do {
      name = `${pick(rng, COMPANY_NAME_PARTS.first)}${pick(rng, COMPANY_NAME_PARTS.second).toLowerCase()} ${pick(rng, COMPANY_NAME_PARTS.suffix)}`;
      if (usedNames.has(name)) name = `${name} ${usedNames.size}`;
    } while (usedNames.has(name));
    usedNames.add(name);
    const domain = `${name
      .split(' ')[0]!
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z]/g, '')}${i}.example`;

    // A few accounts stop being assessed: they show up as stale. A few were won this year: their
    // first level shows up as new in the movement views.
    const stale = rng() < 0.12;
    const neverAssessed = rng() < 0.06;
    const newlyWon = !stale && rng() < 0.12;
    const closed: PlannedAssessment[] = [];
    let level = startLevel(rng);
    let day = newlyWon ? 45 + Math.floor(rng() * 200) : historyDays - Math.floor(rng() * 40);
    const lastDay = stale ? 200 + Math.floor(rng() * 120) : 0;
    while (!neverAssessed && day > lastDay) {
      const at = new Date(options.now.getTime() - day * DAY + Math.floor(rng() * 8) * 60 * 60 * 1000);
      const votes: PlannedVote[] = [];
      const voterCount = Math.min(options.voters, 2 + Math.floor(rng() * 2));
      const first = Math.floor(rng() * options.voters);
      for (let v = 0; v < voterCount; v++) {
        const jitter = rng() < 0.3 ? (rng() < 0.5 ? -1 : 1) : 0;
        const voteLevel = Math.min(5, Math.max(1, level + jitter));
        votes.push({ voter: (first + v) % options.voters, level: voteLevel, rationale: pick(rng, RATIONALES[voteLevel]!) });
      }
      const sorted = votes.map((v) => v.level).sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const medianDown = sorted.length % 2 ? sorted[mid]! : Math.floor((sorted[mid - 1]! + sorted[mid]!) / 2);
      closed.push({
        at,
        teamLevel: level,
        starter: votes[0]!.voter,
        votes,
        closeReason: medianDown === level ? null : 'Discussed in the account review; the evidence points to this level.',
      });
      level = nextLevel(rng, level);
      day -= 60 + Math.floor(rng() * 70);
    }
    const current = closed.at(-1)?.teamLevel ?? null;
    const hasTarget = current !== null && current < 5 && rng() < 0.7;
    // Some targets were reached already, some were due a few months ago and missed, most are ahead.
    const targetKind = rng();
    const reached = targetKind < 0.2;
    const overdue = targetKind > 0.75;
    accounts.push({
      name,
      domain,
      segment: pick(rng, SEGMENTS),
      owner: Math.floor(rng() * options.voters),
      annualRevenue: Math.round((0.2 + rng() * rng() * 40) * 1_000_000),
      currency: rng() < 0.7 ? 'SEK' : rng() < 0.5 ? 'EUR' : 'NOK',
      targetLevel: hasTarget ? (reached ? current : Math.min(5, current + 1 + (rng() < 0.3 ? 1 : 0))) : null,
      targetDate: !hasTarget
        ? null
        : overdue && !reached
          ? new Date(options.now.getTime() - (60 + Math.floor(rng() * 90)) * DAY).toISOString().slice(0, 10)
          : `${options.now.getUTCFullYear() + (rng() < 0.5 ? 0 : 1)}-12-31`,
      closed,
    });
  }
  return accounts;
}

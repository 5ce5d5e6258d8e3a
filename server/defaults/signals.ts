import 'server-only';
import type { Tx } from '@/db/client';
import { levelSignals } from '@/db/schema';
import type { Level } from '../domain/levels';

/**
 * The evidence checklist every organization starts with: for each level, things a team can
 * actually observe in the relationship (what the customer says and does), not opinions.
 * Admins edit, reorder and retire them in Settings → Evidence checklist.
 */
export const DEFAULT_SIGNALS: Record<Level, Array<{ en: string; sv: string }>> = {
  1: [
    { en: 'The customer buys on price or availability', sv: 'Kunden köper på pris eller tillgänglighet' },
    { en: 'They compare us with several interchangeable suppliers', sv: 'Kunden jämför oss med flera utbytbara leverantörer' },
    { en: 'Procurement is our only point of contact', sv: 'Inköpsavdelningen är vår enda kontaktyta' },
    { en: 'Orders come through tenders or one-off purchases', sv: 'Beställningarna kommer via upphandlingar eller enstaka köp' },
  ],
  2: [
    {
      en: 'The customer names a concrete reason besides price to buy from us',
      sv: 'Kunden nämner ett konkret skäl utöver priset att köpa av oss',
    },
    {
      en: 'We understand some of their needs and adapt our offer to them',
      sv: 'Vi förstår en del av kundens behov och anpassar erbjudandet efter dem',
    },
    {
      en: 'Our quality is seen as good, though competitors could match it',
      sv: 'Vår kvalitet anses god, även om konkurrenterna skulle kunna matcha den',
    },
    { en: 'We regularly do more than the basic specification asks', sv: 'Vi gör regelbundet mer än grundspecifikationen kräver' },
  ],
  3: [
    {
      en: 'We have tailored our offer or service to this customer',
      sv: 'Vi har skräddarsytt erbjudandet eller servicen för den här kunden',
    },
    {
      en: 'The customer has a named person at our side who looks after them closely',
      sv: 'Kunden har en namngiven person hos oss som tar hand om dem',
    },
    { en: 'The customer praises our support and how quickly we respond', sv: 'Kunden berömmer vår support och hur snabbt vi svarar' },
    { en: 'We spend considerable time on the account between orders', sv: 'Vi lägger mycket tid på kunden även mellan beställningarna' },
  ],
  4: [
    {
      en: 'The customer asks us for help with business problems, not just products',
      sv: 'Kunden ber oss om hjälp med affärsproblem, inte bara om produkter',
    },
    { en: 'The customer links our contribution to their own results', sv: 'Kunden kopplar vårt bidrag till sina egna resultat' },
    { en: 'We are involved before a need turns into a request for quotes', sv: 'Vi är med innan ett behov blir en offertförfrågan' },
    {
      en: 'Competitors are no longer invited to bid for this business',
      sv: 'Konkurrenter bjuds inte längre in att lämna anbud på affären',
    },
  ],
  5: [
    {
      en: "We meet the customer's top management regularly about strategy",
      sv: 'Vi träffar kundens högsta ledning regelbundet för att tala strategi',
    },
    {
      en: 'The customer relies on our industry knowledge in long-term planning',
      sv: 'Kunden använder vår branschkunskap i sin långsiktiga planering',
    },
    {
      en: 'We work on organisational or operational issues together',
      sv: 'Vi arbetar tillsammans med organisatoriska och operativa frågor',
    },
    {
      en: 'We raise problems before the customer sees them, with solutions ready',
      sv: 'Vi lyfter problem innan kunden ser dem, och har lösningar redo',
    },
  ],
};

/** Inserts the default evidence checklist (signals per level) for a new organization (inside withOrg / enterOrg). */
export async function seedDefaultSignals(tx: Tx, orgId: string): Promise<void> {
  const rows = Object.entries(DEFAULT_SIGNALS).flatMap(([level, signals]) =>
    signals.map((signal, index) => ({ orgId, level: Number(level), labelEn: signal.en, labelSv: signal.sv, position: index + 1 })),
  );
  await tx.insert(levelSignals).values(rows);
}

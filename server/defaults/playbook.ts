import 'server-only';
import type { Tx } from '@/db/client';
import { playbookMethods } from '@/db/schema';

export interface DefaultMethod {
  nameEn: string;
  nameSv: string;
  descriptionEn: string;
  descriptionSv: string;
  actionPhraseEn: string;
  actionPhraseSv: string;
}

/**
 * The playbook every organization starts with: for each step up the Buy-Sell Hierarchy, the
 * methods that help an account make it (after Miller & Heiman), keyed by the level the step
 * starts from. Admins edit, reorder and retire them in Settings → Playbook.
 */
export const DEFAULT_PLAYBOOK: Record<1 | 2 | 3 | 4, DefaultMethod[]> = {
  // 1 → 2: make the offer more than the basic specification.
  1: [
    {
      nameEn: 'USP analysis',
      nameSv: 'USP-analys',
      descriptionEn:
        'Work out what sets your offer apart in ways this customer actually values, and make sure they know it. A difference the customer does not care about does not count.',
      descriptionSv:
        'Ta reda på vad som skiljer ert erbjudande från konkurrenternas på sätt som just den här kunden bryr sig om, och se till att kunden vet om det. En skillnad som kunden inte värdesätter räknas inte.',
      actionPhraseEn: 'Run a USP analysis',
      actionPhraseSv: 'Gör en USP-analys',
    },
    {
      nameEn: 'Consultative selling',
      nameSv: 'Rådgivande försäljning',
      descriptionEn:
        "Ask before you pitch: uncover the customer's harder, less obvious needs through open questions and careful listening, then shape the offer around them.",
      descriptionSv:
        'Fråga innan du säljer: ta reda på kundens mer komplexa och mindre uppenbara behov genom öppna frågor och aktivt lyssnande, och forma sedan erbjudandet efter dem.',
      actionPhraseEn: 'Hold a consultative needs meeting',
      actionPhraseSv: 'Håll ett rådgivande behovsmöte',
    },
    {
      nameEn: 'The five product levels (Kotler & Keller)',
      nameSv: 'Produktens fem nivåer (Kotler & Keller)',
      descriptionEn:
        'Go through the product layer by layer, from the core benefit via the basic, expected and augmented product to what it could become, and find where you can give more than the customer expects.',
      descriptionSv:
        'Gå igenom produkten lager för lager, från kärnnyttan via bas-, förväntad och utökad produkt till vad den skulle kunna bli, och hitta var ni kan ge mer än kunden förväntar sig.',
      actionPhraseEn: "Go through the offer's five product levels",
      actionPhraseSv: 'Gå igenom erbjudandets fem produktnivåer',
    },
    {
      nameEn: 'Customer-service mindset',
      nameSv: 'Kundservice som förhållningssätt',
      descriptionEn:
        'Look at every delivery, invoice and phone call through the customer’s eyes, and make a habit of leaving them pleasantly surprised.',
      descriptionSv: 'Se varje leverans, faktura och samtal med kundens ögon, och gör det till en vana att överraska kunden positivt.',
      actionPhraseEn: "Review the service through the customer's eyes",
      actionPhraseSv: 'Granska servicen med kundens ögon',
    },
  ],
  // 2 → 3: meet the customer on a deeper level: tailoring or clearly better support.
  2: [
    {
      nameEn: 'Customer experience mapping',
      nameSv: 'Kartläggning av kundupplevelsen',
      descriptionEn:
        'Map every point where the customer meets your organisation, from the first contact to support and renewal, and improve the weakest moments one at a time.',
      descriptionSv:
        'Kartlägg varje kontaktpunkt mellan kunden och er organisation, från första kontakten till support och förnyelse, och förbättra de svagaste ögonblicken ett i taget.',
      actionPhraseEn: 'Map the customer experience',
      actionPhraseSv: 'Kartlägg kundupplevelsen',
    },
    {
      nameEn: 'Value chain analysis',
      nameSv: 'Värdekedjeanalys',
      descriptionEn:
        'Walk through your own activities and ask where you could create extra value for this customer: faster delivery, free training, a quality guarantee?',
      descriptionSv:
        'Gå igenom era egna aktiviteter och fråga var ni kan skapa mer värde för just den här kunden: snabbare leveranser, kostnadsfri utbildning, en kvalitetsgaranti?',
      actionPhraseEn: 'Run a value chain analysis',
      actionPhraseSv: 'Gör en värdekedjeanalys',
    },
    {
      nameEn: 'RATER service-quality model',
      nameSv: 'RATER-modellen för servicekvalitet',
      descriptionEn:
        'Rate the service the customer gets on five dimensions (reliability, assurance, tangibles, empathy and responsiveness), then close the biggest gap first.',
      descriptionSv:
        'Bedöm servicen kunden får utifrån fem dimensioner (pålitlighet, trygghet, det påtagliga, empati och lyhördhet) och täpp sedan till det största gapet först.',
      actionPhraseEn: 'Rate the service with the RATER model',
      actionPhraseSv: 'Bedöm servicen enligt RATER-modellen',
    },
    {
      nameEn: 'Kaizen',
      nameSv: 'Kaizen (ständiga förbättringar)',
      descriptionEn:
        'Improve the service in small, frequent steps together with the people who deliver it, and follow up on every change so the gains last.',
      descriptionSv:
        'Förbättra servicen i små och täta steg tillsammans med dem som levererar den, och följ upp varje förändring så att vinsten består.',
      actionPhraseEn: 'Start a Kaizen improvement round',
      actionPhraseSv: 'Starta en förbättringsrunda enligt Kaizen',
    },
  ],
  // 3 → 4: a big step: understand the customer's business problems and bring practical solutions.
  3: [
    {
      nameEn: 'Problem-solving process (Simplex)',
      nameSv: 'Problemlösningsprocessen (Simplex)',
      descriptionEn:
        "Solve the customer's business problems with them in a structured way: find the problem, gather the facts, come up with options, choose one, plan it and see it through.",
      descriptionSv:
        'Lös kundens affärsproblem tillsammans med kunden på ett strukturerat sätt: hitta problemet, samla fakta, ta fram alternativ, välj ett, planera och genomför.',
      actionPhraseEn: 'Solve a business problem using Simplex',
      actionPhraseSv: 'Lös ett affärsproblem enligt Simplex',
    },
    {
      nameEn: 'Consensus-oriented decision-making (Hartnett)',
      nameSv: 'Konsensusorienterat beslutsfattande (Hartnett)',
      descriptionEn:
        "When many people on the customer's side are involved, run decisions so that everyone is heard and stands behind the outcome, instead of one voice deciding for the rest.",
      descriptionSv:
        'När många personer hos kunden är inblandade, led besluten så att alla blir hörda och står bakom resultatet, i stället för att en röst bestämmer åt de andra.',
      actionPhraseEn: 'Lead a consensus decision',
      actionPhraseSv: 'Led ett gemensamt beslut i konsensus',
    },
    {
      nameEn: 'Building trustworthy relationships',
      nameSv: 'Bygga förtroendefulla relationer',
      descriptionEn:
        "Keep every promise, raise problems early and put the customer's interest first, even when it costs you an order. Trust has to be earned again and again.",
      descriptionSv:
        'Håll varje löfte, ta upp problem i tid och sätt kundens intresse först, även när det kostar en order. Förtroende måste förtjänas om och om igen.',
      actionPhraseEn: 'Build a relationship of trust',
      actionPhraseSv: 'Bygg en förtroendefull relation',
    },
  ],
  // 4 → 5: solutions at both the strategic and the operational level.
  4: [
    {
      nameEn: 'Working with top management',
      nameSv: 'Arbeta med högsta ledningen',
      descriptionEn:
        "Build the confidence and credibility to work with the customer's executives and senior decision makers on strategy, not only with buyers and users.",
      descriptionSv:
        'Bygg upp självförtroende och trovärdighet för att arbeta med kundens ledning och seniora beslutsfattare kring strategi, inte bara med inköpare och användare.',
      actionPhraseEn: 'Hold a strategy review with top management',
      actionPhraseSv: 'Håll en strategigenomgång på ledningsnivå',
    },
    {
      nameEn: "Becoming an expert in the customer's industry",
      nameSv: 'Bli expert på kundens bransch',
      descriptionEn:
        "Learn the customer's market, regulations and competitors well enough to see problems coming, and be ready with solutions before they ask.",
      descriptionSv:
        'Lär känna kundens marknad, regelverk och konkurrenter så väl att ni ser problemen komma och har lösningar redo innan kunden frågar.',
      actionPhraseEn: "Get to know the customer's industry in depth",
      actionPhraseSv: 'Fördjupa dig i kundens bransch',
    },
  ],
};

/** Inserts the default playbook methods for a new organization (inside withOrg / enterOrg). */
export async function seedDefaultPlaybook(tx: Tx, orgId: string): Promise<void> {
  const rows = Object.entries(DEFAULT_PLAYBOOK).flatMap(([fromLevel, methods]) =>
    methods.map((method, index) => ({ orgId, fromLevel: Number(fromLevel), position: index + 1, ...method })),
  );
  await tx.insert(playbookMethods).values(rows);
}

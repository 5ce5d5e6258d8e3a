import 'server-only';

/*
 * The sample accounts a new organization may load to try Rung before its own data is in: a
 * handful of fictitious companies, each with the people a seller would meet there. Domains use
 * the reserved .example top-level domain and addresses example.com-style hosts under it, so no
 * real company or mailbox is ever named or written to.
 */

type BuyingRole = 'economic_buyer' | 'user' | 'technical' | 'coach' | 'other';

interface SampleContact {
  name: string;
  title: string;
  email: string;
  buyingRole: BuyingRole;
  language: 'en' | 'sv';
}

interface SampleAccount {
  name: string;
  domain: string;
  segment: string;
  annualRevenue: string;
  currency: string;
  targetLevel: number;
  /** Where the team places them today, recorded as a team level when the samples are loaded; null when not assessed yet. */
  teamLevel: 1 | 2 | 3 | 4 | 5 | null;
  contacts: SampleContact[];
}

export const SAMPLE_ACCOUNTS: readonly SampleAccount[] = [
  {
    name: 'Nordvik Logistik AB',
    domain: 'nordvik-logistik.example',
    segment: 'Logistics',
    annualRevenue: '48000000',
    currency: 'SEK',
    targetLevel: 4,
    teamLevel: 3,
    contacts: [
      {
        name: 'Ingrid Sjöberg',
        title: 'COO',
        email: 'ingrid.sjoberg@nordvik-logistik.example',
        buyingRole: 'economic_buyer',
        language: 'sv',
      },
      {
        name: 'Oskar Lund',
        title: 'Head of Warehouse Systems',
        email: 'oskar.lund@nordvik-logistik.example',
        buyingRole: 'technical',
        language: 'sv',
      },
      { name: 'Amira Haddad', title: 'Fleet Planner', email: 'amira.haddad@nordvik-logistik.example', buyingRole: 'user', language: 'en' },
    ],
  },
  {
    name: 'Brightwater Clinics',
    domain: 'brightwater-clinics.example',
    segment: 'Healthcare',
    annualRevenue: '12500000',
    currency: 'EUR',
    targetLevel: 3,
    teamLevel: 2,
    contacts: [
      {
        name: 'Daniel Okafor',
        title: 'Chief Financial Officer',
        email: 'daniel.okafor@brightwater-clinics.example',
        buyingRole: 'economic_buyer',
        language: 'en',
      },
      {
        name: 'Helen Marsh',
        title: 'Procurement Lead',
        email: 'helen.marsh@brightwater-clinics.example',
        buyingRole: 'other',
        language: 'en',
      },
    ],
  },
  {
    name: 'Kobolt Verktyg AB',
    domain: 'kobolt-verktyg.example',
    segment: 'Manufacturing',
    annualRevenue: '96000000',
    currency: 'SEK',
    targetLevel: 5,
    teamLevel: 4,
    contacts: [
      { name: 'Lars Engström', title: 'VD', email: 'lars.engstrom@kobolt-verktyg.example', buyingRole: 'economic_buyer', language: 'sv' },
      { name: 'Sofia Berg', title: 'Produktionschef', email: 'sofia.berg@kobolt-verktyg.example', buyingRole: 'user', language: 'sv' },
      { name: 'Mikael Nyström', title: 'Inköpare', email: 'mikael.nystrom@kobolt-verktyg.example', buyingRole: 'coach', language: 'sv' },
    ],
  },
  {
    name: 'Harbor & Pine Retail',
    domain: 'harborpine.example',
    segment: 'Retail',
    annualRevenue: '31000000',
    currency: 'USD',
    targetLevel: 3,
    teamLevel: 1,
    contacts: [
      {
        name: 'Grace Liu',
        title: 'VP Store Operations',
        email: 'grace.liu@harborpine.example',
        buyingRole: 'economic_buyer',
        language: 'en',
      },
      { name: 'Tom Becker', title: 'IT Manager', email: 'tom.becker@harborpine.example', buyingRole: 'technical', language: 'en' },
    ],
  },
  {
    name: 'Fjällström Energi',
    domain: 'fjallstrom-energi.example',
    segment: 'Energy',
    annualRevenue: '210000000',
    currency: 'SEK',
    targetLevel: 4,
    teamLevel: null,
    contacts: [
      {
        name: 'Karin Åberg',
        title: 'Hållbarhetschef',
        email: 'karin.aberg@fjallstrom-energi.example',
        buyingRole: 'coach',
        language: 'sv',
      },
      { name: 'Jonas Wik', title: 'CFO', email: 'jonas.wik@fjallstrom-energi.example', buyingRole: 'economic_buyer', language: 'sv' },
    ],
  },
];

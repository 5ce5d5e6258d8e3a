import drizzle from 'eslint-plugin-drizzle';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noDatabase = { group: ['@/db/client', '@/db/tenant', '@/db/schema', '@/db/schema/*'], message: 'Go through a tRPC procedure; components never touch the database.' };
const noProcedureInternals = {
  group: ['@/server/routers/*', '@/server/services/*', '@/server/dashboard/*'],
  message: 'Name procedure data with RouterOutputs / RouterInputs from @/components/trpc.',
};

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', '.data/**', '.data-*/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['app/**/*.tsx', 'components/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    plugins: { drizzle },
    rules: {
      // An update or delete without a where clause would hit every row the transaction can see.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Components and pages reach data through tRPC only: never the database directly.
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noDatabase] }],
    },
  },
  {
    // The shape of a procedure's data is named from the router's type (RouterOutputs, RouterInputs),
    // so a component never reaches into the router or the queries behind it.
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noDatabase, noProcedureInternals] }],
    },
  },
);

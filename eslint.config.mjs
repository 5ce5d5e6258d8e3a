import drizzle from 'eslint-plugin-drizzle';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noDatabase = {
  group: ['@/db/client', '@/db/tenant', '@/db/schema', '@/db/schema/*'],
  message: 'Go through a tRPC procedure; components never touch the database.',
};
const noProcedureInternals = {
  group: ['@/server/routers/*', '@/server/services/*', '@/server/dashboard/*'],
  message: 'Name procedure data with RouterOutputs / RouterInputs from @/components/trpc.',
};

const serverLayers = ['@/server/*', '@/server/**', '../server/*', '../server/**', '../../server/**'];

/**
 * Modules that hold secrets, SQL or sessions say so with `import 'server-only'`, so a client
 * component that reaches one fails the build instead of shipping it to the browser.
 */
const requireServerOnly = {
  meta: { type: 'problem', schema: [], messages: { missing: "A server module starts with `import 'server-only';`." } },
  create(context) {
    return {
      Program(program) {
        const marked = program.body.some((node) => node.type === 'ImportDeclaration' && node.source.value === 'server-only');
        if (!marked) context.report({ node: program, messageId: 'missing' });
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      '.data-*/**',
      'db/migrations/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  // Type-checked rules read each file's types through TypeScript's project service (tsconfig.json).
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
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
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Type-only imports say so, so a client component can name a server type without the bundler having to prove
      // the import away. Mixed imports mark each type inline; an import of types only is `import type { … }`.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // Both come with recommendedTypeChecked; named here so that a change of preset cannot drop them.
      '@typescript-eslint/no-floating-promises': 'error',
      // JSX attributes stay checked (no `checksVoidReturn: { attributes: false }`): React drops whatever an event
      // handler returns, so a rejection there reaches only the console, never the person. The few async handlers
      // catch their own errors or only refetch (React Query reports through the query's state) and say so with `void`.
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.objectContaining, ...) are typed `any` by design, and an
    // expected object holds them in its fields. The other no-unsafe-* rules still apply to tests.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
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
  {
    // db/ is the bottom layer: schema, client, tenancy. It never calls up into server/.
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: serverLayers, message: 'db/ must not depend on server/; move the code up to server/.' }] },
      ],
    },
  },
  {
    // Pure rules and input schemas run in the browser too (forms share them): no database, no services, no I/O.
    files: ['server/domain/**/*.ts', 'server/inputs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/db/*', '@/db/**', 'drizzle-orm', 'drizzle-orm/*', 'node:*', 'server-only'],
              message: 'server/domain and server/inputs stay pure: no database and no I/O.',
            },
            {
              group: [
                '../api/*',
                '../services/*',
                '../adapters/*',
                '../runtime/*',
                '../routers/*',
                '../dashboard/*',
                '@/server/api/*',
                '@/server/services/*',
                '@/server/adapters/*',
                '@/server/runtime/*',
                '@/server/routers/*',
                '@/server/dashboard/*',
              ],
              message: 'Pure modules do not call services.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'db/client.ts',
      'db/tenant.ts',
      'server/api/**/*.ts',
      'server/routers/**/*.ts',
      'server/services/**/*.ts',
      'server/adapters/**/*.ts',
      'server/runtime/**/*.ts',
      'server/dashboard/**/*.ts',
      'server/demo/**/*.ts',
      'server/defaults/**/*.ts',
      'server/auth/**/*.ts',
    ],
    plugins: { rung: { rules: { 'server-only': requireServerOnly } } },
    rules: { 'rung/server-only': 'error' },
  },
  {
    // The .mjs config and scripts are outside tsconfig.json (allowJs is off), so there are no types to check them with.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);

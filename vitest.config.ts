import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(import.meta.dirname),
  // Tests import server modules directly, outside React's server layer, where the marker would throw.
  'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
};

/*
 * Vitest's default is one worker fewer than the cores, which on a two-core machine is one. Every
 * integration file works on databases of its own (tests/helpers/db.ts), so files can all run at once.
 */
const cores = os.availableParallelism();

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', maxWorkers: cores },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          maxWorkers: cores,
          // next-auth imports 'next/server' without an extension, which Node's own resolver refuses;
          // bundled by Vite it resolves, so the session tests can run Auth.js's real cookie check.
          server: { deps: { inline: ['next-auth'] } },
          // Cheap password hashing (server/adapters/passwords.ts): the factories sign up hundreds of people.
          env: { RUNG_CHEAP_PASSWORD_HASHING: '1' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Operations under faults: each test starts its own PostgreSQL cluster (tests/helpers/private-cluster.ts),
          // kills and restarts it. Slow and root-only, so `.ci/run` runs them, not `npm test`.
          name: 'ops',
          include: ['tests/ops/**/*.test.ts'],
          environment: 'node',
          env: { RUNG_CHEAP_PASSWORD_HASHING: '1' },
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

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
 * file runs on a private embedded database, so they can all run at once. On a shared server
 * database they run one at a time: files there see each other's rows.
 */
const cores = os.availableParallelism();
const integrationWorkers = process.env.TEST_DATABASE_URL ? 1 : cores;

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
          maxWorkers: integrationWorkers,
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

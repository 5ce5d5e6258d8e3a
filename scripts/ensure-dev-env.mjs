// Before `next dev`: make sure .env.local holds an AUTH_SECRET, so a fresh clone needs no setup.
// Production never takes this path: `next start` refuses to run without AUTH_SECRET.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, appendFileSync } from 'node:fs';

const file = '.env.local';
const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
if (!process.env.AUTH_SECRET && !/^AUTH_SECRET=/m.test(current)) {
  const line = `AUTH_SECRET=${randomBytes(32).toString('base64')}\n`;
  appendFileSync(
    file,
    (current && !current.endsWith('\n') ? '\n' : '') + '# Generated for local development by scripts/ensure-dev-env.mjs\n' + line,
  );
  console.log('Generated AUTH_SECRET for development in .env.local');
}

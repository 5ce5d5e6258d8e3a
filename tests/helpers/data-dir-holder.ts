/*
 * A second process for the embedded-lock tests, driven line by line over stdin:
 * "try" → tries to lock the folder given as argument and answers "won" or "lost";
 * "release" → gives the lock back and answers "released". It exits when stdin closes.
 */
import { createInterface } from 'node:readline';
import { lockDataDir } from '../../db/data-dir-lock';

const dataDir = process.argv[2]!;
let release: (() => Promise<void>) | null = null;

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  void (async () => {
    if (line === 'try') {
      try {
        release = await lockDataDir(dataDir);
        console.log('won');
      } catch {
        console.log('lost');
      }
    } else if (line === 'release') {
      await release?.();
      release = null;
      console.log('released');
    }
  })();
});
console.log('ready');

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { WEB_DIST } from './app.ts';

const WEB_ROOT = path.dirname(WEB_DIST);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** In a checkout, builds the web app when it is missing or older than its sources. */
export function ensureWebBuilt(log: { info(msg: string): void }): void {
  const src = path.join(WEB_ROOT, 'src');
  if (!existsSync(src)) return;
  const index = path.join(WEB_DIST, 'index.html');
  const contracts = path.join(WEB_ROOT, '../contracts/src');
  const sources = Math.max(newestMtime(src), existsSync(contracts) ? newestMtime(contracts) : 0);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log.info('building the web app (first start or changed sources)...');
  const result = spawnSync(
    process.execPath,
    [path.join(WEB_ROOT, '../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: WEB_ROOT,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('Building the web app failed; see the output above.');
}

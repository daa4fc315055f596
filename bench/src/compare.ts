/** `npm run bench:compare`: the newest result file against the one before it (or two files given). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from './report.ts';
import { root } from './server.ts';

const dir = path.join(root, 'bench/results');
const given = process.argv.slice(2);
const files =
  given.length === 2
    ? given
    : readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .slice(-2)
        .map((f) => path.join(dir, f));
if (files.length < 2) {
  process.stdout.write('Need two result files in bench/results (run `npm run bench` twice).\n');
  process.exit(0);
}
const [before, after] = files.map((f) => JSON.parse(readFileSync(f as string, 'utf8')) as Report) as [Report, Report];
const change = (a: number, b: number) => (a > 0 ? `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)}%` : '—');
const lines = [
  `## ${path.basename(files[0] as string)} → ${path.basename(files[1] as string)}`,
  '',
  '| operation | p95 before ms | p95 after ms | change |',
  '|---|---:|---:|---:|',
];
for (const op of after.operations) {
  const old = before.operations.find((o) => o.name === op.name);
  lines.push(
    `| ${op.name} | ${old?.api.p95 ?? '—'} | ${op.api.p95} | ${old ? change(old.api.p95, op.api.p95) : 'new'} |`,
  );
}
lines.push('', '| throughput | connections | req/s before | req/s after | change |', '|---|---:|---:|---:|---:|');
for (const t of after.throughput) {
  const old = before.throughput.find((o) => o.name === t.name && o.connections === t.connections);
  lines.push(
    `| ${t.name} | ${t.connections} | ${old?.rps ?? '—'} | ${t.rps} | ${old ? change(old.rps, t.rps) : 'new'} |`,
  );
}
lines.push(
  '',
  `Startup: ${before.server.startupMs} → ${after.server.startupMs} ms · RSS after load: ${before.server.rssMbAfterLoad} → ${after.server.rssMbAfterLoad} MB`,
);
process.stdout.write(`${lines.join('\n')}\n`);

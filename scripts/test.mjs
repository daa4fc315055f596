#!/usr/bin/env node
// The whole test suite, as CI and a developer run it: static checks, unit and integration tests
// against real PostgreSQL (vitest), then browser journeys in Debian's Chromium. Ends with the line
// "N passed, N failed" and a non-zero exit code when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- vitest` or `npm test -- e2e`
const wants = (part) => only.length === 0 || only.includes(part);

let passed = 0;
let failed = 0;
const failures = [];

function run(cmd, args, opts = {}) {
  console.log(`\n▶ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status ?? 1;
}

function count(ok, name) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => existsSync(p));
}

function ensureChromium() {
  if (chromiumPath()) return true;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian\'s "chromium" package for the browser tests.');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (chromiumPath()) return true;
  console.error(
    'The browser tests need Chromium: install it with "sudo apt-get install chromium" (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary.',
  );
  return false;
}

if (wants('check')) {
  count(run('npm', ['run', '--silent', 'check']) === 0, 'npm run check (format, lint, types)');
}

if (wants('vitest')) {
  const report = path.join(results, 'vitest.json');
  const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    for (const file of r.testResults ?? []) {
      for (const a of file.assertionResults ?? []) if (a.status === 'failed') failures.push(a.fullName);
      // A file that fails to load has no test results of its own: count it as one failure.
      if (file.status === 'failed' && (file.assertionResults ?? []).every((a) => a.status !== 'failed')) {
        failed++;
        failures.push(`${path.relative(root, file.name)}: ${String(file.message ?? '').split('\n')[0]}`);
      }
    }
    if (status !== 0 && r.numFailedTests === 0 && r.numFailedTestSuites === 0)
      count(false, 'vitest run (errors outside tests)');
  } else count(false, 'vitest run (no report)');
}

if (wants('e2e')) {
  if (!ensureChromium()) count(false, 'browser journeys: Chromium missing');
  else {
    const tap = path.join(results, 'e2e.tap');
    // Node 20's runner does not pick up .ts files from a folder: name every journey.
    const journeys = readdirSync(path.join(root, 'e2e/journeys'))
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => `e2e/journeys/${f}`);
    const status = run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=1',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...journeys,
      ],
      { env: { ...process.env, CHROMIUM_PATH: chromiumPath() } },
    );
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
    const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
    passed += pass;
    failed += fail;
    for (const m of text.matchAll(/^\s*not ok \d+ - (.*)$/gm)) failures.push(`e2e: ${m[1]}`);
    if (status !== 0 && fail === 0) count(false, 'browser journeys (runner error)');
    if (pass + fail === 0 && journeys.length > 0) count(false, 'browser journeys (no test ran)');
  }
}

if (wants('bench')) {
  // The benchmark at a tiny scale, once: it must run end to end; it asserts no timings.
  count(
    run('npm', ['run', '--silent', 'bench', '--', '--smoke']) === 0,
    'benchmark smoke run (npm run bench -- --smoke)',
  );
}

if (failures.length > 0) {
  console.log('\nFailed:');
  for (const f of failures) console.log(`  ✗ ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

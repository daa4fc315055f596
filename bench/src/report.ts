export type Stat = { n: number; p50: number; p95: number; p99: number; mean: number };
export type Result = { name: string; target: string; api: Stat; sql: Stat | null };
export type Report = {
  date: string;
  scale: number;
  machine: { cpus: number; memoryGb: number; node: string };
  dataset: { companies: number; contacts: number; loadSeconds: number };
  operations: Result[];
  throughput: { name: string; connections: number; rps: number; p99: number; errors: number }[];
  server: { startupMs: number | null; rssMbAfterLoad: number; rssMbAfterStart: number | null };
  import?: null | {
    rows: number;
    bytes: number;
    uploadMs: number;
    runMs: number;
    rowsPerSecond: number;
    sqlRowsPerSecond?: number;
    created: number;
    failed: number;
  };
};

const round = (v: number) => Math.round(v * 100) / 100;

export function stat(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return {
    n: s.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
  };
}

export function renderMarkdown(r: Report): string {
  const lines = [
    `## Rapport benchmark, scale ${r.scale} (${r.dataset.companies.toLocaleString('en')} companies, ${r.dataset.contacts.toLocaleString('en')} contacts)`,
    '',
    `${r.date} · ${r.machine.cpus} cores · ${r.machine.memoryGb} GiB · Node ${r.machine.node} · dataset loaded in ${r.dataset.loadSeconds.toFixed(1)} s`,
    '',
    '| operation | API p50 ms | API p95 ms | API p99 ms | SQL p50 ms | SQL p95 ms | API/SQL p95 | target |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const o of r.operations) {
    const ratio = o.sql && o.sql.p95 > 0 ? `${(o.api.p95 / o.sql.p95).toFixed(2)}×` : '—';
    lines.push(
      `| ${o.name} | ${o.api.p50} | ${o.api.p95} | ${o.api.p99} | ${o.sql?.p50 ?? '—'} | ${o.sql?.p95 ?? '—'} | ${ratio} | ${o.target} |`,
    );
  }
  lines.push('', '| throughput | connections | requests/s | p99 ms | errors |', '|---|---:|---:|---:|---:|');
  for (const t of r.throughput) lines.push(`| ${t.name} | ${t.connections} | ${t.rps} | ${t.p99} | ${t.errors} |`);
  lines.push(
    '',
    r.server.startupMs === null
      ? `Node RSS after load: ${r.server.rssMbAfterLoad} MB (target ≤ 300)`
      : `Startup with the existing data folder: ${r.server.startupMs} ms (target ≤ 3,000) · Node RSS after load: ${r.server.rssMbAfterLoad} MB (target ≤ 300), after a fresh start: ${r.server.rssMbAfterStart} MB`,
  );
  if (r.import) {
    const i = r.import;
    lines.push(
      '',
      `CSV import of ${i.rows.toLocaleString('en')} contacts (${(i.bytes / 2 ** 20).toFixed(1)} MB): ${i.rowsPerSecond.toLocaleString('en')} rows/s from "run" to "done" (target ≥ 20,000)${i.sqlRowsPerSecond ? `; the same rows inserted in one SQL statement: ${i.sqlRowsPerSecond.toLocaleString('en')} rows/s` : ''} · ${i.runMs} ms running, ${i.uploadMs} ms upload and parse · ${i.created} created, ${i.failed} failed`,
    );
  }
  return `${lines.join('\n')}\n`;
}

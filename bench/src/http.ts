import http from 'node:http';

/**
 * The benchmark's HTTP client: node:http over kept-alive connections. `fetch` (undici) costs the
 * client about 0.5 ms per request and 2 ms at p95 on the 2-core machine, time a browser or an API
 * client in another process does not spend on our behalf; measured against a bare node:http server
 * answering "ok": fetch p50 0.9 ms / p95 3.0 ms, this client 0.4 / 1.1 ms.
 */
export function httpClient(baseUrl: string, apiKey: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  return (method: string, url: string, body?: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string | number> = { authorization: `Bearer ${apiKey}` };
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      const req = http.request(`${baseUrl}${url}`, { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) reject(new Error(`${method} ${url} → ${status} ${text.slice(0, 300)}`));
          else resolve(text ? JSON.parse(text) : null);
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
}

import assert from 'node:assert/strict';

/**
 * A cookie-keeping HTTP client that sets the scene of a journey through the API, as a second browser would.
 * Requests are sent as the browser sends them: the auth routes refuse writes without an Origin, and
 * cookie-authenticated writes carry `x-requested-with`.
 */
export class ApiClient {
  cookie = '';
  constructor(readonly base: string) {}

  // biome-ignore lint/suspicious/noExplicitAny: journeys read response bodies freely and assert on them
  async call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', origin: this.base };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== 'GET') headers['x-requested-with'] = 'rapport';
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (set.length > 0) this.cookie = [this.cookie, ...set].filter(Boolean).join('; ');
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** The answer's body; anything but a 2xx fails the journey with the server's answer. */
  // biome-ignore lint/suspicious/noExplicitAny: journeys read response bodies freely and assert on them
  async ok(method: string, url: string, body?: unknown): Promise<any> {
    const res = await this.call(method, url, body);
    assert.ok(res.status < 300, `${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

export type Person = { name: string; email: string; password: string };

/**
 * A workspace with an administrator and one colleague (role `user`), made through the API as the first run
 * and an invitation make it: the start of the journeys that need two people. Returns both signed in.
 */
export async function createTeam(
  base: string,
  workspace: string,
  admin: Person,
  colleague: Person,
): Promise<{ admin: ApiClient; colleague: ApiClient }> {
  const adminApi = new ApiClient(base);
  await adminApi.ok('POST', '/api/v1/setup', { workspace, ...admin });
  await adminApi.ok('POST', '/api/auth/sign-in/email', { email: admin.email, password: admin.password });
  const colleagueApi = new ApiClient(base);
  await colleagueApi.ok('POST', '/api/auth/sign-up/email', colleague);
  const invitation = await adminApi.ok('POST', '/api/v1/invitations', { email: colleague.email, role: 'user' });
  await colleagueApi.ok('POST', `/api/v1/invitations/${invitation.id}/accept`, {});
  return { admin: adminApi, colleague: colleagueApi };
}

/**
 * What the address bar says about the task list, so a link shows the same list: whose (`who`), which
 * due bucket, status, kind, company, search text and sort.
 */
export type TaskSearch = {
  who?: 'me' | 'team';
  due?: 'overdue' | 'today' | 'week' | 'later' | 'none';
  status?: 'open' | 'done' | 'any';
  kind?: 'task' | 'call' | 'meeting';
  company?: string;
  q?: string;
  sort?: string;
  /** An activity open in the modal. */
  open?: string;
};

const pick = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TASK_SORTS = ['start', 'title', 'priority', 'createdAt', 'updatedAt', 'doneAt'] as const;

export function validateTaskSearch(s: Record<string, unknown>): TaskSearch {
  const sort = str(s.sort);
  const company = str(s.company);
  const open = str(s.open);
  return {
    who: pick(s.who, ['me', 'team'] as const),
    due: pick(s.due, ['overdue', 'today', 'week', 'later', 'none'] as const),
    status: pick(s.status, ['open', 'done', 'any'] as const),
    kind: pick(s.kind, ['task', 'call', 'meeting'] as const),
    company: company && UUID.test(company) ? company : undefined,
    q: str(s.q),
    sort: sort && (TASK_SORTS as readonly string[]).includes(sort.replace(/^-/, '')) ? sort : undefined,
    open: open && UUID.test(open) ? open : undefined,
  };
}

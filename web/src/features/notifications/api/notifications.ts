import type { LiveMessage, Notification, NotificationPage } from '@rapport/contracts/notifications.ts';
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../lib/api.ts';

export const notificationKeys = { all: ['notifications'] as const };
type Pages = InfiniteData<NotificationPage, string | null>;

const PAGE = 15;

/** My notifications, newest first, in pages; `unread` is on every page (the latest count). */
export function useNotifications(enabled = true) {
  return useInfiniteQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ pageParam, signal }) =>
      api.get<NotificationPage>('/api/v1/notifications', { limit: PAGE, before: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    enabled,
    staleTime: 60_000,
  });
}

function withUnread(
  data: Pages | undefined,
  unread: number,
  change?: (p: NotificationPage, i: number) => NotificationPage,
) {
  if (!data) return data;
  return { ...data, pages: data.pages.map((p, i) => ({ ...(change ? change(p, i) : p), unread })) };
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) =>
      api.post<{ changed: number; unread: number }>('/api/v1/notifications/read', body),
    onMutate: (body) => {
      // Shown read at once; the server's answer brings the exact count.
      qc.setQueryData<Pages>(notificationKeys.all, (data) => {
        if (!data) return data;
        const hit = (n: Notification) => 'all' in body || body.ids.includes(n.id);
        const turned = data.pages.flatMap((p) => p.items).filter((n) => !n.read && hit(n)).length;
        const unread = Math.max(0, (data.pages[0]?.unread ?? 0) - turned);
        return withUnread(data, unread, (p) => ({
          ...p,
          items: p.items.map((n) => (hit(n) ? { ...n, read: true } : n)),
        }));
      });
    },
    onSuccess: (res) => qc.setQueryData<Pages>(notificationKeys.all, (data) => withUnread(data, res.unread)),
    onError: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export type LiveState = 'connecting' | 'open' | 'offline';

/**
 * Keeps a WebSocket to /api/v1/live while signed in: a new notification goes to the top of the list with the new
 * unread count (and anything about activities refreshes every view of them); when the connection drops it comes
 * back after 1, 2, 4 … up to 30 seconds.
 */
export function useLiveNotifications(opts: { enabled: boolean; onNotification?: (n: Notification) => void }) {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const onNotification = useRef(opts.onNotification);
  onNotification.current = opts.onNotification;

  useEffect(() => {
    if (!opts.enabled) return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let stopped = false;

    const handle = (msg: LiveMessage) => {
      if (msg.type === 'resync') {
        void qc.invalidateQueries({ queryKey: notificationKeys.all });
        return;
      }
      if (msg.type === 'unread') {
        qc.setQueryData<Pages>(notificationKeys.all, (data) => withUnread(data, msg.unread));
        void qc.invalidateQueries({ queryKey: notificationKeys.all });
        return;
      }
      const n = msg.notification;
      qc.setQueryData<Pages>(notificationKeys.all, (data) =>
        withUnread(data, msg.unread, (p, i) =>
          i === 0 && !p.items.some((x) => x.id === n.id) ? { ...p, items: [n, ...p.items] } : p,
        ),
      );
      if (n.kind.startsWith('activity.')) void qc.invalidateQueries({ queryKey: ['activities'] });
      onNotification.current?.(n);
    };

    const connect = () => {
      if (stopped) return;
      setState('connecting');
      const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/v1/live`;
      const ws = new WebSocket(url);
      socket = ws;
      ws.onopen = () => {
        failures = 0;
        setState('open');
      };
      ws.onmessage = (e) => {
        try {
          handle(JSON.parse(String(e.data)) as LiveMessage);
        } catch {
          // A message we do not understand is left alone.
        }
      };
      ws.onclose = (e) => {
        if (socket !== ws || stopped) return;
        socket = null;
        setState('offline');
        // Closed because the session ended: the app finds out on its next request and shows the sign-in page.
        if (e.code === 4401) void qc.invalidateQueries({ queryKey: ['me'] });
        const delay = Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)) * (0.75 + Math.random() / 2);
        failures++;
        timer = setTimeout(connect, delay);
      };
    };
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close();
      socket = null;
    };
  }, [opts.enabled, qc]);

  return state;
}

import { useEffect } from 'react';

/** Sets the browser tab title for a page: "Page · Rapport". */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Rapport` : 'Rapport';
  }, [title]);
}

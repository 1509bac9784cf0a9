import { useEffect } from 'react';

/** Names the browser tab after the page once its title is known (`title · WORKIT Hub`). */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · WORKIT Hub`;
  }, [title]);
}

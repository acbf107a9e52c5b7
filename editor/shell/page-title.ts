import { useEffect } from 'react';

/**
 * Sets the browser tab's title while a page is shown: "<title> · ProjectTwin".
 * @example usePageTitle('Library')
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ProjectTwin` : 'ProjectTwin';
  }, [title]);
}

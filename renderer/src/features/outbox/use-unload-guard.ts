import { useEffect } from 'react';

/**
 * The browser harness's "quit with items pending asks first": while `active`, closing or
 * reloading the page brings up the browser's own leave-the-page prompt (browsers show their
 * own text, never the page's). Electron does not use it: a `beforeunload` that cancels there
 * would silently keep the window open, so main asks with its own dialog (main/app/quit-guard.ts).
 */
export function useUnloadGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const guard = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
      // Older Chromium only prompts when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [active]);
}

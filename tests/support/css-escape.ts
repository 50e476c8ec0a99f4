/**
 * jsdom has no `CSS.escape`, which react-aria's Popover (menus, select lists) calls when it opens;
 * every browser has it. Installs a minimal one (escapes every character outside [A-Za-z0-9_-]).
 */
export function ensureCssEscape(): void {
  if (typeof globalThis.CSS?.escape === 'function') return;
  Object.defineProperty(globalThis, 'CSS', {
    value: { escape: (value: string) => value.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`) },
    configurable: true,
  });
}

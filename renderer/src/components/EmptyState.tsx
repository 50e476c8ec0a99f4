import type { ReactNode } from 'react';

export function EmptyState({ title, hint }: { title: string; hint: string }): ReactNode {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      <p className="empty-state__hint">{hint}</p>
    </div>
  );
}

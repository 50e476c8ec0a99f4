import type { ReactNode } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../shared/api';
import { actionsFor, type DocumentAction } from './DocumentActionsPlan';

/** The per-row actions menu: only what the entry's status and visibility allow, keyboard accessible. */
export function DocumentActionsMenu(props: {
  readonly document: DocumentSummary;
  /** Replace needs a deposit form to open; without one it is not offered. */
  readonly canReplace: boolean;
  readonly onAction: (action: DocumentAction) => void;
}): ReactNode {
  const { t } = useTranslation();
  const actions = actionsFor(props.document).filter((action) => props.canReplace || action !== 'replace');
  if (actions.length === 0) return null;
  const title = props.document.title ?? t('documents.untitled');
  return (
    <MenuTrigger>
      <Button className="documents-button" aria-label={t('documents.actions.menuLabel', { title })}>
        {t('documents.actions.menu')} ▾
      </Button>
      <Popover className="documents-menu-popover" placement="bottom end">
        <Menu
          className="documents-menu"
          onAction={(key) => {
            const action = actions.find((a) => a === key);
            if (action !== undefined) props.onAction(action);
          }}
        >
          {actions.map((action) => (
            <MenuItem
              key={action}
              id={action}
              className={`documents-menu__item${action === 'delete' ? ' documents-menu__item--danger' : ''}`}
            >
              {t(`documents.actions.${action}.label`)}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

import type { ReactNode } from 'react';
import { Button, Disclosure as AriaDisclosure, DisclosurePanel, Heading } from 'react-aria-components';

/**
 * Detail on demand: react-aria's disclosure (a real button with aria-expanded, keyboard and screen
 * readers know it), its summary saying what is inside, open at first only when the common case needs it.
 * The panel's content is not rendered while closed, so nothing hidden is ever read or submitted.
 */
export function Disclosure(props: {
  readonly summary: string;
  readonly defaultOpen: boolean;
  readonly children: ReactNode;
}): ReactNode {
  return (
    <AriaDisclosure className="disclosure" defaultExpanded={props.defaultOpen}>
      {({ isExpanded }) => (
        <>
          <Heading level={3} className="disclosure__heading">
            <Button slot="trigger" className="disclosure__summary">
              <span aria-hidden="true">{isExpanded ? '▾' : '▸'}</span> {props.summary}
            </Button>
          </Heading>
          <DisclosurePanel className="disclosure__panel">{isExpanded ? props.children : null}</DisclosurePanel>
        </>
      )}
    </AriaDisclosure>
  );
}

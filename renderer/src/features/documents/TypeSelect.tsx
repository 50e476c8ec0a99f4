import type { ReactNode } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, type Key } from 'react-aria-components';

/** A document type picked from a list (react-aria Select: keyboard, typeahead, screen readers); `onChange` gets its code. */
export function TypeSelect(props: {
  readonly className: string;
  readonly label: string;
  readonly types: readonly { readonly code: string; readonly displayName: string }[];
  readonly selectedCode: string | null;
  readonly placeholder?: string;
  readonly onChange: (code: string) => void;
}): ReactNode {
  return (
    <Select
      className={props.className}
      {...(props.placeholder === undefined ? {} : { placeholder: props.placeholder })}
      selectedKey={props.selectedCode}
      onSelectionChange={(key: Key | null) => {
        if (key !== null) props.onChange(String(key));
      }}
    >
      <Label>{props.label}</Label>
      <Button className="documents-button">
        <SelectValue />
      </Button>
      <Popover className="deposit-type-popover">
        <ListBox items={props.types}>
          {(type) => (
            <ListBoxItem id={type.code} textValue={type.displayName} className="deposit-type-option">
              {type.displayName}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

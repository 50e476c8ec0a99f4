import type { ReactNode } from 'react';
import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LanguageSchema, type Language } from '../../../shared/api';

/** FR | EN, always visible in the header: a desk agent may switch for a patient in seconds. */
export function LanguageSwitch(props: { value: Language; onChange: (language: Language) => void }): ReactNode {
  const { t } = useTranslation();
  const onSelectionChange = (keys: Set<Key>): void => {
    const next = LanguageSchema.safeParse([...keys][0]);
    if (next.success && next.data !== props.value) props.onChange(next.data);
  };
  return (
    <ToggleButtonGroup
      aria-label={t('language.label')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[props.value]}
      onSelectionChange={onSelectionChange}
      className="language-switch"
    >
      {LANGUAGES.map((language) => (
        <ToggleButton key={language} id={language} lang={language} className="language-switch__option">
          {t(`language.${language}`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

import { useState, type ReactNode } from 'react';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { TextSizeSchema, type Settings, type SettingsPatch } from '../../../shared/api';
import type { AppErrorShape } from '../../../shared/errors';
import { useDmp } from '../app/dmp-context';
import { ErrorNotice } from '../components/ErrorNotice';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ConfigurationSection } from '../features/configuration/ConfigurationSection';
import { DiagnosticsSection } from '../features/diagnostics/DiagnosticsSection';
import { IndicatorsSection } from '../features/settings/IndicatorsSection';
import { UpdateSection } from '../features/update/UpdateSection';

export function SettingsScreen(props: {
  settings: Settings;
  update: (patch: SettingsPatch) => Promise<AppErrorShape | undefined>;
}): ReactNode {
  const { t } = useTranslation();
  const { appInfo } = useDmp();
  const [error, setError] = useState<AppErrorShape | undefined>();
  const [saved, setSaved] = useState(false);

  const apply = async (patch: SettingsPatch): Promise<void> => {
    setSaved(false);
    const failure = await props.update(patch);
    setError(failure);
    setSaved(failure === undefined);
  };

  return (
    <section aria-labelledby="settings-title" className="screen">
      <h1 id="settings-title">{t('screens.settings.title')}</h1>
      <div className="form-row">
        <span className="form-row__label" id="settings-language">
          {t('language.label')}
        </span>
        <LanguageSwitch value={props.settings.language} onChange={(language) => void apply({ language })} />
      </div>
      <RadioGroup
        className="form-row"
        value={props.settings.textSize}
        onChange={(value) => {
          const textSize = TextSizeSchema.safeParse(value);
          if (textSize.success) void apply({ textSize: textSize.data });
        }}
        orientation="horizontal"
      >
        <Label className="form-row__label">{t('screens.settings.textSize')}</Label>
        <div className="radio-row">
          <Radio value="normal" className="radio">
            {t('screens.settings.textSizeNormal')}
          </Radio>
          <Radio value="large" className="radio">
            {t('screens.settings.textSizeLarge')}
          </Radio>
        </div>
      </RadioGroup>
      <div aria-live="polite" className="status-line">
        {saved ? t('screens.settings.saved') : null}
      </div>
      {error === undefined ? null : <ErrorNotice error={error} />}

      <h2>{t('screens.settings.about')}</h2>
      <dl className="facts">
        <dt>{t('app.name')}</dt>
        <dd>{t('app.version', { version: appInfo.version })}</dd>
        <dt>{t('screens.settings.mode')}</dt>
        <dd>
          {appInfo.mode === 'training' ? t('screens.settings.modeTraining') : t('screens.settings.modeProduction')}
        </dd>
        <dt>{t('screens.settings.transport')}</dt>
        <dd>
          {appInfo.transport === 'electron'
            ? t('screens.settings.transportElectron')
            : t('screens.settings.transportWebsocket')}
        </dd>
      </dl>
      <ConfigurationSection />
      <IndicatorsSection />
      <UpdateSection />
      <DiagnosticsSection />
    </section>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsPatch } from '../../../shared/api';
import type { AppErrorShape } from '../../../shared/errors';
import { useDmp } from './dmp-context';

/** Apply the settings that live outside React: i18n language, <html lang>, text size. */
function useApplySettings(settings: Settings): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
    document.documentElement.lang = settings.language;
    document.documentElement.dataset['textSize'] = settings.textSize;
  }, [i18n, settings.language, settings.textSize]);
}

/**
 * Settings as the main process knows them. The initial value comes from the bootstrap;
 * later changes arrive as `settings.changed` events, so two windows never disagree.
 */
export function useSettings(initial: Settings): {
  settings: Settings;
  update: (patch: SettingsPatch) => Promise<AppErrorShape | undefined>;
} {
  const { client } = useDmp();
  const [settings, setSettings] = useState(initial);
  useApplySettings(settings);
  useEffect(() => client.on('settings.changed', setSettings), [client]);
  const update = useCallback(
    async (patch: SettingsPatch) => {
      const result = await client.settings.update(patch);
      if (!result.ok) return result.error;
      setSettings(result.value);
      return undefined;
    },
    [client],
  );
  return { settings, update };
}

import { z } from 'zod';
import { event, method } from './define';

export const LANGUAGES = ['fr', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;
export const DEFAULT_LANGUAGE: Language = 'fr';

export const TextSizeSchema = z.enum(['normal', 'large']);

export const SettingsSchema = z
  .object({
    language: LanguageSchema,
    /** Larger type for desks read from a distance or by tired eyes. */
    textSize: TextSizeSchema,
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { language: DEFAULT_LANGUAGE, textSize: 'normal' };

export const SettingsPatchSchema = SettingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const settingsMethods = {
  get: method(z.object({}).strict(), SettingsSchema),
  update: method(SettingsPatchSchema, SettingsSchema),
};

export const settingsEvents = {
  'settings.changed': event(SettingsSchema),
};

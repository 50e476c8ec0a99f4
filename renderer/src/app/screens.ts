export const SCREENS = ['desk', 'consultation', 'documents', 'history', 'settings'] as const;
export type ScreenId = (typeof SCREENS)[number];

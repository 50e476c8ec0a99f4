export interface ErrorDefinition {
  /** i18n key, translated by the renderer. */
  readonly messageKey: string;
  /** Whether the same call may succeed if simply tried again later. */
  readonly retryable: boolean;
}

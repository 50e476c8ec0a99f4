import type { ReactNode } from 'react';
import { DmpPanel } from './DmpPanel';
import { useQualifiedPatient } from './use-qualified-patient';

/** The DMP panel of the desk and consultation screens: it picks up the patient once their identity is qualified. */
export function DeskDmpPanel(): ReactNode {
  return <DmpPanel patient={useQualifiedPatient()} />;
}

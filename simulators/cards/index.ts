export { CPS3_ATR, VirtualCps3, type Cps3Options, type CpsHolderData, type CpsKeyMaterial } from './cps3';
export { FaultInjector, type FaultPlan } from './faults';
export { CardRemovedError, VirtualReader, type InsertedCard } from './in-process';
export type { VirtualCard } from './iso-card';
export { VirtualVitale2, type Vitale2Options, type VitaleBeneficiaryData } from './vitale2';
export { VPCD_PORTS, VpcdLink } from './vpcd-link';
export { createDemoCards, DEMO_FAMILY, DEMO_PRACTITIONER } from './demo';

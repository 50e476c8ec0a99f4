import { createContext, useContext, type ReactNode } from 'react';
import type { AppInfo, DmpClient } from '../../../shared/api';

interface DmpContextValue {
  readonly client: DmpClient;
  readonly appInfo: AppInfo;
}

const DmpContext = createContext<DmpContextValue | undefined>(undefined);

export function DmpProvider(props: DmpContextValue & { children: ReactNode }): ReactNode {
  return <DmpContext value={{ client: props.client, appInfo: props.appInfo }}>{props.children}</DmpContext>;
}

export function useDmp(): DmpContextValue {
  const value = useContext(DmpContext);
  if (value === undefined) throw new Error('useDmp outside DmpProvider');
  return value;
}

import { useEffect, useState } from 'react';
import type { ConfigurationReport } from '../../../../shared/api';
import type { AppErrorShape } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';

export type ConfigurationState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly report: ConfigurationReport }
  | { readonly status: 'failed'; readonly error: AppErrorShape };

/** The configuration report main started with (it does not change while the app runs). */
export function useConfiguration(): ConfigurationState {
  const { client } = useDmp();
  const [state, setState] = useState<ConfigurationState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void client.app.configuration({}).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', report: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [client]);
  return state;
}

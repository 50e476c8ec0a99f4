import { useEffect, useState } from 'react';
import { useDmp } from '../../app/dmp-context';
import { dmpPatientFromInsi, type DmpPanelPatient } from './patient';

/**
 * The patient at the desk, as soon as (and only while) their identity is qualified: the INS
 * may be used to reach the DMP only for a qualified identity. Follows the identity feature
 * through its event, without reaching into its components.
 */
export function useQualifiedPatient(): DmpPanelPatient | undefined {
  const { client } = useDmp();
  const [patient, setPatient] = useState<DmpPanelPatient | undefined>();
  useEffect(() => {
    let latest = 0;
    return client.on('identity.statusChanged', (change) => {
      const ticket = ++latest;
      if (change.status !== 'QUAL') {
        setPatient(undefined);
        return;
      }
      void client.identity.get({ patientId: change.patientId }).then((result) => {
        if (ticket !== latest) return;
        setPatient(result.ok && result.value.insi !== undefined ? dmpPatientFromInsi(result.value.insi) : undefined);
      });
    });
  }, [client]);
  return patient;
}

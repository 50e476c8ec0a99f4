import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { VitaleBeneficiary } from '../../../../shared/domain/cards';
import type { BeneficiarySelection } from './selection';
import type { AppErrorShape, Result } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { BeneficiaryPicker } from './BeneficiaryPicker';

/** One inserted carte Vitale: read on insertion, then the beneficiary picker. */
export function VitaleSection(props: {
  reader: string;
  onBeneficiarySelected: (selection: BeneficiarySelection | undefined) => void;
}): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const { reader, onBeneficiarySelected } = props;
  const [beneficiaries, setBeneficiaries] = useState<readonly VitaleBeneficiary[] | undefined>();
  const [selected, setSelected] = useState<number | undefined>();
  const [error, setError] = useState<AppErrorShape | undefined>();
  const [busy, setBusy] = useState(true);
  // The parent may pass a fresh callback each render; reading must not restart because of it.
  const notify = useRef(onBeneficiarySelected);
  useEffect(() => {
    notify.current = onBeneficiarySelected;
  }, [onBeneficiarySelected]);

  const apply = useCallback(
    (result: Result<{ beneficiaries: VitaleBeneficiary[] }>) => {
      setBusy(false);
      if (result.ok) {
        setError(undefined);
        setBeneficiaries(result.value.beneficiaries);
        // A single beneficiary is the patient: no pointless click.
        const only = result.value.beneficiaries.length === 1 ? result.value.beneficiaries[0] : undefined;
        setSelected(only?.index);
        notify.current(only === undefined ? undefined : { reader, beneficiary: only });
      } else {
        setBeneficiaries(undefined);
        setError(result.error);
      }
    },
    [reader],
  );

  // Read as soon as the card is in: the desk's first question is always "who is it?".
  useEffect(() => {
    let live = true;
    void client.cards.readVitale({ reader }).then((result) => {
      if (live) apply(result);
    });
    return () => {
      live = false;
    };
  }, [client, reader, apply]);

  const read = (): void => {
    setBusy(true);
    setError(undefined);
    void client.cards.readVitale({ reader }).then(apply);
  };

  return (
    <div className="cards-section">
      {error === undefined ? null : <ErrorNotice error={error} />}
      <Button className="dmp-button" onPress={read} isDisabled={busy}>
        {busy ? t('cards.reading') : t('cards.readVitale')}
      </Button>
      {beneficiaries === undefined ? null : (
        <BeneficiaryPicker
          beneficiaries={beneficiaries}
          selected={selected}
          onSelect={(beneficiary) => {
            setSelected(beneficiary?.index);
            notify.current(beneficiary === undefined ? undefined : { reader, beneficiary });
          }}
        />
      )}
    </div>
  );
}

import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { TrainingCard, TrainingScenario, TrainingScenarioId, TrainingStatus } from '../../../../shared/api';
import type { AppErrorShape, Result } from '../../../../shared/errors';
import { useDmp } from '../../app/dmp-context';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * The trainer's hands: pick a ready exercise (or start it over), insert or pull the virtual
 * Vitale card and CPS. The rest of the app only sees reader events, exactly as with real cards,
 * so the lesson is the real workflow. `onLessonStarted` lets the shell drop every screen's state:
 * an exercise starts at an empty desk.
 */
export function TrainingBar(props: { readonly onLessonStarted?: () => void }): ReactNode {
  const { t } = useTranslation();
  const { client } = useDmp();
  const { onLessonStarted } = props;
  const [status, setStatus] = useState<TrainingStatus | undefined>();
  const [scenarios, setScenarios] = useState<readonly TrainingScenario[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | undefined>();

  const apply = useCallback((result: Result<TrainingStatus>) => {
    if (result.ok) {
      setStatus(result.value);
      setError(undefined);
    } else {
      setError(result.error);
    }
  }, []);

  useEffect(() => {
    let live = true;
    void client.training.status({}).then((result) => {
      if (live) apply(result);
    });
    void client.training.scenarios({}).then((result) => {
      if (live && result.ok) setScenarios(result.value);
    });
    return () => {
      live = false;
    };
  }, [client, apply]);

  // A production desk started with --training off has no virtual cards: say nothing, offer nothing.
  if (error?.code === 'TRAINING_ONLY') return null;

  const toggle = async (card: TrainingCard, inserted: boolean): Promise<void> => {
    apply(inserted ? await client.training.removeCard({ card }) : await client.training.insertCard({ card }));
  };

  const lesson = async (start: () => Promise<Result<TrainingStatus>>): Promise<void> => {
    setBusy(true);
    const result = await start();
    setBusy(false);
    apply(result);
    if (result.ok) onLessonStarted?.();
  };

  const scenario = status?.scenario ?? null;
  const title = (id: TrainingScenarioId): string => t(`training.scenarios.${id}.title`);

  return (
    <>
      <div className="training-bar" role="group" aria-label={t('training.label')} aria-busy={busy}>
        <Select
          className="training-bar__scenario"
          placeholder={t('training.scenario.placeholder')}
          selectedKey={scenario?.id ?? null}
          isDisabled={busy || scenarios.length === 0}
          onSelectionChange={(key: Key | null) => {
            const picked = scenarios.find((candidate) => candidate.id === key);
            if (picked !== undefined) void lesson(() => client.training.startScenario({ scenario: picked.id }));
          }}
        >
          <Label className="training-bar__label">{t('training.scenario.label')}</Label>
          <Button className="training-bar__button training-bar__select">
            <SelectValue />
            <span aria-hidden="true" className="training-bar__chevron">
              ▾
            </span>
          </Button>
          <Popover className="training-bar__popover">
            <ListBox items={scenarios}>
              {(item) => (
                <ListBoxItem id={item.id} textValue={title(item.id)} className="training-bar__option">
                  {title(item.id)}
                </ListBoxItem>
              )}
            </ListBox>
          </Popover>
        </Select>
        {scenario === null ? null : (
          <Button
            className="training-bar__button"
            isDisabled={busy}
            onPress={() => void lesson(() => client.training.resetScenario({}))}
          >
            {t('training.scenario.reset')}
          </Button>
        )}
        {status?.slots.map((slot) => (
          <Button
            key={slot.card}
            className="training-bar__button"
            data-card={slot.card}
            isDisabled={busy}
            onPress={() => void toggle(slot.card, slot.inserted)}
          >
            {t(`training.${slot.inserted ? 'remove' : 'insert'}.${slot.card}`)}
          </Button>
        ))}
        {status === undefined ? null : (
          <span className="training-bar__cast">
            {status.slots.some((slot) => slot.card === 'vitale')
              ? t('training.cast', { practitioner: status.practitioner, count: status.beneficiaries.length })
              : t('training.castWithoutVitale', { practitioner: status.practitioner })}
          </span>
        )}
        {busy ? <span role="status">{t('training.scenario.starting')}</span> : null}
        {error === undefined ? null : <ErrorNotice error={error} />}
      </div>
      {scenario === null || busy ? null : <TrainingScript scenario={scenario} />}
    </>
  );
}

/** What the trainer asks the trainee to do, step by step, for the exercise under way. */
function TrainingScript(props: { readonly scenario: TrainingScenario }): ReactNode {
  const { t } = useTranslation();
  const { id, patient, withVitale } = props.scenario;
  const steps = t(`training.scenarios.${id}.steps`, { returnObjects: true, patient }) as Record<string, string>;
  return (
    <section className="training-script" aria-label={t('training.script.label')} data-scenario={id}>
      <p className="training-script__heading">
        <strong>{t('training.script.heading', { title: t(`training.scenarios.${id}.title`) })}</strong>
        <span className="training-script__patient">
          {t('training.script.patient', { patient })}
          {withVitale ? null : ` · ${t('training.script.noVitale')}`}
        </span>
      </p>
      <p className="training-script__goal">{t(`training.scenarios.${id}.goal`)}</p>
      <ol className="training-script__steps">
        {Object.entries(steps).map(([key, text]) => (
          <li key={key}>{text}</li>
        ))}
      </ol>
    </section>
  );
}

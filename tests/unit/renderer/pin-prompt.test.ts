import { describe, expect, it, vi } from 'vitest';
import type { DmpClient } from '../../../shared/api';
import { createPinPrompt, withPinPrompt } from '../../../renderer/src/features/session/pin-prompt';

const PIN_REQUIRED = { ok: false, error: { code: 'PIN_REQUIRED', messageKey: 'errors.pinRequired', retryable: false } };
const ANSWER = { ok: true, value: { existence: 'exists' } };

/** A client with one method answering `answers` in turn, and an `on` that records its `this`. */
function fakeClient(...answers: unknown[]) {
  const checkAccess = vi.fn((_request: unknown) => Promise.resolve(answers.shift()));
  const client = { dmp: { checkAccess }, on: vi.fn(() => () => undefined) };
  return { checkAccess, client: client as unknown as DmpClient };
}

describe('the PIN prompt of the desk', () => {
  it('a call refused for want of the PIN waits for it, then is made again with the same request', async () => {
    const prompt = createPinPrompt();
    const { checkAccess, client } = fakeClient(PIN_REQUIRED, ANSWER);
    const call = withPinPrompt(client, prompt).dmp.checkAccess({ patientId: 'p1' });
    await vi.waitFor(() => expect(prompt.cause()).toBe('call'));
    expect(checkAccess).toHaveBeenCalledTimes(1);
    prompt.settle(true);
    expect(await call).toEqual(ANSWER);
    expect(checkAccess.mock.calls).toEqual([[{ patientId: 'p1' }], [{ patientId: 'p1' }]]);
    expect(prompt.cause()).toBeUndefined();
  });

  it('given up, the call answers its refusal and is not made again', async () => {
    const prompt = createPinPrompt();
    const { checkAccess, client } = fakeClient(PIN_REQUIRED, ANSWER);
    const call = withPinPrompt(client, prompt).dmp.checkAccess({ patientId: 'p1' });
    await vi.waitFor(() => expect(prompt.cause()).toBe('call'));
    prompt.settle(false);
    expect(await call).toEqual(PIN_REQUIRED);
    expect(checkAccess).toHaveBeenCalledTimes(1);
  });

  it('calls waiting together share one dialog and all go on once the PIN is right', async () => {
    const prompt = createPinPrompt();
    const listener = vi.fn();
    prompt.subscribe(listener);
    const { client } = fakeClient(PIN_REQUIRED, PIN_REQUIRED, ANSWER, ANSWER);
    const prompted = withPinPrompt(client, prompt);
    const calls = [prompted.dmp.checkAccess({ patientId: 'p1' }), prompted.dmp.checkAccess({ patientId: 'p1' })];
    await vi.waitFor(() => expect(prompt.cause()).toBe('call'));
    // Opened once, even though two calls asked.
    expect(listener).toHaveBeenCalledTimes(1);
    prompt.settle(true);
    expect(await Promise.all(calls)).toEqual([ANSWER, ANSWER]);
  });

  it('any other answer goes straight through, without a dialog', async () => {
    const prompt = createPinPrompt();
    const wrong = { ok: false, error: { code: 'PIN_WRONG', messageKey: 'errors.pinWrong', retryable: false } };
    const { client } = fakeClient(wrong, ANSWER);
    const prompted = withPinPrompt(client, prompt);
    expect(await prompted.dmp.checkAccess({ patientId: 'p1' })).toEqual(wrong);
    expect(await prompted.dmp.checkAccess({ patientId: 'p1' })).toEqual(ANSWER);
    expect(prompt.cause()).toBeUndefined();
  });

  it('a call joining the dialog the user opened from the header turns it into a waiting one', async () => {
    const prompt = createPinPrompt();
    const typed = prompt.ask('user');
    expect(prompt.cause()).toBe('user');
    const { client } = fakeClient(PIN_REQUIRED, ANSWER);
    const call = withPinPrompt(client, prompt).dmp.checkAccess({ patientId: 'p1' });
    await vi.waitFor(() => expect(prompt.cause()).toBe('call'));
    prompt.settle(true);
    expect(await typed).toBe(true);
    expect(await call).toEqual(ANSWER);
  });

  it('keeps the event subscription of the client underneath', () => {
    const { client } = fakeClient();
    const listener = (): void => undefined;
    withPinPrompt(client, createPinPrompt()).on('session.changed', listener);
    expect(client.on).toHaveBeenCalledWith('session.changed', listener);
  });
});

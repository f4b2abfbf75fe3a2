import { describe, expect, it } from 'vitest';
import { CONFIRMATION_TTL_MS, createConfirmationTokens } from '../../../background/confirmations';

const intent = (times: number) => ({
  kind: 'retrigger',
  push: { repo: 'autoland', pushId: 1, revision: 'abcdef123456' },
  labels: ['test-a'],
  times,
});

describe('confirmation tokens', () => {
  it('accepts a token once, for the intent it was issued for', () => {
    const tokens = createConfirmationTokens();
    const token = tokens.issue(intent(100));
    expect(tokens.consume(token, intent(100))).toBe(true);
    expect(tokens.consume(token, intent(100))).toBe(false);
  });

  it('refuses a token for another intent, and spends it', () => {
    const tokens = createConfirmationTokens();
    const token = tokens.issue(intent(20));
    expect(tokens.consume(token, intent(100))).toBe(false);
    expect(tokens.consume(token, intent(20))).toBe(false);
  });

  it('matches equal intents whatever their key order', () => {
    const tokens = createConfirmationTokens();
    const token = tokens.issue(intent(20));
    const reordered = {
      times: 20,
      labels: ['test-a'],
      push: { revision: 'abcdef123456', pushId: 1, repo: 'autoland' },
    };
    expect(tokens.consume(token, { ...reordered, kind: 'retrigger' })).toBe(true);
  });

  it('refuses no token, an unknown token and an expired one', () => {
    let now = 1_000_000;
    const tokens = createConfirmationTokens({ now: () => now });
    expect(tokens.consume(undefined, intent(20))).toBe(false);
    expect(tokens.consume('made-up', intent(20))).toBe(false);
    const token = tokens.issue(intent(20));
    now += CONFIRMATION_TTL_MS;
    expect(tokens.consume(token, intent(20))).toBe(false);
  });

  it('issues a different token each time', () => {
    const tokens = createConfirmationTokens();
    expect(tokens.issue(intent(20))).not.toBe(tokens.issue(intent(20)));
  });
});

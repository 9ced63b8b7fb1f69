import { describe, expect, it } from 'vitest';
import { framingHint } from '../../src/core/model/framing-hint.ts';
import { normalize } from '../../src/core/normalize.ts';

const frame = (text: string): ReturnType<typeof framingHint> => framingHint(normalize(text).text);

describe('framing hint for the local model', () => {
  it('reads warnings as advisories', () => {
    expect(frame('Your bank will never ask for your PIN. Beware of fake calls.')).toBe('advisory');
    expect(frame("I'm fine, it was a scam, don't pay anyone.")).toBe('advisory');
    expect(frame('警方提示：公检法机关不会要求您转账到安全账户，请勿轻信。')).toBe('advisory');
    expect(frame('這是詐騙訊息，切勿點擊連結。')).toBe('advisory');
  });

  it('reads accounts of a scam as reports', () => {
    expect(frame('Someone called me saying my son had been arrested.')).toBe('report');
    expect(frame('今天有人打电话给我说我儿子被绑架了')).toBe('report');
  });

  it('leaves demands alone, including a scammer saying it is not a scam', () => {
    expect(frame('Transfer the money to the safe account now and tell no one.')).toBeUndefined();
    expect(frame('放心，这不是诈骗，请把钱转到安全账户。')).toBeUndefined();
    expect(frame('This is not a scam, just pay the release fee at the link.')).toBeUndefined();
  });
});

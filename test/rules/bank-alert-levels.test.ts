import { describe, it } from 'vitest';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * A bank's own fraud or sign-in alert closes "if this wasn't you, call us at 1-800-…" / "se non sei stato tu
 * chiama il numero verde 800…" / "si vous n'êtes pas à l'origine, appelez le 0 800…": that toll-free line, the
 * card's number or the app is the alert's own step, so the alert stays low (it was medium, the English one
 * high). The same alert with a number that is not toll-free (the fake fraud team's mobile), a look-alike link,
 * a code to hand over or a toll-free number "to cancel" an order (the fake invoice, FTC) is lifted. Written for
 * this test from the banks' and the FTC / Polizia Postale / cybermalveillance descriptions, none from a corpus.
 */
const alerts: string[] = [
  "Chase: A purchase of $249.00 was made with your card. If this wasn't you, call us at 1-800-935-9935 or lock your card in the Chase app.",
  'Chase: Did you attempt a purchase of $249.00 at BestBuy? If not, call 1-800-935-9935.',
  "New sign-in to your account from a new device. If this wasn't you, call the number on the back of your card.",
  'Intesa Sanpaolo: accesso da nuovo dispositivo. Se non sei stato tu chiama il numero verde 800 303 303.',
  "Intesa Sanpaolo: pagamento di 249,00 € con la tua carta. Se non l'hai fatto tu, chiama il numero verde 800 303 303 o blocca la carta dall'app.",
  "Crédit Agricole : un paiement de 890 € a été détecté. Si vous n'êtes pas à l'origine, appelez le 0 800 810 812.",
];

const lifted: string[] = [
  'Chase: Did you attempt a purchase of $249.00 at BestBuy? If not, call 1-213-555-0100.',
  'Chase: Did you attempt a purchase of $249.00 at BestBuy? If not, call 1-800-935-9935 and give the agent the code we text you.',
  "Amazon: Your order of iPhone 15 Pro for $1,249.00 has been confirmed. If this wasn't you, call 1-888-555-0142 to cancel.",
  'Intesa Sanpaolo: accesso da nuovo dispositivo. Se non sei stato tu chiama il 351 234 5678.',
  'Intesa Sanpaolo: accesso da nuovo dispositivo. Se non sei stato tu verifica qui https://intesa-verifica.top',
  "Intesa Sanpaolo: accesso da nuovo dispositivo. Se non sei stato tu chiama il numero verde 800 303 303 e comunica il codice OTP all'operatore.",
  "Crédit Agricole : un paiement de 890 € a été détecté. Si vous n'êtes pas à l'origine, appelez le 06 12 34 56 78.",
];


describe('a bank alert with its own toll-free number', () => {
  it.each(alerts)('stays low: %s', (text) => {
    expectAtMost(text);
  });

  it.each(lifted)('reaches medium with another number, a link, a code or a cancel line: %s', (text) => {
    expectAtLeast(text, 'medium');
  });
});

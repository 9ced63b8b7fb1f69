import { describe, it } from 'vitest';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * The ultimatum (issue 7): a severe consequence within hours unless you act, "act now or you will be arrested",
 * the pressure line of the government, utility and bank impostor scripts in the FTC / FBI IC3, MPS, Polizia
 * Postale and cybermalveillance.gouv.fr warnings. Two threat lines of one category used to score 2.5 (a threat
 * and a weak urgency word: the second line counts half), low; the ultimatum is a line of its own, so the
 * threat it carries (arrest, suspension) and the ultimatum reach medium. Written for this test, none from a
 * corpus. The warnings that quote the same words and ordinary notices with a deadline of days stay low.
 */
const ultimatums: [language: string, text: string][] = [
  ['en', 'You will be arrested within 24 hours unless you respond to this message.'],
  ['en', 'Your electricity will be disconnected in 2 hours unless you reply now.'],
  ['en', 'Act now or you will be arrested.'],
  ['en', 'Pay within the hour or your power will be shut off.'],
  ['fr', 'Vous serez arrêté dans les 24 heures si vous ne payez pas.'],
  ['fr', 'Agissez maintenant ou vous serez poursuivi en justice.'],
  ['fr', 'Dernier avis : votre compte sera suspendu aujourd\'hui si vous ne nous rappelez pas immédiatement.'],
  ['it', 'Sarai arrestato entro 24 ore se non paghi.'],
  ['it', 'Agisci ora o sarai denunciato.'],
  ['es', 'Será arrestado en las próximas 24 horas si no paga.'],
  ['es', 'Último aviso: su cuenta será suspendida hoy si no nos llama de inmediato.'],
  ['fr', 'Votre électricité sera coupée dans 2 heures si vous ne réglez pas maintenant.'],
  ['it', 'La tua luce sarà staccata tra 2 ore se non paghi subito.'],
  ['es', 'Su luz será cortada en 2 horas si no paga ahora.'],
  ['zh', '24小时内不回电，您将被逮捕。'],
  ['zh', '24小時內不回電，您將被逮捕。'],
];

const lows: [language: string, text: string][] = [
  ['en', 'The IRS will never threaten you with arrest or say you will be arrested today unless you pay.'],
  ['en', 'No real government agency will say your Social Security number will be suspended today unless you call. Hang up.'],
  ['en', 'Your bank will never tell you your account will be frozen within 24 hours unless you move your money.'],
  ['en', 'Scammers may say your power will be cut off within the hour unless you pay with a gift card. Hang up and call your utility.'],
  ['en', 'Your service will be disconnected on 12/15 unless payment is received. Pay online or call the number on your bill.'],
  ['en', 'Your subscription will renew today unless you cancel.'],
  ['en', 'Your card has been blocked. Call the number on the back of your card immediately.'],
  ['fr', 'Attention : les escrocs prétendent que vous serez arrêté dans les 24 heures si vous ne payez pas. La police ne vous demandera jamais de payer par téléphone.'],
  ['fr', 'Votre ligne sera suspendue le 15 mars faute de paiement.'],
  ['it', 'Attenzione: i truffatori dicono che sarai arrestato entro 24 ore se non paghi. La Polizia non chiede mai pagamenti al telefono.'],
  ['it', 'Il tuo abbonamento sarà rinnovato oggi se non lo disdici.'],
  ['es', 'Cuidado: los estafadores dicen que será arrestado hoy si no paga. La policía nunca le pedirá dinero por teléfono.'],
  ['fr', 'L\'eau sera coupée aujourd\'hui de 9h à 12h pour des travaux dans la rue.'],
  ['it', 'Domani l\'acqua sarà interrotta dalle 9 alle 12 per lavori.'],
  ['es', 'Se va la luz mañana de 9 a 12 por mantenimiento en la colonia.'],
  ['zh', '警方提醒：骗子常说24小时内不回电，您将被逮捕。公安机关不会通过电话办案。'],
];

describe('an ultimatum of hours', () => {
  it.each(ultimatums)('%s reaches medium: %s', (_language, text) => {
    expectAtLeast(text, 'medium');
  });

  it.each(lows)('%s stays low or below: %s', (_language, text) => {
    expectAtMost(text);
  });
});

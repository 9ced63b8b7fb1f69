import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { levelRank } from '../../src/core/verdict.ts';

const ruleset = loadRuleset();

// Hand-written for these tests (no corpus text): everyday Spanish messages from Spain and Latin America that
// share words with scams — one-time codes that say "no comparta este código", courier and purchase notices,
// family chatter about money, the police or a hospital, and official warnings about the scams themselves.
const benign = [
  'BBVA: su código de verificación es 482913. No lo comparta con nadie. BBVA nunca se lo pedirá por teléfono.',
  'Santander: Clave de un solo uso 771204 para la compra de 34,90 EUR en AMAZON. Si no la ha solicitado, no la facilite y llame al número que figura en su tarjeta.',
  'Tu código de WhatsApp: 123-456. No compartas este código con nadie.',
  'Banorte: compra aprobada por $1,250.00 en LIVERPOOL con tu tarjeta terminación 4821. Si no la reconoces llama al número al reverso de tu tarjeta.',
  'Correos: su envío PQ4F7X llegará mañana entre las 9 y las 14 h. Puede seguirlo en la app de Correos.',
  'Tu pedido de Mercado Libre ya está en camino, llega el jueves.',
  'DHL: su paquete ha sido entregado en el punto de recogida de la calle Mayor. Horario de 10 a 20 h.',
  'Mamá, ya llegué a casa. Mañana te llamo para lo de la comida del domingo.',
  'Oye, ¿me pasas lo de la pizza por bizum? Eran 12 euros cada uno.',
  'La abuela está en el hospital por una revisión, nada grave, sale mañana.',
  'Hoy vino la policía al edificio porque se quedó abierta la puerta del garaje.',
  'Agencia Tributaria: su declaración de la renta ha sido presentada correctamente. Puede consultarla en la sede electrónica.',
  'Ya depositamos lo de la renta en la cuenta de siempre, avísale al casero.',
  'Te mando el enlace de la reunión de mañana, empieza a las diez.',
];

const warnings = [
  'La Secretaría de Seguridad informa: si recibe una llamada en la que le dicen que tienen secuestrado a un familiar, no deposite, cuelgue y localice a su familiar. Los extorsionadores le pedirán que no cuelgue y que no avise a la policía. Denuncie al 089.',
  'INCIBE avisa: circulan SMS que suplantan a Correos y piden pagar tasas de aduana para liberar un paquete. No pulse el enlace ni facilite los datos de su tarjeta.',
  'La Policía Nacional recuerda que ningún banco le pedirá que transfiera sus ahorros a una cuenta segura. Ante la duda, cuelgue y llame a su oficina.',
];

const scams = [
  'Hola mamá, este es mi nuevo número, se me cayó el móvil. ¿Me puedes hacer un bizum de 850 euros? Es urgente, luego te lo explico.',
  'Correos: su paquete está retenido por tasas de aduana impagadas (2,99 EUR). Pague aquí para evitar su devolución: https://correos-envios.top/pago',
  'BBVA: hemos detectado un acceso no autorizado. Su cuenta ha sido bloqueada, verifique sus datos en el siguiente enlace: http://bbva-seguro.info',
  'Le habla el licenciado Martínez de la Fiscalía. Existe una orden de aprehensión en su contra. Para evitar su detención deposite 15 mil pesos en Oxxo y no le diga a nadie.',
  'Tenemos a su hijo. No cuelgue y no llame a la policía. Si quiere volver a verlo con vida deposite 50 mil pesos por Elektra.',
  'Le llamamos del departamento de seguridad de su banco. Para cancelar el cargo instale AnyDesk y dígame el código que le acaba de llegar.',
  'DGT: tiene una multa de tráfico pendiente de pago. Abone 45 EUR antes de 48 h para evitar recargos: dgt-multas.xyz',
  'Le habla el cónsul de México en Houston, su familiar fue detenido en la frontera, necesita pagar una multa migratoria hoy.',
  'Mami, cambié de celular, este es el nuevo. Ocupo que me hagas un depósito de 2 mil, te lo regreso el viernes.',
  'Soy el abogado de su hijo, tuvo un accidente y la otra persona está grave. Si no pagamos hoy lo meten a la cárcel.',
  'Felicidades, ha sido seleccionado como ganador de un iPhone 15. Para recibir su premio solo debe pagar los gastos de envío de 1,99 EUR.',
];

describe('Spanish texts', () => {
  it.each(benign)('an everyday message is read as Spanish and never raised to medium: %s', (text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe('es');
    expect(verdict.rulesCoverLanguage).toBe(true);
    expect(levelRank(verdict.level)).toBeLessThanOrEqual(levelRank('low'));
  });

  it.each(warnings)('an official warning is framed as advisory and held at low: %s', (text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.framing).toBe('advisory');
    expect(verdict.level).toBe('low');
  });

  it.each(scams)('a scam is high: %s', (text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe('es');
    expect(verdict.level).toBe('high');
  });
});

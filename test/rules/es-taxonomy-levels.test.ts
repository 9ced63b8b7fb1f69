import { describe, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * Spanish scripts of the FTC ("estafas"), INCIBE/OSI, Policía Nacional, CONDUSEF and PROFECO fraud types that the
 * Spanish rules read too weakly before: the "nuevo número" loan plea, the bank caller after a charge "no
 * reconocido", the task job that names the pay first, the SAT debt paid at OXXO, the prize with a code, the
 * soldier's parcel, the guaranteed weekly return, the rental deposit before any viewing. Written for this test,
 * none from a corpus. The warnings and ordinary texts with the same words stay low or below.
 */
const scripts: [name: string, least: Level, text: string][] = [
  ['nuevo número y un préstamo', 'medium', 'Hola, cambié de número. ¿Me puedes prestar 3000 pesos? Te los devuelvo mañana, es urgente.'],
  ['cargo no reconocido, el código por SMS', 'medium', 'Soy del área de soporte de su banco, para cancelar el cargo no reconocido dígame el código que le llegó por SMS.'],
  ['me gusta a videos por dinero', 'medium', 'Oferta de trabajo desde casa: gana 500 dólares al día dando me gusta a videos. Escríbenos por WhatsApp.'],
  ['SAT, embargo, pago en OXXO', 'high', 'Le llamamos del SAT. Tiene un adeudo fiscal y su cuenta será embargada hoy. Pague en OXXO para evitar la detención.'],
  ['premio y el código del mensaje', 'medium', 'Le hablamos de Telcel, ganó un celular nuevo. Para enviarlo necesitamos el código que le llegó por mensaje.'],
  ['militar de la ONU, el envío del paquete', 'medium', 'Hola guapa, soy militar en una misión de la ONU. Necesito que me ayudes a pagar el envío de mi paquete.'],
  ['rendimiento semanal garantizado', 'medium', 'Invierte 200 dólares en nuestra plataforma de criptomonedas y gana el 30% semanal garantizado.'],
  ['depósito antes de ver el departamento', 'medium', 'Buenas, rento mi departamento; para apartarlo necesito un depósito de 3000 pesos antes de verlo.'],
  ['dueño en el extranjero, las llaves por paquetería', 'medium', 'Estoy fuera del país por trabajo; si me transfiere el depósito le mando las llaves por paquetería.'],
];

const lows: string[] = [
  'El banco nunca le pedirá su NIP ni códigos por teléfono. Si recibe una llamada así, cuelgue y llame al número de su tarjeta.',
  'La CONDUSEF advierte: nadie puede garantizar rendimientos del 10% mensual. Si le ofrecen ganancias aseguradas, es fraude.',
  'La visita es el sábado; si le gusta el piso, firmamos y entonces paga la fianza.',
  'Mi hermano ganó el premio de ciencias de la escuela.',
  '¿Me puedes prestar tu cargador un rato?',
  'Puede pagar su recibo de luz en OXXO o en la app de CFE.',
  'Ya pagué el envío del paquete de tu cumpleaños.',
];

describe('es taxonomy scripts', () => {
  it.each(scripts)('%s reaches %s', (_name, least, text) => {
    expectAtLeast(text, least);
  });

  it.each(lows)('stays low or below: %s', (text) => {
    expectAtMost(text);
  });
});

import { describe, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * Spanish "secuestro virtual" and "familiar detenido" calls as the Mexican SSPC / CNS and consumer-protection
 * guidance describe them (the "licenciado" of the Ministerio Público, the deposit so the relative is not
 * "consignado", the "reparación del daño", the hotel room of the autosecuestro). Written for this test, none
 * from a corpus. The warnings and ordinary texts with the same words stay low or below.
 */
const scripts: [name: string, least: Level, text: string][] = [
  ['licenciado del Ministerio Público, hijo detenido, depósito', 'high', 'Bueno, ¿señora? Le habla el licenciado Ramírez del Ministerio Público. Su hijo está detenido por atropellar a una persona. Para que no lo pasen al penal necesita depositar 30 mil pesos hoy.'],
  ['accidente, detenido, reparación del daño', 'high', 'Señora, su esposo tuvo un accidente y está detenido, necesitamos que deposite para la reparación del daño y así no lo consignan.'],
  ['abogado del sobrino, dinero para sacarlo', 'high', 'Le habla el licenciado Torres, abogado de su sobrino. Lo tienen en el Ministerio Público y necesito 15 mil pesos para sacarlo hoy.'],
  ['depósito a una tarjeta para liberar al hijo', 'medium', 'Necesito que deposite a esta tarjeta 4152 3133 0000 0000 la cantidad de 8 mil pesos para liberar a su hijo.'],
  ['autosecuestro: encerrado en el hotel, sin teléfono', 'medium', 'Le hablamos del hotel. Por su seguridad no salga de la habitación, apague su teléfono y no hable con nadie; su familia corre peligro.'],
];

const lows: string[] = [
  'Cuidado con el secuestro virtual: si le llaman diciendo que tienen a su familiar, cuelgue y llame al 089. Nunca haga depósitos.',
  'La SSPC informa: el secuestro virtual empieza con una llamada. Si le dicen que su familiar está detenido y piden un depósito, cuelgue y llame a su familiar.',
  'Mamá, estoy bien, fue una extorsión, no le deposites a nadie.',
  'Mi hijo está detenido porque se peleó en la escuela, el director lo castigó una semana.',
  'Necesito 200 pesos para sacarlo del taller, se descompuso el coche.',
  'El médico dijo que no salga de la habitación por dos días.',
  'Mañana voy al Ministerio Público a poner la denuncia por el choque, ya hablé con el licenciado.',
];


describe('es virtual kidnapping and detained-relative calls', () => {
  it.each(scripts)('%s reaches %s', (_name, least, text) => {
    expectAtLeast(text, least);
  });

  it.each(lows)('stays low or below: %s', (text) => {
    expectAtMost(text);
  });
});

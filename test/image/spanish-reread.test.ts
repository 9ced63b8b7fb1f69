/** Tesseract's reading of a Spanish line merged into PaddleOCR's: only the accents, ñ and opening marks are taken. */
import { describe, expect, it } from 'vitest';
import { mayGainFromSpanishReread, mergeSpanishReadings } from '../../src/image/spanish-reread.ts';

describe('mergeSpanishReadings', () => {
  it.each([
    ['Hola mama, este es mi nuevo', 'Hola mamá, este es mi nuevo', 'Hola mamá, este es mi nuevo'],
    ['numero. Se me cayo el movil', 'número. Se me cayó el móvil', 'número. Se me cayó el móvil'],
    ['cumpleanos de la', 'cumpleaños de la', 'cumpleaños de la'],
    ['Si, pero tengo un problema:', 'Sí, pero tengo un problema:', 'Sí, pero tengo un problema:'],
    ['se rompi6 la pantalla.', 'se rompió la pantalla.', 'se rompió la pantalla.'],
  ])('takes the marked letters over the plain ones: %s', (paddle, tesseract, merged) => {
    expect(mergeSpanishReadings(paddle, tesseract)).toBe(merged);
  });

  it.each([
    ['Estas bien, hija?', '¿Estás bien, hija?', '¿Estás bien, hija?'], // dropped
    ['zVenis a comer el', '¿Venís a comer el', '¿Venís a comer el'], // read as a letter
    ['iA que cuenta?', '¿A qué cuenta?', '¿A qué cuenta?'],
    [';Les va a encantar! Hasta', '¡Les va a encantar! Hasta', '¡Les va a encantar! Hasta'],
  ])('puts back the opening mark: %s', (paddle, tesseract, merged) => {
    expect(mergeSpanishReadings(paddle, tesseract)).toBe(merged);
  });

  it('keeps everything else PaddleOCR read: spaces, digits, other letters, other marks', () => {
    // Tesseract drops spaces and misreads "5G"; a letter it read differently is not taken.
    expect(mergeSpanishReadings('Qué bien. Traed a los ninos,', 'Qué bien. Traed alos niños,')).toBe('Qué bien. Traed a los niños,');
    expect(mergeSpanishReadings('5G 87%', '56 87%')).toBe('5G 87%');
    expect(mergeSpanishReadings('cumpleanos', 'cumplcaños')).toBe('cumpleaños');
    expect(mergeSpanishReadings('Llega en el tren.', 'Llega en el tren!')).toBe('Llega en el tren.');
    // A plain letter read over PaddleOCR's marked one changes nothing; an English "iPhone" keeps its i.
    expect(mergeSpanishReadings('Qué bien', 'Que bien')).toBe('Qué bien');
    expect(mergeSpanishReadings('iPhone?', 'iPhone?')).toBe('iPhone?');
    expect(mergeSpanishReadings('Hola mama', '')).toBe('Hola mama');
  });
});

describe('which lines of a Spanish screenshot are read again', () => {
  it('reads again lines with letters that may carry a mark, not times, numbers or the status bar', () => {
    expect(mayGainFromSpanishReread('Hola mama, este es mi nuevo')).toBe(true);
    expect(mayGainFromSpanishReread('Me puedes hacer una')).toBe(true);
    expect(mayGainFromSpanishReread('21:05')).toBe(false);
    expect(mayGainFromSpanishReread('5G 87%')).toBe(false);
    expect(mayGainFromSpanishReread('+34 612 48 09 73')).toBe(false);
  });
});

/** Tesseract's reading of a Spanish line merged into PaddleOCR's: only the accents, ñ and opening marks are taken. */
import { describe, expect, it } from 'vitest';
import { mayGainFromSpanishReread, mergeSpanishReadings, questionsAhead } from '../../src/image/spanish-reread.ts';

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
  /** A reading whose every character PaddleOCR was sure of: no marked form scored, runner-ups negligible. */
  const sure = (text: string, scores: Record<number, number> = {}, runnerUps: Record<number, [string, number]> = {}) => ({
    text,
    probeScores: [...text].map((_, index) => scores[index] ?? 1e-6),
    runnerUps: [...text].map((_, index) => runnerUps[index]?.[0] ?? ''),
    runnerUpScores: [...text].map((_, index) => runnerUps[index]?.[1] ?? 0),
  });

  it('reads again a line where a marked form nearly won over a plain letter', () => {
    expect(mayGainFromSpanishReread(sure('Hola mama, todo va'), false)).toBe(false);
    // "mamá": á scored 2·10⁻³ under the last a (index 8).
    expect(mayGainFromSpanishReread(sure('Hola mama, todo va', { 8: 2e-3 }), false)).toBe(true);
    // é is a letter PaddleOCR writes: a few 10⁻³ under a plain e is no sign, 10⁻² is.
    expect(mayGainFromSpanishReread(sure('hecho tarta', { 1: 3e-3 }), false)).toBe(false);
    expect(mayGainFromSpanishReread(sure('hecho tarta', { 1: 2e-2 }), false)).toBe(true);
  });

  it('reads again an n whose runner-up is another letter (ñ is not in the dictionary), not N or ｎ', () => {
    expect(mayGainFromSpanishReread(sure('de manzana', {}, { 8: ['N', 0.01] }), false)).toBe(false);
    expect(mayGainFromSpanishReread(sure('de manzana', {}, { 8: ['h', 2e-3] }), false)).toBe(true);
    expect(mayGainFromSpanishReread(sure('de manzana', {}, { 8: ['h', 1e-4] }), false)).toBe(false);
  });

  it('reads again every line with an i (í leaves no trace), a 6 after a letter, and lines of a question', () => {
    expect(mayGainFromSpanishReread(sure('Si, llegamos'), false)).toBe(true);
    expect(mayGainFromSpanishReread(sure('se rompi6 la pantalla'), false)).toBe(true);
    expect(mayGainFromSpanishReread(sure('Me puedes hacer una'), false)).toBe(false);
    expect(mayGainFromSpanishReread(sure('Me puedes hacer una'), true)).toBe(true);
  });

  it('never reads again times, numbers or the status bar', () => {
    expect(mayGainFromSpanishReread(sure('21:05'), true)).toBe(false);
    expect(mayGainFromSpanishReread(sure('5G 87%'), true)).toBe(false);
    expect(mayGainFromSpanishReread(sure('+34 612 48 09 73'), true)).toBe(false);
  });
});

describe('lines that are part of a question or an exclamation', () => {
  it('marks the line with the "?" or "!" and the lines whose last sentence runs on into it', () => {
    expect(questionsAhead(['Me puedes hacer una', 'transferencia de 850', 'euros? Manana te lo devuelvo.', 'Hasta el domingo.'])).toEqual([true, true, true, false]);
    // A sentence that ends on the line does not run on; a full stop ahead ends the search.
    expect(questionsAhead(['Hola mama.', 'Se me cayo el', 'movil.', 'Estas bien?'])).toEqual([false, false, false, true]);
    expect(questionsAhead(['Les va a encantar', 'Hasta el domingo'])).toEqual([false, false]);
    // A decimal point is no sentence end: the question goes on to the amount.
    expect(questionsAhead(['Reconoce esta', 'operacion de 1.250 €?'])).toEqual([true, true]);
  });
});

/** The ¿ ¡ (and final ó) PaddleOCR cannot write in Spanish screenshots, put back; other languages untouched. */
import { describe, expect, it } from 'vitest';
import { extractedConversation } from '../../src/image/conversation.ts';
import { restoreSpanishMarks } from '../../src/image/spanish-marks.ts';

const bubble = (text: string, speaker: 'other' | 'user' = 'other') => ({ speaker, text, top: 0, bottom: 10, left: 0, right: 10 });

describe('restoreSpanishMarks', () => {
  it.each([
    ['zEstas bien, hija?', '¿Estas bien, hija?'],
    ['iA que cuenta?', '¿A que cuenta?'],
    ['&Venis a comer el domingo? Es el cumpleanos.', '¿Venis a comer el domingo? Es el cumpleanos.'],
    ['; Me puedes hacer una transferencia?', '¿Me puedes hacer una transferencia?'],
    [';Les va a encantar! Hasta el domingo.', '¡Les va a encantar! Hasta el domingo.'],
    ['Vale. :Vienes o no?', 'Vale. ¿Vienes o no?'],
    ['Se me cayo el movil y se rompi6 la pantalla.', 'Se me cayo el movil y se rompió la pantalla.'],
  ])('puts back the mark in %s', (read, restored) => {
    expect(restoreSpanishMarks(read)).toBe(restored);
  });

  it.each([
    'zona Centro, a las dos.', // a word, no question after it
    'Hoy tengo un problema: Manana te llamo.', // a colon inside a sentence
    'i Vienes?', // a letter apart from the word is a word, not a misread mark
    'Son 850 euros, cuenta ES66 2100?', // a digit after a capital or digit stays
    'Llega en el A6 a las 16:40.',
    'Me puedes ayudar?', // the mark dropped altogether: nothing to put back
  ])('leaves %s as read', (read) => {
    expect(restoreSpanishMarks(read)).toBe(read);
  });
});

describe('extractedConversation', () => {
  it('restores the marks in a Spanish conversation', () => {
    const extracted = extractedConversation([bubble('Hola mama, este es mi nuevo numero.'), bubble('zEstas bien, hija?', 'user'), bubble(';Necesito tu ayuda hoy mismo!')]);
    expect(extracted.turns.map((turn) => turn.text)).toEqual(['Hola mama, este es mi nuevo numero.', '¿Estas bien, hija?', '¡Necesito tu ayuda hoy mismo!']);
  });

  it('leaves an English conversation as read', () => {
    const texts = ['Did you get the new phone yet?', 'iPhone or Android? I could not decide.'];
    expect(extractedConversation(texts.map((text) => bubble(text))).turns.map((turn) => turn.text)).toEqual(texts);
  });
});

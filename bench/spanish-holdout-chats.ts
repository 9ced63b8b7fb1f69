/**
 * Four hand-written Spanish chats that are not in the generated set (test/screenshots), written after the Spanish
 * re-read gate's thresholds (mayGainFromSpanishReread, questionsAhead) were set on that set: the bank and family
 * chats first (they found a decimal point read as a sentence end and an ú under the threshold u had then), the
 * parcel and school chats after those fixes. `node bench/spanish-reread.ts --holdout` checks the gate on them in
 * every layout (40 screenshots).
 */
import type { ChatScript } from '../test/screenshots/chat-scripts.ts';

export const SPANISH_HOLDOUT_CHATS: readonly ChatScript[] = [{ id: 'es-fresh-parcel', script: 'es', kind: 'scam', title: 'Correos', items: [
  { time: 'Mié 18:02' },
  { side: 'other', text: 'Su paquete está retenido en aduana. Pague 2,99 € de tasas aquí: correos-envio.top' },
  { side: 'user', text: '¿Qué paquete? No espero ninguno.' },
  { side: 'other', text: 'Si no paga en 24 horas se devolverá al remitente. ¡Último aviso!' },
  { side: 'user', text: 'Voy a llamar a la oficina mañana por la mañana.' },
] }, { id: 'es-fresh-school', script: 'es', kind: 'benign', title: 'Mamá de Julián', items: [
  { time: 'Vie 16:45' },
  { side: 'other', text: '¿A qué hora termina la excursión del jueves? Julián no se acuerda.' },
  { side: 'user', text: 'A las cinco y media, según la circular. ¿Quieres que lo recoja yo?' },
  { side: 'other', text: '¡Genial, gracias! Así salgo más tranquila del trabajo.' },
] }, { id: 'es-holdout-bank', script: 'es', kind: 'scam', title: 'Banco Azul', items: [
  { time: 'Hoy 09:12' },
  { side: 'other', text: 'Estimado cliente: detectamos un acceso inusual desde otro país. ¿Reconoce esta operación de 1.250 €?' },
  { side: 'user', text: 'No, yo no hice ningún pago. ¿Qué hago?' },
  { side: 'other', text: '¡Atención! Para anularla envíe el código que recibirá por SMS. Después llámenos al número de la tarjeta.' },
  { side: 'user', text: 'Mi niña dice que es una estafa, ¿es verdad?' },
  { side: 'other', text: 'Es urgente, señora. Sólo así podemos proteger su cuenta hoy mismo.' },
] }, { id: 'es-holdout-family', script: 'es', kind: 'benign', title: 'Papá', items: [
  { time: 'Dom 12:30' },
  { side: 'other', text: '¿Llegaste bien a Málaga? Avísame cuando estés en el hotel.' },
  { side: 'user', text: 'Sí, ya estamos aquí. El niño durmió todo el viaje.' },
  { side: 'other', text: '¡Qué suerte! Mañana pasa tu tía Lucía por la casa.' },
  { side: 'user', text: 'Perfecto, dale un abrazo de mi parte. Volvemos el miércoles.' },
] }];

import { describe, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * French and Italian scripts written for this test (none taken from a corpus), one per tactic named in public
 * guidance: cybermalveillance.gouv.fr and the French "arnaques" lists (colis et frais de livraison, Ameli / carte
 * Vitale, CPF, ANTAI, faux conseiller bancaire, "Coucou maman", faux support technique) and the Polizia Postale /
 * Banca d'Italia warnings (pacco in giacenza, conto sospeso, "ciao mamma", multa, INPS, codice OTP). Each reaches
 * at least its level; the official warnings and ordinary texts below stay at low or below.
 */
type Script = [name: string, least: Level, text: string];

const scams: Record<'fr' | 'it', Script[]> = {
  fr: [
    ['colis en attente, frais de livraison', 'medium', 'Colis en attente : des frais de livraison de 2,99 EUR sont nécessaires pour finaliser l\'envoi. Réglez-les ici : https://suivi-colis-fr.info/p'],
    ['La Poste, adresse à confirmer', 'medium', 'La Poste : votre colis n\'a pas pu être distribué faute d\'adresse complète. Confirmez vos coordonnées sur https://laposte-suivi.top/x'],
    ['Ameli, carte Vitale à renouveler', 'medium', 'Ameli : votre carte Vitale arrive à expiration. Commandez la nouvelle carte avant le 30 sur https://ameli-renouvellement.com'],
    ['Assurance Maladie, remboursement', 'medium', 'Assurance Maladie : un remboursement de 148,20 € est en attente. Remplissez le formulaire pour le recevoir : https://ameli-remb.info'],
    ['CPF, droits qui expirent', 'medium', 'Vos droits CPF de 1 450 € expirent bientôt. Utilisez-les avant la fin du mois sur https://moncpf-formation.net'],
    ['ANTAI, amende majorée', 'medium', 'ANTAI : vous avez une amende impayée de 35 €. Sans règlement sous 48h, elle sera majorée à 375 €. https://antai-paiement.info'],
    ['avis de contravention avec lien', 'medium', 'Avis de contravention : réglez votre amende de 135 € avant demain pour éviter la majoration. https://amende-gouv.top'],
    ['compte bloqué, code à communiquer', 'medium', 'Votre compte bancaire a été bloqué suite à une opération suspecte. Un conseiller va vous rappeler, merci de lui communiquer le code reçu par SMS.'],
    ['paiement détecté, annuler via un lien', 'medium', 'Crédit Agricole : un paiement de 890 € a été détecté. Si vous n\'êtes pas à l\'origine, annulez-le via https://ca-securite.info'],
    ['"Coucou maman", nouveau numéro et virement', 'medium', 'Coucou maman, c\'est moi, j\'ai cassé mon téléphone. Voici mon nouveau numéro, tu peux me faire un virement pour une facture urgente ?'],
    ['"Salut papa", numéro d\'un ami, WhatsApp', 'medium', 'Salut papa, mon téléphone est tombé en panne, je t\'écris depuis le numéro d\'un ami. Écris-moi sur WhatsApp.'],
    ['faux support technique, virus', 'medium', 'Alerte sécurité : votre ordinateur est infecté par un virus. N\'éteignez pas votre PC et appelez le support technique au 01 84 00 00 00.'],
    ['gain avec frais d\'envoi', 'medium', 'Félicitations ! Vous avez gagné un iPhone 15. Payez seulement 1,95 € de frais d\'envoi pour le recevoir : https://cadeau-fr.top'],
    ['impots.gouv, remboursement', 'medium', 'Impots.gouv : vous êtes éligible à un remboursement d\'impôt de 312 €. Cliquez ici pour le recevoir : https://impots-remb.info'],
    ['abonnement suspendu, moyen de paiement', 'medium', 'Votre abonnement Netflix a été suspendu, le paiement a échoué. Mettez à jour votre moyen de paiement : https://netflix-aide.top'],
    ['péage impayé', 'medium', 'Ulys : vous avez un péage impayé de 6,80 €. Régularisez avant le 15 pour éviter une pénalité : https://ulys-peage.info'],
    ['faux conseiller: valider pour annuler', 'medium', 'Votre conseiller bancaire : nous avons bloqué un virement frauduleux. Pour l\'annuler, validez l\'opération sur votre application.'],
    ['Crit\'Air à renouveler', 'medium', 'Bonjour, votre Crit\'Air n\'est plus valide, commandez la nouvelle vignette : https://critair-gouv.top'],
    ['faux service fraude, coursier pour la carte', 'medium', 'Bonjour madame, c\'est le service fraude de votre banque, votre carte a été piratée, un coursier passera récupérer votre carte.'],
    ['arnaque aux sentiments: fraîchement divorcée, son profil derrière un lien', 'medium', "Sophie, 52 ans. Je viens de divorcer et j'ai envie de m'amuser, regarde mon profil : https://rencontre-fr.top/s"],
    ['antivirus expiré, virus détectés, numéro à appeler', 'medium', 'Windows Defender : votre licence a expiré, 5 virus détectés. Contactez le support au 09 70 00 00 00.'],
    ['antivirus désactivé, PC vulnérable, appeler le support', 'medium', 'Votre antivirus a été désactivé, votre ordinateur est vulnérable. Appelez immédiatement le support au 01 84 00 00 00.'],
    ['fausse facture de renouvellement Norton', 'medium', 'Facture : renouvellement de votre abonnement Norton de 399,99 €. Pour annuler, appelez le 01 23 45 67 89.'],
  ],
  it: [
    ['pacco in giacenza, spese di spedizione', 'medium', 'Poste Italiane: il tuo pacco è in giacenza. Paga 1,99 € di spese di spedizione per la consegna: https://poste-giacenza.info'],
    ['BRT, indirizzo da aggiornare', 'medium', 'BRT: la consegna non è andata a buon fine, aggiorna il tuo indirizzo qui https://brt-consegna.top'],
    ['conto sospeso, link', 'medium', 'Il suo conto è stato sospeso per motivi di sicurezza. Acceda al link per riattivarlo: https://bancoposta-verifica.info'],
    ['accesso anomalo, blocca qui', 'medium', 'Intesa Sanpaolo: abbiamo rilevato un accesso anomalo. Se non sei stato tu, blocca qui https://intesa-sicurezza.top'],
    ['"ciao mamma", numero cambiato e bonifico', 'medium', 'Ciao mamma, ho cambiato numero, il mio telefono si è rotto. Mi puoi fare un bonifico urgente? Ti spiego dopo.'],
    ['"ciao mamma", nuovo numero su WhatsApp', 'medium', 'Ciao mamma, questo è il mio nuovo numero, salvalo. Scrivimi su WhatsApp.'],
    ['multa non pagata', 'medium', 'Hai una multa non pagata di 48 €. Paga entro 24 ore per evitare la maggiorazione: https://multe-pagamento.info'],
    ['INPS rimborso', 'medium', 'INPS: hai diritto a un rimborso di 540 €. Compila il modulo per riceverlo: https://inps-rimborso.top'],
    ['Agenzia delle Entrate rimborso', 'medium', 'Agenzia delle Entrate: rimborso fiscale di 231,50 € disponibile. Clicca qui per riceverlo https://entrate-rimborsi.info'],
    ['codice OTP per annullare', 'medium', 'Gentile cliente, ci comunichi il codice OTP che ha ricevuto via SMS per annullare l\'operazione.'],
    ['falso supporto tecnico', 'medium', 'Avviso di sicurezza: il tuo computer è infetto da un virus. Non spegnere il PC e chiama l\'assistenza tecnica al numero 02 0000 0000.'],
    ['premio con spese di spedizione', 'medium', 'Congratulazioni! Hai vinto un iPhone 15. Paga solo 2 € di spese di spedizione: https://premio-it.top'],
    ['Telepass pedaggio non pagato', 'medium', 'Telepass: il tuo pedaggio risulta non pagato. Regolarizza entro oggi per evitare una sanzione: https://telepass-pagamenti.info'],
    ['abbonamento sospeso', 'medium', 'Netflix: il tuo abbonamento è stato sospeso, aggiorna il metodo di pagamento: https://netflix-supporto.top'],
    ['falso operatore, codice via SMS', 'medium', 'Buongiorno, sono un operatore della sua banca, abbiamo bloccato un bonifico sospetto. Mi detta il codice che le arriva per sms?'],
    ['carta bloccata, chiama il numero', 'medium', 'Gentile utente, la tua carta è stata bloccata. Chiama subito il numero 800 000 000 per sbloccarla.'],
    ['romance: appena divorziata, il profilo dietro un link', 'medium', 'Giulia, 47 anni. Ho appena divorziato e voglio divertirmi, guarda il mio profilo: https://incontri-it.top/g'],
    ['antivirus scaduto, virus rilevati, numero da chiamare', 'medium', 'Windows Defender: la licenza è scaduta, rilevati 5 virus. Contatta l\'assistenza al numero 02 1234 5678.'],
    ['antivirus disattivato, PC vulnerabile, chiama l\'assistenza', 'medium', 'Il tuo antivirus è stato disattivato, il computer è vulnerabile. Chiama subito l\'assistenza allo 02 0000 0000.'],
    ['falsa fattura di rinnovo Norton', 'medium', 'Fattura: rinnovo del tuo abbonamento Norton di 399,99 €. Per annullare chiama lo 02 1234 5678.'],
  ],
};

/** Official warnings naming the same tactics, and ordinary family, service and bank texts. */
const lows: Record<'fr' | 'it', string[]> = {
  fr: [
    'Attention aux faux SMS de livraison : La Poste ne vous demandera jamais de payer des frais de livraison par SMS.',
    'Méfiez-vous des appels d\'un faux conseiller bancaire : votre banque ne vous demandera jamais de valider une opération pour l\'annuler.',
    'L\'Assurance Maladie ne vous demande jamais de renouveler votre carte Vitale par SMS. Ne cliquez pas sur le lien.',
    'Arnaque au "Coucou maman" : si un proche vous écrit depuis un nouveau numéro et demande de l\'argent, appelez son ancien numéro.',
    'Cybermalveillance.gouv.fr : les escrocs se font passer pour le support de Microsoft et affichent un faux message de virus. Ne rappelez jamais le numéro affiché.',
    'L\'ANTAI rappelle qu\'aucune amende n\'est réclamée par SMS. En cas de doute, rendez-vous sur le site officiel.',
    'Votre colis Colissimo sera livré demain entre 9h et 13h. Suivi sur laposte.fr',
    'Votre code de confirmation est 482913. Ne le communiquez à personne.',
    'Coucou maman, je rentre vers 19h, tu veux que je prenne du pain ?',
    'Bonjour, votre rendez-vous chez le dentiste est confirmé pour jeudi 10h.',
    'Votre facture EDF de 84,20 € est disponible dans votre espace client.',
    'Papa, j\'ai oublié mon chargeur, tu peux me le ramener ce soir ?',
    'Votre paiement de 45,90 € chez Carrefour a été accepté.',
    'Le technicien passera mardi matin pour installer la fibre.',
    'Le péage était à 12 € pour aller chez mamie.',
    "Je viens de divorcer et je cherche un appartement à Nantes, tu connais quelqu'un ?",
    'Votre abonnement Norton 360 expire dans 30 jours. Vous pouvez le renouveler à tout moment depuis votre compte sur norton.com.',
    'Norton : votre abonnement a été renouvelé pour 89,99 €. Gérez-le sur my.norton.com.',
    'Attention aux faux messages : Norton ne vous appellera jamais pour vous dire que votre abonnement a expiré et que votre PC est infecté.',
  ],
  it: [
    'Attenzione agli SMS falsi: Poste Italiane non ti chiederà mai di pagare le spese di spedizione tramite un link.',
    'Diffidate da chi si presenta come operatore della banca: la banca non le chiederà mai il codice OTP per annullare un\'operazione.',
    'Truffa del "ciao mamma": se tuo figlio ti scrive da un nuovo numero e chiede soldi, chiamalo sul numero vecchio.',
    'La Polizia Postale ricorda: nessuna azienda ti chiede di chiamare un numero per un virus sul computer.',
    'L\'INPS non invia mai SMS con link per rimborsi. Attenzione ai tentativi di truffa.',
    'Il tuo pacco BRT sarà consegnato domani tra le 9 e le 13.',
    'Il tuo codice di verifica è 551203. Non condividerlo con nessuno.',
    'Ciao mamma, arrivo per cena verso le otto, compro io il pane.',
    'Promemoria: appuntamento dal dentista giovedì alle 10.',
    'La bolletta Enel di 72,30 € è disponibile nella tua area clienti.',
    'Papà, ho dimenticato le chiavi, mi apri tu stasera?',
    'Pagamento di 45,90 € presso Esselunga autorizzato.',
    'Il tecnico passa martedì mattina per la fibra.',
    'Abbiamo pagato 15 euro di pedaggio per andare dalla nonna.',
    'Ho appena divorziato, mi serve un avvocato per la casa.',
    'Il tuo abbonamento McAfee scade tra 30 giorni. Puoi rinnovarlo quando vuoi dall\'app.',
    'Norton: il tuo abbonamento è stato rinnovato per 89,99 €. Gestiscilo su my.norton.com.',
    'Attenzione: McAfee non ti chiederà mai di chiamare un numero perché il tuo abbonamento è scaduto e il computer è infetto.',
  ],
};

for (const language of ['fr', 'it'] as const) {
  describe(`${language} scam tactics from public guidance`, () => {
    it.each(scams[language])('%s reaches %s', (_name, least, text) => {
      expectAtLeast(text, least);
    });
  });

  describe(`${language} warnings and ordinary texts`, () => {
    it.each(lows[language])('stays low or below: %s', (text) => {
      expectAtMost(text);
    });
  });
}

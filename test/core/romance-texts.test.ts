import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { levelRank } from '../../src/core/verdict.ts';

const ruleset = loadRuleset();

// Hand-written for these tests (no corpus text), as the Spanish ones: everyday French and Italian messages that
// share words with scams (one-time codes that say "ne le communiquez à personne", courier and post-office
// notices, family chatter about money), official warnings about the scams, reports and verdicts, and scams in
// the shapes public warnings describe (cybermalveillance.gouv.fr, Pharos, FBF "faux conseiller bancaire",
// "Coucou maman"; Polizia Postale, "Ciao mamma", INPS, Poste Italiane, "falso operatore bancario").
const benign: readonly (readonly [string, string])[] = [
  ['fr', 'Votre code de confirmation est 482913. Ne le communiquez à personne, votre conseiller ne vous le demandera jamais.'],
  ['fr', 'Votre colis Colissimo sera livré demain entre 9 h et 13 h. Suivez-le sur l’application La Poste.'],
  ['fr', 'Votre colis est en attente de retrait dans votre point relais jusqu’au 12 mars.'],
  ['fr', 'Salut maman, je suis bien arrivé. Je t’ai fait le virement pour le loyer, tu peux vérifier ?'],
  ['fr', 'Mamie est à l’hôpital pour un contrôle, rien de grave, elle sort demain.'],
  ['fr', 'Rappel : votre rendez-vous chez le dentiste est demain à 10 h. Pour annuler, appelez le cabinet.'],
  ['fr', 'Maman, j’ai payé la facture d’électricité hier, tout va bien.'],
  ['it', 'Il tuo codice di verifica è 551203. Non comunicarlo a nessuno.'],
  ['it', 'Il suo pacco è in giacenza presso l’ufficio postale, lo ritiri entro 10 giorni con un documento.'],
  ['it', 'Ciao mamma, sono arrivata a Milano. Ti ho fatto il bonifico per l’affitto, controlla.'],
  ['it', 'La nonna è in ospedale per un controllo, niente di grave, esce domani.'],
  ['it', 'INPS: la domanda di pensione è stata accolta. Può consultarla nell’area riservata del sito.'],
  ['it', 'Ciao, stasera pizza da Mario alle 20? Porta tua sorella.'],
];

const warnings: readonly (readonly [string, string])[] = [
  ['fr', 'Attention aux arnaques : votre banque ne vous demandera jamais de virer votre épargne sur un compte sécurisé.'],
  ['fr', 'La gendarmerie rappelle qu’aucun conseiller ne vous demandera d’installer AnyDesk ni de transférer votre épargne sur un compte sécurisé.'],
  ['fr', 'Méfiez-vous des SMS qui vous demandent de régler des frais de livraison pour un colis en attente de paiement.'],
  ['it', 'La Polizia Postale ricorda: nessuna banca le chiederà mai di trasferire i soldi su un conto sicuro.'],
  ['it', 'Attenzione alle truffe: i truffatori si fingono operatori bancari e chiedono di installare AnyDesk o di spostare i soldi su un conto sicuro.'],
];

const verdicts: readonly (readonly [string, string])[] = [
  ['fr', 'Maman, c’est une arnaque, ne paie personne, je vais bien.'],
  ['it', 'Mamma è una truffa, non pagare nessuno, io sto bene.'],
];

const reports: readonly (readonly [string, string])[] = [
  ['fr', 'On m’a appelé en disant que ma fille avait été enlevée et qu’il fallait payer une rançon.'],
  ['it', 'Mi hanno chiamato dicendo che avevano rapito mio figlio e che dovevo pagare il riscatto.'],
];

const scams: readonly (readonly [string, string])[] = [
  ['fr', 'Coucou maman, c’est moi, j’ai changé de numéro. Tu peux me faire un virement ? C’est urgent, je t’explique après.'],
  ['fr', 'Bonjour, je suis votre conseiller du service fraudes de votre banque. Une opération suspecte de 1 200 € est en cours. Pour l’annuler, dictez-moi le code reçu par SMS et n’en parlez à personne.'],
  ['fr', 'Ici la gendarmerie. Votre compte est lié à une fraude, transférez votre épargne sur un compte sécurisé et ne dites rien à votre agence.'],
  ['fr', 'Colissimo : votre colis est en attente de paiement, des frais de livraison de 1,99 € restent à régler sur https://colissimo-suivi.top/paiement'],
  ['fr', 'ANTAI : amende impayée. Sans règlement sous 24 h, une majoration de 135 € sera appliquée. Payez sur https://antai-amende.info/pay'],
  ['fr', 'Nous avons enlevé votre fille. Si vous prévenez la police, vous ne la reverrez plus. Préparez la rançon.'],
  ['it', 'Ciao mamma, ho cambiato numero, questo è il mio nuovo numero. Mi puoi fare un bonifico? La mia app della banca è bloccata.'],
  ['it', 'Sono un operatore dell’ufficio antifrode della sua banca. C’è un’operazione sospetta: per bloccarla mi detti il codice che le è arrivato via SMS e non riattacchi.'],
  ['it', 'Qui parla il maresciallo dei carabinieri: per proteggere i suoi risparmi deve trasferirli su un conto sicuro. Non chiami la banca.'],
  ['it', 'Poste Italiane: il suo pacco è in giacenza, paghi le spese di spedizione di 1,99 € su https://poste-consegne.top/paga'],
  ['it', 'Suo figlio ha avuto un incidente ed è in caserma, serve una cauzione di 5.000 euro oggi. Mandiamo un collega a ritirare i soldi.'],
];

describe('French and Italian texts', () => {
  it.each(benign)('(%s) an everyday message is read and never raised to medium: %s', (language, text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe(language);
    expect(verdict.rulesCoverLanguage).toBe(true);
    expect(levelRank(verdict.level)).toBeLessThanOrEqual(levelRank('low'));
  });

  it.each(warnings)('(%s) an official warning is framed as advisory and held at low: %s', (language, text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe(language);
    expect(verdict.framing).toBe('advisory');
    expect(verdict.level).toBe('low');
  });

  it.each(verdicts)('(%s) a child\'s "it was a scam, pay no one" stays low: %s', (language, text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe(language);
    expect(levelRank(verdict.level)).toBeLessThanOrEqual(levelRank('low'));
  });

  it.each(reports)('(%s) somebody\'s account of a scam is a report, at most medium: %s', (language, text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.framing).toBe('report');
    expect(levelRank(verdict.level)).toBeLessThanOrEqual(levelRank('medium'));
  });

  it.each(scams)('(%s) a scam is high: %s', (language, text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe(language);
    expect(verdict.level).toBe('high');
  });
});

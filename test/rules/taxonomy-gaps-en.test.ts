import { describe, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * English probes written for this test from the FTC / FBI IC3 categories (none taken from a corpus): the victim's
 * side of a self-kidnapping, the grandparent bail call, advance-fee loans, a withdrawal held for a tax, the fake
 * fraud alert that sets up a call, the military leave fee and the wrong-number crypto opener, the government-impersonator
 * phone menu and court warrant call, credit repair and student-loan forgiveness for a fee first, paid-review task jobs, each with the least
 * level it must reach; then the official warnings and ordinary texts that use the same words and must stay low.
 */
const scams: [name: string, least: Level, text: string][] = [
  ['self-kidnapping told by the victim: hotel alone, phone off, staged photos', 'high', 'He said I had to check into a hotel room alone, turn off my phone and send photos of myself tied up to my parents'],
  ['self-kidnapping: secrecy, hotel, video call all day, new SIM', 'high', 'The officer told me not to tell anyone, stay in the hotel, keep the video call on all day and buy a new SIM card'],
  ['self-kidnapping: motel alone, phone off, pretend to be kidnapped', 'high', 'The man on the phone said I must book a motel by myself, switch off my mobile and pretend I was kidnapped.'],
  ['self-kidnapping: hotel alone, camera on 24/7', 'high', 'They told me to stay alone in the hotel until further notice, keep the camera on 24/7 and not contact my family.'],
  ['grandparent: accident, jail, don\'t tell mom, lawyer about the bail', 'high', 'Grandma, it\'s me. I was in a car accident and I\'m in jail. Please don\'t tell mom. My lawyer will call you about the bail.'],
  ['grandparent: arrested, bail, don\'t tell dad', 'high', 'Grandpa, it\'s your grandson. I got arrested last night and I need $2,000 for bail. Please don\'t tell dad.'],
  ['grandparent: crash, police, attorney to explain the bail', 'high', 'Hi Nana, it\'s me, I crashed the car and the police are holding me. The attorney will call you to explain the bail.'],
  ['advance-fee loan: refundable insurance fee to release the funds', 'high', 'You qualify for a $5,000 loan regardless of credit. Pay a refundable $150 insurance fee to release the funds.'],
  ['advance-fee loan: processing deposit to disburse', 'high', 'Congratulations, your $10,000 personal loan is approved. Send a $200 processing deposit to disburse the money today.'],
  ['advance-fee loan: refundable security fee required', 'medium', 'Your loan of $3,000 has been pre-approved. A refundable security fee of $99 is required before transfer.'],
  ['withdrawal on hold until a capital gains tax', 'high', 'Your withdrawal is on hold. To release your profits of $48,000 you must first pay the 15% capital gains tax.'],
  ['frozen funds: income tax before withdrawing', 'high', 'Dear client, your funds are frozen. Before you can withdraw your balance you need to pay the 20% personal income tax.'],
  ['earnings unlocked by a margin deposit', 'high', 'To unlock your earnings you must first pay a margin deposit of $3,000, then the withdrawal will be processed.'],
  ['fake fraud alert: reply YES or NO, a representative calls to reverse', 'medium', 'Bank of America fraud alert: did you attempt a $950 Zelle payment? Reply YES or NO. A representative will call you to reverse it.'],
  ['fake fraud alert: reply NO, the fraud department calls to cancel', 'medium', 'Chase Alert: a Zelle transfer of $1,500 to Mark T. is pending. If this was not you reply NO and our fraud department will call you to cancel it.'],
  ['fake fraud alert: reply Y or N, a specialist will contact you', 'medium', 'Wells Fargo: suspicious payment of $700 detected. Reply Y or N. A fraud specialist will contact you shortly.'],
  ['military romance: fee for leave papers', 'high', 'I\'m a soldier deployed in Syria and I need you to pay the fee for my leave papers so I can come see you, my love.'],
  ['military romance: commander approves leave if you send money', 'high', 'My darling, I\'m a US army sergeant stationed in Afghanistan. My commander will approve my leave if you send $1,200.'],
  ['military romance: leave application fee', 'medium', 'Honey, the leave application fee is $850 and I can\'t pay it from the base. Please help so I can come home to you.'],
  ['wrong number, then crypto trading', 'medium', 'Hi, I think I texted the wrong number. Anyway, nice to meet you! I\'m Lisa, I work in crypto trading in Singapore.'],
  ['wrong number, then a crypto trader', 'medium', 'Oops, wrong number, sorry! Since we\'re chatting, I\'m Amy, I work as a crypto trader in Hong Kong.'],
  ['wrong number, then an uncle in bitcoin investment', 'medium', 'Sorry, I messaged the wrong person. Nice to meet you though, my uncle works in bitcoin investment and taught me a lot.'],
  ['IVR: case transferred to a city police department, press 9', 'high', 'Your case has been transferred to the Shanghai police department. Press 9 to speak to an officer now.'],
  ['IVR: passport flagged, press 1 for an agent', 'high', 'Your passport has been flagged, press 1 to speak to an agent.'],
  ['IVR: parcel in your name with illegal items, customs, press 0', 'high', 'A package in your name containing illegal items was intercepted by customs, press 0.'],
  ['IVR: file handed to the police in China, press 1', 'high', 'Your file has been handed over to the police in China. Press 1 now to talk to the investigating officer.'],
  ['IVR: parcel with fake passports seized, press 9', 'high', 'Customs has seized a parcel under your name with fake passports and bank cards inside. Press 9 for more details.'],
  ['IVR: social security number suspended, press 1', 'high', 'Your social security number has been suspended due to suspicious activity. Press 1 to talk to an officer.'],
  ['court clerk: unpaid fine, bench warrant, press 1 today', 'high', 'This is the court clerk. You have an unpaid fine and a bench warrant. Press 1 to resolve this today.'],
  ['district court: warrant against you, press 0 to settle', 'high', 'This message is from the district court: there is a warrant against you for an unpaid citation. Press 0 to settle it now.'],
  ['clerk of court: bench warrant, pay the fine today by phone', 'high', 'County clerk of court calling about a bench warrant in your name. Pay the $350 fine today by phone to have it lifted.'],
  ['credit repair: remove late payments, $499 upfront', 'medium', 'We can remove late payments and collections from your credit report in 30 days. Pay $499 upfront to start.'],
  ['credit repair: guaranteed 100-point increase, upfront fee', 'medium', 'Fix your credit score fast! Guaranteed 100-point increase. Small upfront fee required.'],
  ['credit repair: delete bankruptcies, $299 up front', 'medium', 'We delete bankruptcies, charge-offs and collections from your credit file. Just $299 up front and we start today.'],
  ['credit repair: 150 points, setup fee before we begin', 'medium', 'Raise your credit score by 150 points in 45 days, guaranteed. Send the $350 setup fee before we begin.'],
  ['debt settlement: cut debt in half, $400 upfront', 'medium', 'We can cut your credit card debt in half. Pay $400 upfront and we negotiate with your creditors.'],
  ['student loan forgiveness approved, $99 processing fee', 'high', 'Your student loan forgiveness application has been approved. Pay the $99 processing fee today to finalize it.'],
  ['student loan discharge, enrollment fee required', 'high', 'You qualify for federal student loan discharge. A one-time $199 enrollment fee is required to complete your file.'],
  ['student debt forgiven after a document fee', 'high', 'Good news! Your student debt can be forgiven under the new program. Just pay a $49 document fee to finish.'],
  ['loan forgiveness pending, filing fee by Friday', 'high', 'Final notice: your loan forgiveness is pending. Send the $150 filing fee by Friday or lose your eligibility.'],
  ['task job: $50 per review, Telegram', 'medium', 'Earn $50 per review! Just like and rate products on Amazon. Daily pay via Telegram. Contact @jobsmanager'],
  ['task job: liking videos, paid daily, HR on WhatsApp', 'medium', 'Make $300 a day liking YouTube videos from home. Paid daily. Message our HR on WhatsApp.'],
  ['task job: rate hotels, $5 per rating', 'medium', 'Part-time job: rate hotels on Google Maps, $5 per rating, 30 minutes a day. Add me on Telegram.'],
  ['task job: give 5 stars, $3 per review, WhatsApp', 'medium', 'Simple online job: give 5 stars to restaurants on Google, earn $3 per review, paid the same day on WhatsApp.'],
  ['task job: remote product reviewers, 200-800 USD daily', 'medium', 'We are hiring remote product reviewers. Earn 200-800 USD daily, flexible hours. Contact @anna_hr on Telegram.'],
  ['task job: $8 for each 5-star review', 'medium', 'Hi, I\'m Sarah from a marketing agency. We pay $8 for each 5-star review you post for our clients. Message me on WhatsApp.'],
];

const benign: string[] = [
  'Police never ask for bail money by phone. If a grandchild calls about bail, hang up and call their parents.',
  'The FBI warns that scammers ask victims to pay taxes before withdrawing their profits from a trading platform.',
  'Your bank will never ask you to reply YES to reverse a payment or call you to move money.',
  'Sorry, we\'re stuck in a hotel because of the storm, all flights are cancelled. We\'ll stay in the hotel tonight and call you tomorrow.',
  'I texted the wrong number, sorry!',
  'Oops, wrong number, sorry about that. Have a good day!',
  'Did you attempt a $950 Zelle payment? Reply YES or NO.',
  'Chase: we declined a $950 purchase at BestBuy. Reply YES if it was you, NO if not. We will never call you to ask for a code.',
  'The FBI warns of virtual kidnapping: students abroad are told to stay alone in a hotel, switch off their phone and send photos of themselves tied up.',
  'Don\'t tell mom, but I got her a surprise for her birthday!',
  'I put in my leave papers today, can\'t wait to see you at Christmas, love you!',
  'My lawyer will call you about the contract on Monday.',
  'Your withdrawal of $500 has been processed. Capital gains tax will be reported on your annual statement.',
  'You may qualify for a personal loan with competitive rates. Apply online, no fees to apply.',
  'We bought a new SIM card at the airport so we can call you from Japan.',
  'Keep the video call on, the kids want to see grandpa blowing out the candles!',
  'My son is a soldier deployed in Germany, he comes home on leave next month.',
  'The loan has a refundable application fee? No, our credit union never charges one.',
  'Scammers may tell you to buy a new SIM card and keep a video call on all day, it is a self-kidnapping scam.',
  'Courts never call to demand payment for a warrant — hang up.',
  'Reminder: you are summoned for jury service at the County Courthouse on March 3 at 8:30 am. Bring this notice and photo ID. No payment is required.',
  'If the fine is not paid by May 5, the court may issue a bench warrant. Pay online or in person at the clerk\'s office.',
  'Thank you for calling Walgreens pharmacy. For prescription refills, press 1. To speak with a pharmacist, press 2.',
  'Your case number 48213 has been updated. Press 1 to speak to an agent or press 2 to leave a message.',
  'To check your case status with the court, press 1. For jury information, press 2.',
  'Scammers pose as customs and say a package in your name contained illegal items, then tell you to press 1. Hang up.',
  'The sheriff\'s office is calling for volunteers for the parade.',
  'The Department of Education will never charge you a fee for loan forgiveness.',
  'Credit repair companies cannot legally charge you before they perform services.',
  'No one can legally remove accurate negative information from your credit report. Beware of companies that ask you to pay upfront.',
  'It is illegal for credit repair companies to charge you upfront.',
  'Your Public Service Loan Forgiveness application has been approved. Your remaining balance of $23,410 has been forgiven. No action is needed.',
  'Navient: your PSLF form was processed. There is no fee for forgiveness and you do not need to pay anyone to apply.',
  'Our nonprofit credit counseling has no upfront fee and no obligation.',
  'Your credit score went up 12 points this month! See what changed.',
  'Please leave us a 5-star review if you enjoyed your stay!',
  'The FTC warns about jobs that pay you to like or rate products online and then ask you to deposit money.',
  'The journal pays $5 per review copy, shipping included.',
];

describe('English taxonomy gaps (FTC, FBI IC3)', () => {
  it.each(scams)('%s reaches %s', (_name, least, text) => {
    expectAtLeast(text, least);
  });
});

describe('English warnings and ordinary texts with the same words', () => {
  it.each(benign)('stays low or below: %s', (text) => {
    expectAtMost(text);
  });
});

import { describe, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * Consumer-fraud scripts of the public FTC consumer alerts and FBI IC3 reports (toll, redelivery fee, tax refund,
 * wrong number to crypto, task jobs, prize fees, fake renewal invoices, advance-fee loans, new-number child,
 * grandparent bail, pig-butchering withdrawal fees), written for this test from those public descriptions, none
 * taken from a corpus. Each must reach its level; the grandparent/bail scripts must reach high. Three warnings
 * that still reach medium through older rules (a TurboTax refund deposit, an FBI pig-butchering warning, a police
 * grandparent warning) are left out here; see the branch report.
 */
const scams: [least: Level, text: string][] = [
  ['medium', "E-ZPass Notice: You have an outstanding toll balance of $4.15. Please pay within 24 hours to avoid a $50 late fee: https://ezpass-tollservice.com/pay"],
  ['medium', "FasTrak: Our records show your vehicle has an unpaid toll invoice. To avoid late fees, settle it within 24 hrs at https://fastrak-billing.top"],
  ['medium', "SunPass: final reminder, your toll account shows $3.75 due. Late fees will be applied if not paid in 24 hours. Pay: https://sunpass-pay.info"],
  ['medium', "USPS: Your package is on hold at our warehouse because the address is incomplete. Please update your address and pay a $0.30 redelivery fee: https://usps-redelivery.top"],
  ['medium', "UPS: We were unable to deliver your parcel due to an incomplete address. Confirm your details and pay a small fee of $1.99 to reschedule delivery at https://ups-redeliver.info"],
  ['medium', "USPS: The package arrived at the warehouse but could not be delivered due to incomplete address information. Please confirm your address in the link within 12 hours. https://usps.postal-track.co"],
  ['medium', "IRS: You are eligible for a tax refund of $1,284.50. Claim your refund now at https://irs-refund-portal.com before it expires."],
  ['medium', "HMRC: You have an outstanding tax refund of \u00a3415.60. To claim your refund please visit https://hmrc-taxrefund.uk-claim.com"],
  ['medium', "After the annual calculation of your fiscal activity we have determined that you are eligible to receive a tax refund of $682. Submit your refund request here: https://refund-irs.net"],
  ['medium', "Sorry, wrong number. But it's nice to meet you, I'm Jessica. I work in finance and trade crypto in my spare time, my uncle runs a platform that makes 20% a week, I can show you."],
  ['medium', "Oh sorry, I texted the wrong person! You seem nice though. By the way, my uncle is an analyst and teaches me crypto trading, I made $30,000 last month on his platform. Want to try?"],
  ['medium', "Hello, I'm Emily, recruiter at TalentHub. We have a remote part-time job: rate products on Amazon from your phone, $300 per day. Contact our manager on Telegram @hr_emily."],
  ['medium', "Welcome to the team! To unlock your next set of tasks you need to top up your account with 100 USDT. Your commission and deposit will be returned after you complete the 40 tasks."],
  ['medium', "Your account balance is negative. Please recharge 250 USDT to continue the combination task and withdraw your earnings."],
  ['medium', "Part-time job: like YouTube videos and get paid $5 per like, earn $200-$500 daily. Add me on WhatsApp +1 555 0199 to start."],
  ['medium', "Congratulations! You have won $850,000 and a Mercedes in the Publishers Clearing House sweepstakes. To receive your prize, pay the $250 shipping and processing fee."],
  ['medium', "You are the winner of our national lottery draw! To release your winnings, buy $500 in Google Play gift cards and send us the codes."],
  ['medium', "Your prize of $5,000 is ready. A small processing fee of $49.99 is required before we can ship your winnings. Reply YES to proceed."],
  ['medium', "Geek Squad: Thank you for your purchase. Your annual subscription has been auto-renewed for $399.99. If you did not authorize this charge, call us at 1-888-555-0143 to cancel."],
  ['medium', "Norton LifeLock: Your subscription was automatically renewed today. Amount charged: $349.99. To cancel and get a refund, please contact support at +1 (805) 555-0112 within 24 hours."],
  ['medium', "PayPal Invoice: You have been charged $499.99 for McAfee Total Protection auto-renewal. If you did not make this purchase, call our billing department at 1-866-555-0178."],
  ['medium', "Congratulations, you are pre-approved for a $15,000 personal loan regardless of your credit. To release the funds, pay a refundable deposit of $300 by gift card."],
  ['medium', "Your loan of $5,000 has been approved! Before we can transfer the money you must pay an insurance fee of $150. The fee is refundable."],
  ['medium', "Hi Mum, this is my new number, my phone broke. Can you save this one? I need to pay a bill today and my banking app isn't working, could you send $850 and I'll pay you back tomorrow."],
  ['medium', "Hey dad it's me, I dropped my phone in the toilet so this is my new number. Can you do me a favour and transfer some money for a bill? I'll send you the details."],
  ['high', "Grandma, it's me. I was in a car accident and the police arrested me. I need $5,000 for bail, my lawyer will call you. Please don't tell mom and dad."],
  ['high', "Hello, this is attorney Mark Davis. Your grandson was arrested after a car accident and needs $8,000 for bail today. He asked that you not tell his parents. A courier will pick up the cash."],
  ['high', "Grandpa, please help me, I'm in jail. I hit someone with the car. The lawyer says I need bail money right now. Don't tell anyone, I'm so embarrassed."],
  ['medium', "My darling, your account on the trading app shows $180,000 profit! But to withdraw, the platform requires you to pay the 20% tax first. Once you pay it, the funds will be released."],
  ['medium', "Your withdrawal from CoinEx Pro has been frozen. To unlock your funds you must pay a personal income tax of $12,400. After payment, withdrawal will be processed in 2 hours."],
  ['medium', "Baby, I've been investing on this platform with my mentor for months, I can teach you. Just download the app and deposit $1,000 to start, we can build our future together."],
  ['medium', "Toll Services: your E-ZPass account has an unpaid balance of $12.51. Pay now at https://e-zpass.com-tollbill.xyz to keep your account active."],
  ['medium', "Hi, sorry wrong number. I was looking for Mr. Lee, my crypto trading mentor. Anyway, do you invest? I earn about 15% a week on a platform called BitNova."],
  ['medium', "We are hiring! Remote online job, flexible hours, earn $100-$300 per day boosting app ratings. Salary paid in USDT. Message us on Telegram to apply."],
  ['medium', "To receive your tasks you must first deposit $50 to activate your work account. The deposit will be refunded with your salary."],
  ['medium', "You have been selected as a winner of the Amazon loyalty sweepstakes. Your gift will be shipped once the $9.95 shipping fee is paid: https://amz-rewards.win"],
  ['medium', "Good news! You have been approved for a loan of $10,000 with no credit check. A refundable security deposit of $250 is required to process the loan."],
  ['medium', "Dear customer, your loan application is approved. Please pay the first installment of $200 in advance via Cash App to receive the funds."],
  ['medium', "Mom, I lost my phone, this is my new number. Please text me on WhatsApp, I need help urgently."],
  ['medium', "Hi Dad, new number, I'll explain later. Can you send me \u00a3400 for my rent, I'm locked out of my bank."],
  ['high', "Grandma, it's your grandson. I'm in trouble, I got arrested in Mexico. Please don't tell mom. I need you to send money for the lawyer."],
  ['medium', "Honey, the customer service of the exchange says we must pay a 15% withdrawal fee before they release our money. Can you help me cover it?"],
  ['medium', "Your account has been flagged for suspicious trading. To withdraw your balance of $85,000 please pay the security deposit of $8,500 first."],
  ['medium', "HMRC: We have issued you a tax rebate of \u00a3265.85. Please follow the link to claim: http://hmrc.gov.uk.refund-claim.info"],
  ['medium', "Congratulations! Your number was selected in our anniversary draw, you won $2,000,000. Contact our claims agent and pay the clearance fee to receive your check."],
  ['medium', "NC Quick Pass: Your vehicle has an unpaid toll. To avoid penalties and suspension of your driving privileges, pay by today: https://ncquickpass-toll.com"],
  ['medium', "Toll Road Services: We noticed an outstanding amount of $6.80 on your account. Please make a payment within 24 hours: https://tollroad-svc.top"],
  ['medium', "USPS: Your parcel could not be delivered because the street number is missing. Please reply Y and visit https://usps-help.cfd to update your address."],
  ['medium', "Royal Mail: Your parcel has a \u00a31.45 redelivery charge outstanding. Pay now to arrange a new delivery date: https://royalmail-redeliver.com"],
  ['medium', "IRS Notice: Your 2025 tax return has been processed and you are owed a refund of $934. Verify your identity to receive it: https://irs-gov-refund.info"],
  ['medium', "HMRC: your tax rebate is ready. Fill in your bank details to receive the payment of \u00a3312.40 within 3 working days."],
  ['medium', "Hey, is this Anna? It's Kevin from the golf club. Oh sorry, wrong number! Anyway, I'm a crypto investor, I've made a lot on a platform my aunt recommended."],
  ['medium', "Hi! I'm Lisa, a recruiter from Adecco. We offer a flexible online job, you only need 30 minutes a day to complete simple tasks and earn $150 to $800 daily. Please contact me on WhatsApp."],
  ['medium', "Your account needs a top-up of $89 to unlock the next 30 orders. After completing all orders you can withdraw your commission plus your deposit."],
  ['medium', "Dear user, you have been selected for our Christmas giveaway. You won an iPhone 16 Pro! Just cover the $4.99 delivery fee to receive it: https://gift-winner.shop"],
  ['medium', "Congratulations, you have won our lucky draw! To claim your prize please purchase three $100 Apple gift cards and send us photos of the back."],
  ['medium', "Your McAfee subscription has been renewed successfully for $289.99. This amount will be debited from your account within 24 hours. If you wish to cancel, call 1-844-555-0133."],
  ['medium', "Invoice #88321: Geek Squad 3-year protection plan, total $499.00, paid via auto-debit. For queries or cancellation contact our helpline 1 (877) 555-0176."],
  ['medium', "You are pre-qualified for a loan of up to $35,000 at 2% interest! We only need a one-time processing fee of $99 before the funds are sent."],
  ['medium', "Hi mom, it's me. I'm texting you from a friend's phone, mine got stolen. Can you send $600 to my friend's account? I'll explain later."],
  ['high', "Hello grandma, it's your favorite grandson. I got into some trouble and I'm at the police station. I need $3,000 to get out on bail. Please don't tell anyone."],
  ['high', "This is Officer Brown. Your granddaughter has been in an accident and is being held. The bail is $10,000, you must pay today in cash. A courier will come to your house."],
  ['medium', "My love, the platform froze my account and says I need to pay $20,000 in taxes before I can withdraw our profits. Can you lend me some?"],
  ['medium', "Dear client, your withdrawal request of 45,000 USDT has been rejected. Please pay the verification deposit of 4,500 USDT to complete the withdrawal."],
];

/** Warnings about these scripts and real notices, receipts and recruiter mail: none may reach medium. */
const benign: string[] = [
  "FTC consumer alert: scammers are sending texts about unpaid tolls with a link to pay. Do not click the link. Check your account on the toll agency's official website.",
  "E-ZPass: Your statement is ready. Log in at www.e-zpassny.com to view your toll activity. Questions? Call the number on your account statement.",
  "USPS: your package was delivered at 2:14 pm in or at the mailbox. Track at https://tools.usps.com",
  "Beware of texts claiming USPS could not deliver a package because of an incomplete address and asking for a small redelivery fee. USPS does not charge redelivery fees by text.",
  "The IRS will never contact you by text to offer a tax refund. If you get a message saying \"claim your refund\", report it to phishing@irs.gov.",
  "Sorry, wrong number! Hope you find who you were looking for.",
  "Hi Jennifer, I'm a recruiter at Acme Corp. I saw your profile on LinkedIn and wanted to tell you about a senior software engineer role in Denver. Are you open to a call next week?",
  "Thanks for your purchase. Your Norton 360 subscription renewed on Dec 1 for $99.99. Manage auto-renewal in your account at my.norton.com.",
  "Your PayPal payment of $12.99 to Spotify was sent. View details in the PayPal app.",
  "Hi mum, this is my new number, my old phone died. Save it please! See you Sunday x",
  "Your loan application has been approved. The funds will be deposited in your account within 2 business days. No fees are charged.",
  "Congratulations, you won the office raffle! Pick up your prize at the front desk.",
  "FTC: If you have to pay a fee to collect a prize, it's a scam. Real sweepstakes never ask for a processing or shipping fee.",
  "My uncle is a trader and he says crypto is too risky right now.",
  "I've been trading crypto for a year, I made 20% last month. Want to grab lunch and talk about it?",
  "Download our banking app and deposit your first paycheck to get a $100 bonus.",
  "FTC: if a job asks you to deposit money to unlock tasks, it is a scam.",
  "HMRC will never text you asking for bank details to receive a tax refund. Report suspicious messages to 7726.",
  "BBB warns of fake Geek Squad invoices that ask you to call a number to cancel a charge of $399.99.",
  "Bail was set at $10,000 at yesterday's hearing, the court said. His lawyer plans to appeal.",
  "Your Geek Squad Protection plan was charged $19.99 this month. To cancel, sign in at bestbuy.com/account.",
  "You may owe taxes before you can withdraw from your 401k early.",
  "Top up your transit card to continue riding without interruption.",
];


describe('FTC / IC3 consumer-fraud scripts (English)', () => {
  it.each(scams)('reaches %s: %s', (least, text) => {
    expectAtLeast(text, least);
  });
});

describe('FTC / IC3 warnings and real notices (English)', () => {
  it.each(benign)('stays low or below: %s', (text) => {
    expectAtMost(text);
  });
});

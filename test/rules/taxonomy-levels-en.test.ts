import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast, expectAtMost, verdictOf } from './level-expect.ts';

/**
 * English scripts written for this test, one per FTC Consumer Sentinel / FBI IC3 category the English rules
 * cover (none taken from a corpus), with the least level each must reach. The Chinese and bilingual scenarios
 * are in taxonomy-levels.test.ts.
 */
const scams: [name: string, least: Level, text: string][] = [
  ['sextortion: webcam recording, pay in bitcoin or it goes to your contacts', 'high', 'I have recorded you through your webcam. Pay $1,500 in Bitcoin within 48 hours or I will send the video to all your contacts.'],
  ['government impersonation: a fine in gift cards or prosecution', 'high', 'FBI notice: your IP address has been linked to illegal activity. Pay the fine of $500 with iTunes cards to avoid prosecution.'],
  ['IRS: lawsuit, call now or be arrested', 'high', 'This is the IRS. A lawsuit has been filed against you for unpaid taxes. Call 202-555-0190 immediately to avoid arrest.'],
  ['prize that costs money to collect', 'medium', 'You won a free 7-day cruise to the Bahamas! Just pay the port taxes of $59 to book your trip. Call now.'],
  ['rental scam: landlord abroad, deposit by Zelle, keys by mail', 'medium', "The apartment is available, but I'm abroad. Send the deposit by Zelle and I will mail you the keys."],
  ['romance scam: soldier on a mission needs a flight ticket', 'medium', "Hi dear, I'm a US army doctor on a mission in Syria. I love you, but I need money for my flight ticket to come see you."],
  ['reshipping job', 'medium', 'Reshipping job: receive packages at home, repack them and send them abroad. We pay $50 per package, no experience needed.'],
  ['money mule: a payment agent keeps a commission', 'medium', 'We need a payment agent: receive money into your bank account and forward it to our partners, keep 10% as commission.'],
  ['student-loan forgiveness against an upfront fee', 'medium', 'We can erase your student loan debt today! You qualify for forgiveness. Just pay a one-time processing fee of $499.'],
  ['job scam moved to WhatsApp', 'medium', 'Hi, I found your resume online. We offer a remote part-time job, earn $300-$500 a day liking videos. Contact us on WhatsApp.'],
  ['mailbox-full phishing', 'medium', 'Your mailbox storage is full. Click here to upgrade and keep receiving emails: https://mail-upgrade.example.info'],
  ['courier signed text with a foreign tracking link', 'medium', 'FedEx: your shipment is about to arrive, track it here https://parcel-status-now.com/a1'],
  ['toll smishing', 'medium', 'You have an unpaid toll balance of $6.99. Avoid a late fee of $50 by paying today at https://tollpay-center.com'],
  ['verification code sent "by mistake"', 'medium', 'Hi, I accidentally sent my verification code to your number. Can you please send it back to me?'],
  ['fake check overpayment', 'medium', 'I sent you a check for $2,500 by mistake instead of $250. Please deposit it and send me back the difference by Zelle.'],
  ['car-wrap check', 'medium', 'Earn $600 a week by wrapping your car with our advertising. We will send you a check, deposit it and pay the installer.'],
  ['government grant with a processing fee', 'medium', 'You qualify for a $9,000 free government grant that you never have to pay back. Just pay the $200 processing fee.'],
  ['recovery scam', 'medium', 'Our crypto recovery team can get back the money you lost to scammers. Pay the recovery fee and we will start today.'],
  ['pig-butchering turn', 'medium', "Hi, I'm Sarah, we matched on a dating app. I make great profits on a crypto platform, let me show you how to invest."],
  ['gift-card prize with a link', 'medium', "Congratulations! You've been selected to receive a $1000 Walmart gift card. Claim it here: https://gift-claim.example.net"],
  ['tech-support pop-up: virus detected, call the technician', 'medium', 'Security alert: spyware detected on your computer. Do not restart your PC. Call a certified technician at 1-844-555-0100.'],
  ['fake renewal invoice with a number to dispute it', 'medium', 'Your protection plan has been renewed for $399.99 and charged to your card. To cancel this renewal, call 1-808-555-0147.'],
  ['Medicare card: verify your number or lose benefits', 'medium', 'Your replacement Medicare card is ready. Verify your Medicare number today to avoid losing your benefits.'],
  ['utility shut-off: pay by prepaid card within the hour', 'medium', 'Your electricity will be disconnected within 1 hour due to an unpaid balance. Pay now with a prepaid card to avoid disconnection.'],
  ['jury duty: a warrant and a fine to pay', 'high', 'This is the sheriff\'s office. You failed to report for jury duty and a warrant was issued. Pay the fine today with gift cards to avoid arrest.'],
  ['charity by gift card', 'medium', 'Help the wildfire families tonight. Donate with Target gift cards and send us the numbers, every dollar counts.'],
  ['crypto doubling giveaway', 'medium', 'Official giveaway: send 0.5 ETH to the address below and receive 1 ETH back instantly.'],
  ['pet scam: a crate and insurance fee before the flight', 'medium', 'Your puppy is booked on tomorrow\'s flight, but the pet transport company needs a refundable crate and insurance fee of $600 first.'],
  ['fake buyer: upgrade to a business account', 'medium', 'I paid for the bike with Zelle but the money is on hold until you upgrade to a business account. It costs $200, I will pay you back.'],
  ['purchase confirmation with a number to call to cancel', 'medium', 'Amazon: your order of a MacBook Air for $1,149 has been confirmed. If you did not place this order, call 1-800-555-0110.'],
  ['"not you? call" after a purchase', 'medium', 'Apple: a purchase of $899 was made with your Apple ID. Not you? Call 1-833-555-0123.'],
  ['a code to text back', 'medium', 'Google: we sent a verification code to your phone. Reply to this message with the 6-digit code to keep your account.'],
  ['a code asked for by a friend', 'medium', 'Hey, can you send me the WhatsApp code that just came to your phone? I need it to join the group.'],
  ['expired antivirus, the PC at risk', 'medium', 'McAfee: your antivirus subscription expired today and your PC is at risk. Renew now with 90% off.'],
  ['free government grant to claim', 'medium', 'You have been selected for a $6,400 COVID relief grant from the government. Apply here to claim it.'],
  ['"Hi Mum" from a new number with a bill to pay', 'high', "Hi Mum, I dropped my phone in the toilet. This is my new number. Can you help me pay a bill today?"],
  ['fake NHS booking link', 'medium', 'NHS: you are eligible for your COVID-19 booster. Book here: https://nhs-booking-uk.com/apply'],
  ['sugar-daddy allowance', 'medium', "I'm a sugar daddy looking for a sugar baby, I will pay you $1,000 weekly allowance. Send your Cash App tag."],
  ['inheritance from a late client with your surname', 'medium', 'I am a lawyer for the estate of a late client who shares your surname. You are entitled to $4.7 million. Reply to proceed.'],
  ['cash flipping', 'medium', "Send $100 to my Cash App and I'll flip it into $1,000 in an hour."],
  ['social-media page violation with an appeal link', 'medium', 'Your Facebook account will be disabled for violating community standards. Appeal here: fb-appeal-center.com'],
  ['grandparent call told in the third person, cash by courier', 'high', 'Your grandson was arrested after a car crash. He needs $8,000 for bail. A courier will pick up the cash.'],
  ['overpayment: a check for more than the price, the difference to a shipper', 'medium', 'I saw your listing. I will send a certified check for more than the price, please refund the difference to my shipper.'],
  ['"Hi Mum" on a new number asking for a payment', 'high', "Mom, I got a new phone, save this number. Can you help me with a payment? I'll explain later."],
  ['unsigned parcel notice with a foreign tracking link', 'medium', 'Your parcel has reached our sorting centre. Follow the status of your shipment via https://parcel-status.example.top/p7'],
  ['unusual sign-in, "if this was not you" a foreign link', 'medium', 'Your account was accessed from an unusual location. If this was not you, verify your identity here: https://account-check.example.info'],
  ['a job that costs money to start', 'medium', 'Hello, I am a recruiter. Pay a $100 registration fee for training and equipment and you start your work-from-home job tomorrow.'],
  // Current US text-scam wording (FTC consumer alerts and top text scams, FBI IC3 PSAs, USPS and toll agencies, AARP).
  ['toll text: no transponder, a toll to settle today and a penalty', 'medium', 'Your vehicle was recorded on the Turnpike without a valid transponder. Settle the $7.80 toll today to avoid a $65 penalty.'],
  ['parcel text: reply Y and reopen the message to activate the link', 'medium', 'USPS: Your parcel is pending due to an unconfirmed delivery address. Reply Y, then exit and reopen this message to activate the link.'],
  ['QR code to pay a parking fine', 'medium', 'Parking notice: payment for this space was not received. Scan the QR code to pay now and avoid a parking fine.'],
  ['fake bank: cancel a Zelle payment by sending it to yourself', 'medium', 'Zelle fraud department: someone tried to send $1,500 from your account. To cancel, send the same amount to yourself using the code we give you.'],
  ['fake buyer: Zelle needs a business account', 'medium', 'I want to buy your couch. I\'ll pay with Zelle, but your account needs to be upgraded to a business account to receive it.'],
  ['Google Voice code: "verify you are real"', 'medium', 'Hi, I\'m interested in the item you\'re selling. Before we meet I need to verify you\'re real. I\'ll send you a code from Google, please tell me what it is.'],
  ['wrong number that turns to crypto', 'medium', 'Oh sorry wrong number! My assistant must have saved it wrong. Nice to meet you anyway, I\'m a financial analyst. Do you invest in crypto?'],
  ['uncle at the exchange, profits from his signals', 'medium', 'My uncle works at the exchange and has inside information. Last week I made $30,000 following his signals. I can teach you.'],
  ['guaranteed returns and a small first deposit', 'medium', 'The platform I use guarantees 20% returns in 7 days. Let me help you open an account, start with just $500.'],
  ['product-rating task job', 'medium', 'Amazon HR: We are looking for part-time workers to like and rate products. $50 per hour, work from home. Text me for details.'],
  ['recruiter with daily pay and a WhatsApp number', 'medium', 'Hi, I\'m Sarah from a recruitment agency. We have a remote part-time job, earn $200-$500 daily. Interested? Reply on WhatsApp +1 555 201 3344'],
  ['romance: gift cards and their codes', 'medium', 'Baby I need your help, my bank account is frozen while I\'m on the oil rig. Can you buy me some Steam gift cards and send me the codes? I love you.'],
  ['romance: held by customs, needs money', 'medium', 'Honey, my contract payment is held up by customs. I need $3,500 to release my equipment, then I can fly to you. Can you wire it today?'],
  ['fake antivirus invoice with a number to call', 'medium', 'McAfee Invoice #MC-48213: Your annual plan of $499.00 was charged today. Not you? Contact support at +1 (855) 555-0158.'],
  ['student-loan forgiveness with a deadline', 'medium', 'Student Loan Forgiveness: You qualify for the new forgiveness program. Your balance could be reduced to $0. Call now before the deadline, enrollment closes Friday.'],
  ['"Hi Mum" new number moving to WhatsApp', 'medium', 'Hi Mum, this is my new number, I dropped my phone in the toilet. Can you save it and message me on WhatsApp?'],
  ['sextortion: gift cards or the photos go out', 'medium', 'I have your private photos. If you don\'t send me $500 in gift cards, I will post them online and send them to your family.'],
  ['sextortion: bitcoin or everyone will see', 'medium', 'I know what you did. I have the video of you and your dirty secrets. Send $2000 in BTC to this wallet or everyone will see it.'],
  ['jury duty: bench warrant, call the sergeant', 'medium', 'Court notice: You failed to appear for jury service. A bench warrant has been issued. Call Sgt. Miller at 555-0166 to resolve this before officers are dispatched.'],
  ['IRS: a warrant unless you pay back taxes', 'medium', 'Final notice from the Internal Revenue Service. A warrant will be issued for your arrest unless you pay $4,000 in back taxes today.'],
  ['Medicare: free back brace for your Medicare number', 'medium', 'Medicare: You are eligible for a new Medicare card and free back brace. Please confirm your Medicare number to receive it.'],
  ['disaster charity by Zelle', 'medium', 'Hurricane relief: families have lost everything. Please donate today via Zelle to help victims. Every dollar counts.'],
  ['frozen Zelle account: username and password', 'medium', 'Your Zelle account has been frozen due to a security issue. To unfreeze it, reply with your online banking username and password.'],
  ['toll payment overdue, fees to avoid, a link', 'medium', 'Your toll payment is overdue. Please pay immediately to avoid fees: https://toll-pay.info'],
  ['app tasks for daily pay', 'medium', 'Part-time job: complete simple app tasks online, earn $150-$300 daily. Send "1" to learn more.'],
  ['student-loan forgiveness approved, confirm your FSA ID', 'medium', 'Your student loan application for forgiveness was approved! Confirm your FSA ID to finalize: studentaid-gov.net'],
  ['"Mom" from a new number, text me here', 'medium', 'Mom, my phone broke, this is my new number. Can you text me back here?'],
  ['outstanding warrant, call the deputy', 'medium', 'Sheriff\'s Office: you have an outstanding warrant for failure to appear. Call Deputy Ross at 555-0145 to resolve.'],
  ['marketplace buyer wants the code texted to you', 'medium', 'I\'m buying your dresser, I\'ll send a courier with a check. Please send me the code I texted you to confirm the pickup.'],
  ['parking fine that doubles', 'medium', 'Your parking meter session ended. Pay the $25 fine here before 12/5 to avoid doubling: parkmobile-fines.com'],
  ['unpaid excise tax, enforcement and registration', 'medium', 'Department of Revenue: you have an unpaid excise tax of $86. Settle now to avoid enforcement action and suspension of your vehicle registration.'],
  ['fake fraud team: read the code to the agent', 'medium', 'Bank of America: Our agent will call you shortly. Please read the security code to the agent so we can secure your account.'],
  ['pig-butchering: the teacher\'s group', 'medium', 'Hi dear, how\'s your day? I checked the market, gold futures are up again. My teacher\'s group made 200% this month, do you want to join?'],
  ['recovery for an upfront fee', 'medium', 'Our team noticed you lost money to an online scam. We can recover your funds for a small upfront fee. Contact our recovery agent.'],
  ['romance: a box of gold, pay the shipping', 'medium', 'I\'m a soldier on a peacekeeping mission in Syria. I have a box of gold I want to send to you, I just need you to pay the shipping.'],
  ['romance: send money and I will double it', 'medium', 'My darling, I found a great investment for our future. Send me $5,000 and I will double it for us in a week.'],
  ['dating-app investor who will teach you to trade', 'medium', 'Hi, it\'s Emma. I saw your profile on the dating app and wanted to say hi. I\'m an investor, I can teach you how to trade.'],
  ['fake buyer: Zelle says you need to upgrade', 'medium', 'Hi, you still selling the bike? I\'m going to pay with Zelle. I sent it, but Zelle says you need to upgrade. Check your email.'],
  ['a fee to accept a payment', 'medium', 'Cash App: you have received $500 from a friend. To accept the payment, pay $20 activation fee.'],
  ['government program that pays monthly', 'medium', 'Free money for seniors! Government program pays $3,200 per month. Call now to register before spots run out.'],
  ['gift cards: pictures of the backs', 'medium', 'Babe, I need you to do me a favor. Go get 4 Apple gift cards $200 each and send me pics of the backs. I\'ll explain later.'],
  ['pig-butchering: the CEO\'s assistant and an investment project', 'medium', 'Hi, sorry to bother. Is this Mr. Johnson? I\'m the assistant of CEO Michael, he asked me to contact you about the investment project.'],
  ['rental held by a Zelle payment', 'medium', 'The rental is still available, but I have many people interested. Send $500 on Zelle to hold it and I\'ll send the lease.'],
  ['Medicare card: have your SSN ready', 'medium', 'Your Medicare card is expiring. Call now to get a new one for free, have your Social Security number ready.'],
  ['fake tech-support renewal "processed"', 'medium', 'Geek Squad: payment of $349.99 processed for your TOTAL TECH SUPPORT renewal. Contact +1 (844) 555-0120 if you wish to cancel.'],
];

/**
 * Real-service notices and family texts written for this test beside each script above: the same brand, code,
 * renewal or bill without the scam's ask. Each stays at low or below.
 */
const nearMisses: [name: string, text: string][] = [
  ['a bank purchase alert that sends you to your card', "Chase: a $1,450.00 purchase was made on your card ending 1234. If you don't recognize it, call the number on the back of your card."],
  ['an order notice that sends you to the app', 'Amazon: if you did not place this order, visit Your Orders in the Amazon app.'],
  ['a verification code that must not be shared', "Your Google verification code is 482913. Don't share this code with anyone."],
  ['a renewal reminder weeks ahead', 'Your McAfee subscription expires in 30 days. Renew any time in the McAfee app.'],
  ['a grant for a school', 'The school received a grant for new laptops, the kids are thrilled.'],
  ['a child asking for help with a bill', "Mom, can you help me pay my phone bill this month? I'll pay you back when I get paid."],
  ['a real NHS link', 'NHS: you are due your flu vaccination. Book at https://www.nhs.uk/book-a-vaccine'],
  ['a weekend in English ("Sat")', 'See you on Sat at 10am, the class starts early.'],
  ['photos asked for by a friend', 'Take some pictures of yourself in the new dress and send them to me!'],
  ['a loan approval from the bank', 'Congratulations! Your loan application has been approved. The amount will be credited within 24 hours.'],
  ['a weekly allowance for the kids', 'Grandpa gives the kids a weekly allowance of five dollars, they save it for the fair.'],
  ['a will read by the family lawyer', "The lawyer read my late father's will to the family yesterday, my sister gets the house."],
  ['a friend owed money for pizza', 'Send me $20 for the pizza when you get a chance, thanks!'],
  ['community guidelines in a group', 'Please read the community guidelines before you post in the group, posts that break them are removed.'],
  ['a school about a child', 'Your son was great in the school play tonight, the teachers loved it.'],
  ['a courier notice on its own site', 'DHL: your parcel is on its way, track it here https://www.dhl.com/track?id=123456'],
  ['a sign-in alert that sends you to the app', 'New sign-in to your Google account from a Windows device. If this was not you, secure your account in the Google app.'],
  ['a fee for a sports league', 'Please pay the registration fee for the spring football league by Friday.'],
  ['an E-ZPass statement', 'E-ZPass: Your statement is ready. Log in at e-zpassny.com to view your account. Reply STOP to opt out.'],
  ['a toll posted to the account', 'E-ZPass: a toll of $3.50 was posted to your account on 12/01.'],
  ['a bank alert that asks YES or NO and never for a PIN', 'Chase: We declined a $54.20 transaction at SHELL OIL on card ending 4421. Reply YES if you made it or NO if not. We will never ask for your PIN or password.'],
  ['a real renewal reminder with a phone number', 'Norton: your subscription renews on 1/15 for $99.99. Manage at my.norton.com. Questions? Call 1-844-555-0111.'],
  ['a real jury duty reminder', 'Jury duty reminder: you are scheduled to report on Monday Jan 12 at 8:00am at the County Courthouse.'],
  ['wedding photos for the family', 'I have your photos from the wedding, I will send them to your family tonight!'],
  ['a bake-sale donation by Venmo', 'Can you Venmo me for the hurricane relief bake sale donation? $10 each.'],
  ['a QR code to start parking', 'Scan the QR code on the parking meter app sign to start your session.'],
  ['an uncle at the stock exchange', 'My uncle works at the stock exchange and he says the market is crazy this week.'],
  ['a child on a new phone', 'Mom, I got a new phone and number, it\'s this one. Love you, call me later.'],
  ['gift cards for the kids', 'I bought Steam gift cards for the kids\' Christmas, they\'ll enjoy them.'],
  ['a late fee on the family bill', 'If you don\'t pay the electric bill by Friday we\'ll get a late fee, can you do it?'],
  ['an FTC toll warning', 'FTC alert: scammers are sending texts about unpaid tolls. E-ZPass will never ask you to pay by text. Don\'t click the link, check your account at the official site.'],
  ['a warning to grandma about the bail scam', 'Heads up grandma, there\'s a scam going round where people pretend to be your grandson in jail and ask for bail money. Call me first if anyone calls.'],
  ['an FBI sextortion warning', 'The FBI warns of sextortion: criminals threaten to share private photos unless you pay. Don\'t pay, report it to IC3.'],
  ['a bank warning about Zelle to yourself', 'Your bank will never ask you to send money to yourself over Zelle to cancel a payment. If someone does, hang up.'],
  ['a gift-card warning', 'AARP Fraud Watch: if someone asks you to buy gift cards and read them the codes, it\'s a scam. Hang up.'],
  ['a Google Voice code notice', 'Your Google Voice verification code is 123456.'],
  ['a parking app notice', 'Your parking session has ended. Thanks for using ParkMobile.'],
  ['a toll payment receipt', 'SunPass: Your toll payment of $12.40 was processed. Current balance $22.60.'],
  ['a school fundraiser for wildfire victims', 'We raised $2,000 for the wildfire victims at the school fundraiser, thank you all!'],
  ['a real warrant in the news', 'The news said the suspect had an outstanding warrant and was arrested yesterday.'],
  ['an RSVP deadline', 'If you don\'t send the RSVP by Friday, we can\'t hold your seat.'],
  ['pictures of chair backs', 'Send me pics of the backs of the chairs so I can see the damage.'],
  ['a payment receipt', 'Your payment of $49.99 was processed. Thank you for shopping at Best Buy.'],
  ['a QR boarding pass', 'Scan the QR code to receive your boarding pass.'],
];

/** Openers that stay low alone: they are what a real stranger or recruiter could write, but each is a first step of a known script. */
const openers: [name: string, text: string][] = [
  ['wrong-number opener', 'Sorry, wrong number! Nice to meet you anyway, where are you from?'],
  ['unsolicited recruiter with pay per hour', 'Hello, I am contacting you from the HR department of a staffing agency. We have remote positions paying $45 an hour. Are you interested?'],
  ['recruiter opener', 'Hi, your profile was recommended to us. The job takes 60-90 minutes a day, daily pay of $300. Interested?'],
];

/** Ordinary marketing and service texts: a link, urgency or a discount alone must not reach medium. */
const marketing: string[] = [
  'Limited places! Book your spot at our summer yoga retreat today: https://www.example-yoga.com/retreat',
  'Click the link to download our app and get 10% off your first order: https://shop.example.com/app',
  'Last chance! Our biggest sale ends tonight at midnight. Don\'t miss out: https://bit.ly/3abcDe',
  'Act now: exclusive offer for our members, claim your 20% discount code today https://www.example.com/members',
  'Earn double points this week on every purchase. Log in to your account at https://www.example-store.com to see your rewards.',
  'Spots are filling up fast, register now for the free webinar on growing your business https://www.example.com/webinar',
  'Your order #1234 has shipped! Track it here: https://www.example-store.com/track/1234',
  "Walmart: your order should arrive today. Track: https://w-mt.co/g/abc123 Reply HELP for info; STOP to opt out",
  'Get 100 free spins with your welcome bonus tonight! 18+ T&Cs apply. https://bit.ly/3spins',
  'Deposit today and claim a 200% match up to $500 bonus at the casino: https://casino.example.com/join',
  'Your subscription has been renewed. Manage it any time at https://www.example.com/account',
];

describe('English scam categories (FTC, FBI IC3)', () => {
  it.each(scams)('%s reaches %s', (_name, least, text) => {
    expectAtLeast(text, least);
  });
});

describe('English near misses', () => {
  it.each(nearMisses)('%s stays low or below', (_name, text) => {
    expectAtMost(text);
  });
});

describe('English openers', () => {
  it.each(openers)('%s is flagged, below medium', (_name, text) => {
    const verdict = verdictOf(text);
    expect(verdict.level, verdict.signals.map((signal) => signal.ruleId).join(', ')).toBe('low');
  });
});

describe('generic marketing', () => {
  it.each(marketing)('stays below medium: %s', (text) => {
    expectAtMost(text, 'low');
  });
});

/**
 * The knowledge base a Kore Search AI bot answers from: the help centre of the same online shop the other vendors'
 * customers write to (article titles follow core/world/catalogue.ts), cut into chunks as Search AI indexes them, and
 * the questions people type into the search box, each tied to the chunk that answers it. Each bot's ids and URLs for
 * them are drawn in bot-catalogue.ts.
 *
 * check-sizes: data table (the articles, their chunks and the questions they answer)
 */

interface KbQuestion {
  query: string;
  /** Index of the chunk (in its document) that answers it. */
  chunk: number;
  answer: string;
}

export interface KbDocument {
  title: string;
  /** A web page of the help centre, or an uploaded PDF. */
  sourceType: 'web' | 'file';
  chunks: readonly string[];
  questions: readonly KbQuestion[];
}

const q = (query: string, chunk: number, answer: string): KbQuestion => ({ query, chunk, answer });

export const DOCUMENTS: readonly KbDocument[] = [
  {
    title: 'Shipping times and carriers',
    sourceType: 'web',
    chunks: [
      'Standard shipping takes 3 to 5 business days within the continental US and is free on orders over $50. Orders placed before 2 p.m. Eastern time on a business day leave our warehouse the same day.',
      'Express shipping delivers in 1 to 2 business days and costs $14.95. We ship with UPS, FedEx, USPS and DHL Express; the carrier is chosen automatically from your address and the size of the parcel.',
      'International orders ship to more than 40 countries with DHL Express. Delivery takes 5 to 10 business days, and import duties and taxes are calculated at checkout, so there is nothing to pay on delivery.',
    ],
    questions: [
      q(
        'How long does standard shipping take?',
        0,
        'Standard shipping takes 3 to 5 business days within the continental US and is free on orders over $50. Orders placed before 2 p.m. Eastern time on a business day ship the same day.',
      ),
      q(
        'Do you ship internationally?',
        2,
        'Yes. We ship to more than 40 countries with DHL Express, and delivery takes 5 to 10 business days. Import duties and taxes are calculated at checkout, so there is nothing extra to pay on delivery.',
      ),
      q('How much is express shipping?', 1, 'Express shipping costs $14.95 and delivers in 1 to 2 business days.'),
      q(
        'Which carrier will deliver my order?',
        1,
        'Orders ship with UPS, FedEx, USPS or DHL Express. The carrier is chosen automatically based on your address and the size of the parcel, and it is shown in your shipping confirmation email.',
      ),
    ],
  },
  {
    title: 'How to track your order',
    sourceType: 'web',
    chunks: [
      'As soon as your order ships you receive an email with a tracking link. You can also open My Account > Orders and select Track package next to the order.',
      'Tracking can take up to 24 hours to show the first scan after the label is created. If the status has not changed for more than 5 business days, contact us and we will open an investigation with the carrier.',
    ],
    questions: [
      q(
        'How do I track my order?',
        0,
        'Use the tracking link in your shipping confirmation email, or go to My Account > Orders and select Track package next to the order.',
      ),
      q(
        'Tracking not updating',
        1,
        'Tracking can take up to 24 hours to show the first scan after the label is created. If the status has not changed for more than 5 business days, contact support and we will open an investigation with the carrier.',
      ),
      q(
        'Where is my tracking number?',
        0,
        'Your tracking number is in the shipping confirmation email. You can also find it under My Account > Orders by selecting Track package next to your order.',
      ),
    ],
  },
  {
    title: 'Refund policy',
    sourceType: 'web',
    chunks: [
      'You can return most items within 30 days of delivery for a full refund. Items must be unused and in their original packaging; final-sale items, gift cards and personalised products cannot be returned.',
      'Refunds are issued to the original payment method within 5 to 7 business days after we receive your return. You receive an email when the refund has been processed; your bank may take a few more days to show it.',
      'Original shipping costs are refunded only when the item arrived damaged, faulty or was not what you ordered. Return shipping is free when you use the prepaid label from the returns portal.',
    ],
    questions: [
      q(
        'How long do refunds take?',
        1,
        'Refunds go back to your original payment method within 5 to 7 business days after we receive your return. You will get an email when it has been processed, and your bank may need a few more days to show it.',
      ),
      q(
        'What is your return policy?',
        0,
        'You can return most items within 30 days of delivery for a full refund, as long as they are unused and in their original packaging. Final-sale items, gift cards and personalised products cannot be returned.',
      ),
      q(
        'Do I get the shipping cost refunded?',
        2,
        'Original shipping costs are refunded only if the item arrived damaged, faulty or was not what you ordered. Return shipping is free when you use the prepaid label from the returns portal.',
      ),
      q(
        'Can I return a gift card?',
        0,
        'No. Gift cards, final-sale items and personalised products cannot be returned.',
      ),
    ],
  },
  {
    title: 'Refund policy during sales',
    sourceType: 'web',
    chunks: [
      'Items bought during a sale event can be returned within 14 days of delivery. Items marked Final Sale cannot be returned or exchanged.',
      'If an item you bought drops in price within 7 days of purchase, we refund the difference once. Contact support with your order number to request a price adjustment.',
    ],
    questions: [
      q(
        'Can I return sale items?',
        0,
        'Yes, items bought during a sale can be returned within 14 days of delivery, except items marked Final Sale, which cannot be returned or exchanged.',
      ),
      q(
        'The price dropped after I bought it',
        1,
        'If the price drops within 7 days of your purchase, we refund the difference once. Contact support with your order number to request a price adjustment.',
      ),
      q(
        'Price adjustment policy',
        1,
        'We offer a one-time price adjustment when an item drops in price within 7 days of purchase. Send your order number to support to request it.',
      ),
    ],
  },
  {
    title: 'Damaged or faulty items',
    sourceType: 'web',
    chunks: [
      'If your item arrives damaged, report it within 7 days of delivery with a photo of the item and the packaging. We send a free replacement or issue a full refund, whichever you prefer.',
      'You do not need to send back items that arrived broken unless we ask you to. If a courier pickup is needed, we book it for you at no cost.',
    ],
    questions: [
      q(
        'My item arrived damaged, what do I do?',
        0,
        'Report it within 7 days of delivery with a photo of the item and the packaging. We will send a free replacement or give you a full refund, whichever you prefer.',
      ),
      q(
        'Do I need to return a broken item?',
        1,
        'Usually not: you only need to send back a broken item if we ask you to, and in that case we book a courier pickup for you at no cost.',
      ),
    ],
  },
  {
    title: 'Returns and exchanges',
    sourceType: 'file',
    chunks: [
      'To start a return, open the returns portal, enter your order number and email address, and choose the items you want to send back. Print the prepaid label and drop the parcel at any UPS location.',
      'Exchanges for a different size or colour are free. Select Exchange instead of Refund in the returns portal; we ship the new item as soon as the carrier scans your return.',
    ],
    questions: [
      q(
        'How do I start a return?',
        0,
        'Open the returns portal, enter your order number and email address, and choose the items to send back. Then print the prepaid label and drop the parcel at any UPS location.',
      ),
      q(
        'Exchange for a different size',
        1,
        'Exchanges for another size or colour are free. In the returns portal choose Exchange instead of Refund, and the new item ships as soon as the carrier scans your return.',
      ),
      q(
        'Where do I get a return label?',
        0,
        'The prepaid return label is created in the returns portal once you enter your order number and email address and choose the items to return.',
      ),
    ],
  },
  {
    title: 'Delivery delays',
    sourceType: 'web',
    chunks: [
      'During peak periods and severe weather, carriers may need 1 to 3 extra business days. The tracking page always shows the latest estimate from the carrier.',
      'If your parcel is more than 5 business days late, contact us: we will either reship the order at no cost or refund it in full.',
    ],
    questions: [
      q(
        'My package is late',
        1,
        'Sorry about the wait. If your parcel is more than 5 business days late, contact us and we will reship the order at no cost or refund it in full.',
      ),
      q(
        'Why is my delivery delayed?',
        0,
        "During peak periods and severe weather carriers may need 1 to 3 extra business days. The tracking page shows the carrier's latest delivery estimate.",
      ),
    ],
  },
  {
    title: 'Changing your order',
    sourceType: 'web',
    chunks: [
      'You can change the shipping address or the items of an order until it is packed, usually within one hour of ordering. Open My Account > Orders and choose Edit order.',
      "Once an order has shipped we can no longer change the address, but you can redirect the parcel from the carrier's tracking page.",
    ],
    questions: [
      q(
        'Change shipping address',
        0,
        'You can change the shipping address until the order is packed, usually within one hour of ordering: go to My Account > Orders and choose Edit order.',
      ),
      q(
        'Can I edit my order after placing it?',
        0,
        'Yes, until it is packed (usually within an hour of ordering). Open My Account > Orders and choose Edit order to change items or the address.',
      ),
      q(
        'Change address after shipping',
        1,
        "Once an order has shipped we can't change the address, but you can redirect the parcel from the carrier's tracking page.",
      ),
    ],
  },
  {
    title: 'Cancelling an order',
    sourceType: 'web',
    chunks: [
      'Orders can be cancelled free of charge until they are packed. Go to My Account > Orders and select Cancel order; the refund goes back to your payment method within 3 business days.',
      'If the order has already shipped you cannot cancel it, but you can refuse the delivery or return it for free within 30 days.',
    ],
    questions: [
      q(
        'How do I cancel my order?',
        0,
        'Go to My Account > Orders and select Cancel order. Cancelling is free until the order is packed, and the refund reaches your payment method within 3 business days.',
      ),
      q(
        'Cancel an order that already shipped',
        1,
        'A shipped order can no longer be cancelled, but you can refuse the delivery or return it for free within 30 days.',
      ),
    ],
  },
  {
    title: 'Resetting your password',
    sourceType: 'web',
    chunks: [
      'Select Forgot password on the sign-in page and enter your account email. We send a reset link that is valid for 30 minutes.',
      'If the reset email does not arrive within 10 minutes, check your spam folder and make sure you used the address on your account. Company email filters sometimes block our messages; try again with a personal address.',
    ],
    questions: [
      q(
        'Reset password',
        0,
        'Select Forgot password on the sign-in page and enter your account email. You will receive a reset link that is valid for 30 minutes.',
      ),
      q(
        'Password reset email not received',
        1,
        'If the email has not arrived within 10 minutes, check your spam folder and confirm you used the address on your account. Company email filters sometimes block our messages, so you can also try a personal address.',
      ),
      q(
        'How do I change my password?',
        0,
        'Use Forgot password on the sign-in page: enter your account email and follow the reset link we send you. The link is valid for 30 minutes.',
      ),
    ],
  },
  {
    title: 'Account security',
    sourceType: 'web',
    chunks: [
      'After five failed sign-in attempts your account is locked for 30 minutes to protect it. You can unlock it straight away by resetting your password.',
      'Turn on two-step verification in Account settings > Security. Each time you sign in on a new device you are asked for a code from your authenticator app or sent by SMS.',
    ],
    questions: [
      q(
        'My account is locked',
        0,
        'Accounts are locked for 30 minutes after five failed sign-in attempts. You can unlock yours straight away by resetting your password.',
      ),
      q(
        'Enable two factor authentication',
        1,
        'Turn on two-step verification under Account settings > Security. You will then be asked for a code from your authenticator app or by SMS whenever you sign in on a new device.',
      ),
      q(
        '2FA',
        1,
        'Two-step verification can be turned on in Account settings > Security; new devices then need a code from your authenticator app or an SMS.',
      ),
    ],
  },
  {
    title: 'Payment methods',
    sourceType: 'web',
    chunks: [
      'We accept Visa, Mastercard, American Express, Discover, PayPal, Apple Pay and Google Pay. Shop Pay Installments lets you split orders over $150 into four interest-free payments.',
      'A declined payment usually means the card issuer blocked the transaction. Check that the billing address matches the one your bank has on file, or try another payment method.',
    ],
    questions: [
      q(
        'What payment methods do you accept?',
        0,
        'We accept Visa, Mastercard, American Express, Discover, PayPal, Apple Pay and Google Pay. Orders over $150 can also be split into four interest-free payments with Shop Pay Installments.',
      ),
      q(
        'Can I pay with PayPal?',
        0,
        'Yes, PayPal is accepted, as are Visa, Mastercard, American Express, Discover, Apple Pay and Google Pay.',
      ),
      q(
        'Why was my card declined?',
        1,
        'A decline usually means your card issuer blocked the transaction. Check that the billing address matches the one your bank has on file, or try another payment method.',
      ),
      q(
        'Pay in installments',
        0,
        'Orders over $150 can be split into four interest-free payments with Shop Pay Installments at checkout.',
      ),
    ],
  },
  {
    title: 'Double charges explained',
    sourceType: 'web',
    chunks: [
      'If you see two charges for one order, one of them is usually a temporary authorisation. Only one amount is captured; the other disappears from your statement within 3 to 5 business days.',
    ],
    questions: [
      q(
        'I was charged twice',
        0,
        'One of the two charges is most likely a temporary authorisation. Only one amount is captured, and the other disappears from your statement within 3 to 5 business days.',
      ),
      q(
        'Double charge on my card',
        0,
        'A second charge for the same order is usually a temporary authorisation that drops off your statement within 3 to 5 business days; only one amount is actually captured.',
      ),
    ],
  },
  {
    title: 'Plans & Prices',
    sourceType: 'web',
    chunks: [
      'Plus membership costs $9.99 a month or $99 a year and includes free express shipping, early access to sales and extended 60-day returns.',
      'You can switch between monthly and yearly billing at any time from Account settings > Membership. The change applies from your next billing date.',
    ],
    questions: [
      q('How much is Plus membership?', 0, 'Plus costs $9.99 a month or $99 a year.'),
      q(
        'What does Plus include?',
        0,
        'Plus membership includes free express shipping, early access to sales and extended 60-day returns, for $9.99 a month or $99 a year.',
      ),
      q(
        'Switch to yearly billing',
        1,
        'You can switch between monthly and yearly billing at any time in Account settings > Membership; the change applies from your next billing date.',
      ),
    ],
  },
  {
    title: 'Managing your subscription',
    sourceType: 'web',
    chunks: [
      'Cancel your membership from Account settings > Membership > Cancel. You keep the benefits until the end of the current billing period and are not charged again.',
      'You can pause your membership for up to three months once a year. Billing resumes automatically at the end of the pause.',
    ],
    questions: [
      q(
        'Cancel membership',
        0,
        'Go to Account settings > Membership > Cancel. You keep your benefits until the end of the current billing period and will not be charged again.',
      ),
      q(
        'Pause my subscription',
        1,
        'You can pause your membership for up to three months once a year; billing resumes automatically when the pause ends.',
      ),
    ],
  },
  {
    title: 'Warranty',
    sourceType: 'file',
    chunks: [
      'All electronics and appliances come with a two-year limited warranty covering manufacturing defects. Accidental damage, water damage and normal wear are not covered.',
      'To make a warranty claim, send your order number, a description of the fault and a photo or video to our support team. Approved claims are repaired or replaced within 10 business days.',
    ],
    questions: [
      q(
        'What does the warranty cover?',
        0,
        'Electronics and appliances have a two-year limited warranty that covers manufacturing defects. Accidental damage, water damage and normal wear are not covered.',
      ),
      q(
        'How do I make a warranty claim?',
        1,
        'Send your order number, a description of the fault and a photo or video to our support team. Approved claims are repaired or replaced within 10 business days.',
      ),
      q(
        'Is water damage covered?',
        0,
        'No, water damage is not covered by the two-year limited warranty, which applies to manufacturing defects only.',
      ),
    ],
  },
  {
    title: 'Size guide',
    sourceType: 'web',
    chunks: [
      'Our clothing runs true to size. If you are between two sizes, choose the larger one for a relaxed fit or the smaller one for a slim fit.',
      'Shoe sizes follow US sizing. Measure your foot from heel to longest toe and compare it with the chart on each product page; wide fits are marked W.',
    ],
    questions: [
      q(
        'What size should I get?',
        0,
        'Our clothing runs true to size. If you are between two sizes, pick the larger one for a relaxed fit or the smaller one for a slim fit.',
      ),
      q(
        'Shoe size chart',
        1,
        'Shoes use US sizing. Measure your foot from heel to longest toe and compare it with the chart on the product page; wide fits are marked W.',
      ),
      q(
        'Do your clothes run small?',
        0,
        'No, our clothing runs true to size. Between two sizes, choose the larger for a relaxed fit or the smaller for a slim fit.',
      ),
    ],
  },
];

/** Questions nobody wrote an article for: the search finds only loosely related chunks, or nothing at all. */
export const UNANSWERABLE: readonly string[] = [
  'Do you have a store in Toronto?',
  'Can I use two promo codes on one order?',
  'Are your products vegan?',
  'student discount',
  'Do you offer gift wrapping?',
  'Can I order by phone?',
  'bulk order pricing',
  'Is there a loyalty points program?',
  'Where are your products made?',
  'careers',
];

export const NO_ANSWER =
  "I couldn't find information about that in our help center. You can reach our support team from the Contact us page, and they will be happy to help.";

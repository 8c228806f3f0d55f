/**
 * What customers of a typical online shop contact support about, shared by every conversational vendor's world.
 * Templates use {order}, {product}, {name}, {carrier}, {days}, {amount}, {city} and {email}; the dialogue generator
 * fills them from faker, so conversations read like real support traffic rather than lorem ipsum.
 */
export interface Topic {
  id: string;
  category: string;
  subCategory: string;
  /** The customer's first message. */
  openers: readonly string[];
  /** The AI agent's substantive answer once it knows the order. */
  answers: readonly string[];
  /** A follow-up question a customer may ask. */
  followUps: readonly string[];
  followUpAnswers: readonly string[];
  /** Help-centre articles the agent cites for this topic. */
  articles: readonly string[];
  /** Actions (tools) the agent may call for this topic. */
  tools: readonly string[];
  /** Whether the agent needs an order number first. */
  needsOrder: boolean;
}

export const TOPICS: readonly Topic[] = [
  {
    id: 'order-status',
    category: 'Order',
    subCategory: 'Order status',
    openers: [
      'Hi, where is my order {order}?',
      'I ordered a {product} last week and it still has not arrived',
      'Can you tell me when order {order} will be delivered?',
      'my package hasnt moved in tracking for {days} days',
    ],
    answers: [
      'Order {order} left our warehouse and is with {carrier}. The latest scan shows it in {city}; expected delivery is in {days} days.',
      'I checked order {order}: your {product} shipped with {carrier} and should arrive within {days} business days.',
    ],
    followUps: ['Can I get the tracking number?', 'Is it possible to deliver it to a different address?'],
    followUpAnswers: [
      'Of course. I have sent the {carrier} tracking link to {email}.',
      'Once a parcel is with {carrier} we cannot change the address, but you can redirect it from the tracking page.',
    ],
    articles: ['Shipping times and carriers', 'How to track your order'],
    tools: ['Order lookup', 'Carrier tracking'],
    needsOrder: true,
  },
  {
    id: 'refund',
    category: 'Return',
    subCategory: 'Refund request',
    openers: [
      'I want a refund for order {order}',
      'The {product} I received is not what I expected, how do I get my money back?',
      'Hello, I returned order {order} two weeks ago and still have no refund',
    ],
    answers: [
      'I have opened a refund of {amount} for order {order}. It goes back to your original payment method within 5 to 7 business days.',
      'Your return for {order} was received on our side. The refund of {amount} was issued today.',
    ],
    followUps: ['Will I get the shipping cost back too?', 'Can I have store credit instead?'],
    followUpAnswers: [
      'Shipping costs are refunded when the item was faulty or we sent the wrong one.',
      'Yes, I can convert the refund into store credit with a 10% bonus if you prefer.',
    ],
    articles: ['Refund policy', 'Refund policy during sales'],
    tools: ['Order lookup', 'Create refund'],
    needsOrder: true,
  },
  {
    id: 'partial-refund',
    category: 'Return',
    subCategory: 'Partial refund',
    openers: [
      'Only part of order {order} arrived, can I get a partial refund?',
      'One item from my order was missing: the {product}',
    ],
    answers: ['I am sorry the {product} was missing. I have refunded {amount} for it on order {order}.'],
    followUps: ['Can you send the missing item instead?'],
    followUpAnswers: ['Yes, I can ship a replacement at no cost; it would arrive in about {days} days.'],
    articles: ['Missing items', 'Refund policy'],
    tools: ['Order lookup', 'Create refund', 'Create replacement'],
    needsOrder: true,
  },
  {
    id: 'damaged',
    category: 'Return',
    subCategory: 'Damaged item',
    openers: ['My {product} arrived broken', 'The box was crushed and the {product} inside is damaged, order {order}'],
    answers: [
      'I am sorry about that. I have arranged a free replacement for the {product}; {carrier} will collect the damaged one.',
      'Thanks for the photos. A replacement for order {order} is on its way and you do not need to send the damaged item back.',
    ],
    followUps: ['Do I need to keep the packaging?'],
    followUpAnswers: ['Please keep it until {carrier} collects the parcel, then you can recycle it.'],
    articles: ['Damaged or faulty items', 'Returns and exchanges'],
    tools: ['Order lookup', 'Create replacement', 'Book courier pickup'],
    needsOrder: true,
  },
  {
    id: 'delivery-delay',
    category: 'Delivery',
    subCategory: 'Late delivery',
    openers: ['My delivery was supposed to come yesterday', 'Order {order} is late, I needed it for the weekend!'],
    answers: [
      '{carrier} reports a delay in the {city} depot. Your parcel is now expected in {days} days. I have added free express shipping to your next order.',
    ],
    followUps: ['Can I cancel if it does not arrive by Friday?'],
    followUpAnswers: ['Yes. If it has not arrived by then, reply here and I will cancel and refund it straight away.'],
    articles: ['Shipping times and carriers', 'Delivery delays'],
    tools: ['Carrier tracking'],
    needsOrder: true,
  },
  {
    id: 'change-address',
    category: 'Order',
    subCategory: 'Change address',
    openers: [
      'I need to change the shipping address for order {order}',
      'Can I update my delivery address? I moved to {city}',
    ],
    answers: ['Order {order} has not shipped yet, so I updated the delivery address to your new one in {city}.'],
    followUps: ['Will that delay the delivery?'],
    followUpAnswers: ['No, the estimated delivery stays the same.'],
    articles: ['Changing your order'],
    tools: ['Order lookup', 'Update address'],
    needsOrder: true,
  },
  {
    id: 'cancel-order',
    category: 'Order',
    subCategory: 'Cancellation',
    openers: ['Please cancel order {order}', 'I ordered the wrong size, can I cancel?'],
    answers: ['Order {order} is cancelled. You will see {amount} back on your card within 3 business days.'],
    followUps: ['Can I place the same order again with another size?'],
    followUpAnswers: ['Yes, the {product} is still in stock in every size.'],
    articles: ['Cancelling an order'],
    tools: ['Order lookup', 'Cancel order'],
    needsOrder: true,
  },
  {
    id: 'account-access',
    category: 'Account',
    subCategory: 'Login problem',
    openers: [
      'I cannot log in to my account',
      'Password reset email never arrives',
      'My account is locked after too many attempts',
    ],
    answers: [
      'I have sent a new password reset link to {email}. It is valid for 30 minutes; please check your spam folder too.',
      'Your account was locked for security. I unlocked it; you can sign in again now.',
    ],
    followUps: ['Can I change the email on my account?'],
    followUpAnswers: ['Yes: go to Account settings, then Email, and confirm the change from both addresses.'],
    articles: ['Resetting your password', 'Account security'],
    tools: ['Account lookup', 'Send password reset'],
    needsOrder: false,
  },
  {
    id: 'payment-failed',
    category: 'Billing',
    subCategory: 'Payment failed',
    openers: ['My payment keeps failing at checkout', 'I was charged twice for order {order}'],
    answers: [
      'I can see two authorisations for order {order}; only one was captured and the other will drop off within 3 days.',
      'The card issuer declined the payment. Please try another card or pay with PayPal.',
    ],
    followUps: ['Which payment methods do you accept?'],
    followUpAnswers: ['Visa, Mastercard, American Express, PayPal and Apple Pay.'],
    articles: ['Payment methods', 'Double charges explained'],
    tools: ['Payment lookup'],
    needsOrder: false,
  },
  {
    id: 'subscription',
    category: 'Billing',
    subCategory: 'Subscription',
    openers: [
      'How do I cancel my subscription?',
      'I want to downgrade my plan',
      'Can I pause my membership for a month?',
    ],
    answers: [
      'I have cancelled your subscription; you keep access until the end of the current billing period.',
      'Your plan is now paused for one month and billing resumes automatically afterwards.',
    ],
    followUps: ['Will I lose my saved items?'],
    followUpAnswers: ['No, your saved items and order history stay on your account.'],
    articles: ['Plans & Prices', 'Managing your subscription', 'First-time customer retention measures'],
    tools: ['Subscription management'],
    needsOrder: false,
  },
  {
    id: 'product-question',
    category: 'Product',
    subCategory: 'Product information',
    openers: [
      'Is the {product} waterproof?',
      'Does the {product} come with a warranty?',
      'what size should i get for the {product}',
    ],
    answers: [
      'The {product} has a two-year warranty and is splash resistant, but not waterproof.',
      'Most customers take their usual size in the {product}; the size guide on the product page has exact measurements.',
    ],
    followUps: ['Is it in stock in {city}?'],
    followUpAnswers: ['Yes, our {city} store has it in stock today.'],
    articles: ['Warranty', 'Size guide'],
    tools: ['Product catalogue', 'Store stock'],
    needsOrder: false,
  },
];

export const CARRIERS = ['UPS', 'FedEx', 'DHL Express', 'USPS', 'Royal Mail', 'DPD', 'GLS'] as const;

/** Names from outside the English-speaking world, so non-Latin scripts and accents appear in real proportion. */
export const INTERNATIONAL_NAMES = [
  'José Álvarez',
  'Zoë Müller',
  '李娜',
  '佐藤 花子',
  'Олена Коваль',
  'محمد العلي',
  'Søren Kierkegård',
  'Nguyễn Văn An',
  'Łukasz Żuraw',
  'François Lefèvre',
] as const;

export const THANKS = [
  'Thanks!',
  'Thank you so much 🙏',
  'great, thanks',
  'Perfect, that helps 👍',
  'ok thank you',
  'Awesome, thanks a lot! 😊',
] as const;

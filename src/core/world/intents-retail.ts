/**
 * What customers of an online shop (Harbor & Pine) write to support about. Every answer states the company's own policy
 * (tokens filled from companies.ts); article titles are those of the Kore knowledge base.
 *
 * check-sizes: data table (the intents, their openers, answers and follow-ups; no logic)
 */
import { intent } from './intent.js';

export const RETAIL_INTENTS = [
  intent({
    id: 'order-status',
    category: 'Order',
    subCategory: 'Order status',
    slot: 'order',
    openers: [
      'Hi, where is my order {order}?',
      'Can you tell me when order {order} will be delivered?',
      'I ordered the {product} last week and it still has not arrived',
      'my package hasnt moved in tracking for 4 days',
    ],
    answers: [
      'Order {order} left our warehouse and is with {carrier}. The latest scan is from this morning and delivery is expected {eta}.',
      'I checked order {order}: your {product} shipped with {carrier} and should arrive {eta}.',
    ],
    followUps: [
      [
        'Can I get the tracking number?',
        'Of course. I have sent the {carrier} tracking link for order {order} to {email}.',
      ],
      [
        'Can it be delivered to a different address?',
        'Once a parcel is with {carrier} we cannot change the address, but you can redirect it from the tracking page.',
      ],
    ],
    human: [
      'I called {carrier} about order {order}: the parcel was held at their local depot over the weekend and is back on the van for delivery {eta}.',
      'I have asked {carrier} to open a trace on order {order}. If it is not with you {eta}, I will send a replacement myself.',
    ],
    articles: ['Shipping times and carriers', 'How to track your order'],
    tools: ['Order lookup', 'Carrier tracking'],
  }),
  intent({
    id: 'refund',
    category: 'Return',
    subCategory: 'Refund request',
    slot: 'order',
    openers: [
      'I want a refund for order {order}',
      'Hello, I returned order {order} two weeks ago and still have no refund',
      'I sent the {product} back, when do I get my money back?',
    ],
    answers: [
      'Your return for order {order} has arrived at our warehouse. I have issued the refund of {amount}; it reaches your original payment method within {days} business days.',
      'I have opened a refund of {amount} for order {order}. It goes back to your original payment method within {days} business days.',
    ],
    followUps: [
      [
        'Will I get the shipping cost back too?',
        'Shipping costs are refunded when the item was faulty or we sent the wrong one.',
      ],
      ['Will I get an email about it?', 'Yes, a confirmation goes to {email} as soon as the refund is processed.'],
    ],
    human: [
      'I went through order {order} with our returns team. The refund of {amount} is approved on our side; your bank may show it a couple of days after the {days} business days.',
      'I double-checked order {order}: the return was scanned in on Monday, so I pushed the refund of {amount} through manually just now.',
    ],
    articles: ['Refund policy', 'Refund policy during sales'],
    tools: ['Order lookup', 'Create refund'],
  }),
  intent({
    id: 'return',
    category: 'Return',
    subCategory: 'Return request',
    slot: 'order',
    openers: [
      'How do I return the {product}?',
      'I would like to return something from order {order}',
      'The {product} does not fit, can I send it back?',
    ],
    answers: [
      'You can return items from order {order} within {window} days of delivery. I have emailed a prepaid return label to {email}; drop the parcel at any UPS location.',
      'Order {order} is still inside the {window}-day return window. Your prepaid label is on its way to {email}, and the refund follows within {days} business days of the return reaching us.',
    ],
    followUps: [
      [
        'Can I exchange it for another size instead?',
        'Yes, exchanges are free: choose Exchange instead of Refund in the returns portal and the new size ships once {carrier} scans your return.',
      ],
      ['Do I need the original box?', 'The original packaging is best, but any sturdy box works.'],
    ],
    human: [
      'I have set up the return for order {order} myself and waived the restocking check, so you only need to drop it at UPS.',
      'I can see the return label for order {order} was never sent, sorry about that. A new one is in your inbox now.',
    ],
    articles: ['Returns and exchanges', 'Refund policy'],
    tools: ['Order lookup', 'Create return label'],
  }),
  intent({
    id: 'delivery-problem',
    category: 'Delivery',
    subCategory: 'Damaged or late delivery',
    slot: 'order',
    openers: [
      'My {product} arrived broken',
      'The box was crushed and the {product} inside is damaged, order {order}',
      'Order {order} is late, I needed it for the weekend!',
    ],
    answers: [
      'I am sorry about order {order}. I have arranged a free replacement {product}, which ships today with {carrier}; you do not need to send the damaged one back.',
      'I checked order {order} with {carrier}: it was delayed at their depot and is now due {eta}. If it is not there by then, I will reship it at no cost or refund it in full.',
    ],
    followUps: [
      ['Do I need to keep the packaging?', 'No need. A photo is enough, and you can recycle the packaging.'],
      [
        'Can I cancel if it does not arrive by Friday?',
        'Yes. If it has not arrived by then, reply here and I will cancel and refund it straight away.',
      ],
    ],
    human: [
      'I have escalated order {order} with {carrier} and booked the replacement as priority, so it should reach you {eta}.',
      'Thanks for your patience. I refunded the shipping on order {order} as well, on top of sorting out the delivery.',
    ],
    articles: ['Damaged or faulty items', 'Delivery delays'],
    tools: ['Order lookup', 'Carrier tracking', 'Create replacement'],
  }),
  intent({
    id: 'cancel-order',
    category: 'Order',
    subCategory: 'Cancellation',
    slot: 'order',
    openers: ['Please cancel order {order}', 'I ordered the wrong size, can I cancel my order?'],
    answers: [
      'Order {order} had not been packed yet, so I cancelled it. {amount} goes back to your payment method within 3 business days.',
    ],
    followUps: [
      ['Can I order the same thing again in another size?', 'Yes, the {product} is in stock in every size right now.'],
    ],
    human: [
      'Order {order} was already packed, but I caught it before {carrier} collected it. It is cancelled and the {amount} refund is on its way.',
    ],
    articles: ['Cancelling an order', 'Changing your order'],
    tools: ['Order lookup', 'Cancel order'],
  }),
  intent({
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
      'Your account was locked after several failed sign-ins. I have sent an unlock link to {email}; it is valid for 30 minutes.',
    ],
    followUps: [
      [
        'Can I change the email on my account?',
        'Yes: go to Account settings, then Email, and confirm the change from both addresses.',
      ],
    ],
    human: [
      'I have verified your identity and reset the sign-in on our side. You can log in with {email} now and choose a new password.',
    ],
    articles: ['Resetting your password', 'Account security'],
    tools: ['Account lookup', 'Send password reset'],
  }),
  intent({
    id: 'payment-failed',
    category: 'Billing',
    subCategory: 'Payment failed',
    openers: ['My payment keeps failing at checkout', 'Why does my card get declined when I try to pay?'],
    answers: [
      'A declined payment usually means the card issuer blocked it. Check that the billing address matches the one your bank has, or pay another way: we accept {payments}.',
    ],
    followUps: [['Can I pay with PayPal?', 'Yes. We accept {payments}.']],
    human: [
      'I looked at the attempts on our payment provider: your bank flagged them as unusual. Once you approve the purchase in your banking app, checkout will go through.',
    ],
    articles: ['Payment methods'],
    tools: ['Payment lookup'],
  }),
  intent({
    id: 'double-charge',
    category: 'Billing',
    subCategory: 'Double charge',
    slot: 'order',
    openers: ['I was charged twice for order {order}', 'I see two charges on my card for the same order'],
    answers: [
      'I can see two authorisations for order {order}; only one was captured, and the other drops off your statement within 3 to 5 business days.',
    ],
    followUps: [
      [
        'What if it is still there next week?',
        'Then reply here with a screenshot of the statement and we will refund the second charge at once.',
      ],
    ],
    human: [
      'I checked with our payments team: the second charge on order {order} is a pending authorisation and I have asked for it to be released today.',
    ],
    articles: ['Double charges explained', 'Payment methods'],
    tools: ['Payment lookup'],
  }),
  intent({
    id: 'plan-change',
    category: 'Billing',
    subCategory: 'Plan change',
    openers: [
      'Can I switch my {plan} membership from monthly to yearly billing?',
      'I would like to pay for {plan} yearly instead of monthly',
    ],
    answers: [
      'Done: from your next billing date {plan} is billed yearly at {yearly} instead of {monthly} a month. Your benefits do not change.',
    ],
    followUps: [['Will I lose my saved items?', 'No, your saved items and order history stay on your account.']],
    human: [
      'I have moved your {plan} membership to yearly billing and credited what is left of this month against the {yearly}.',
    ],
    articles: ['Plans & Prices', 'Managing your subscription'],
    tools: ['Subscription management'],
  }),
  intent({
    id: 'plan-cancel',
    category: 'Billing',
    subCategory: 'Plan cancellation',
    openers: ['How do I cancel my {plan} membership?', 'Please cancel my {plan} membership'],
    answers: [
      'I have cancelled your {plan} membership. You keep free express shipping and the other benefits until the end of the current billing period.',
    ],
    followUps: [['Will I lose my saved items?', 'No, your saved items and order history stay on your account.']],
    human: [
      "I have cancelled {plan} for you and refunded this month's {monthly}, since you have not used any of its benefits yet.",
    ],
    articles: ['Managing your subscription', 'Plans & Prices'],
    tools: ['Subscription management'],
  }),
  intent({
    id: 'product-question',
    category: 'Product',
    subCategory: 'Product information',
    openers: ['Does the {product} come with a warranty?', 'Is the {product} covered by a warranty?'],
    answers: [
      'The {product} ({price}) has a two-year warranty against manufacturing defects. Keep your order confirmation as proof of purchase.',
    ],
    followUps: [['Is it in stock?', 'Yes, the {product} is in stock and ships within one business day.']],
    human: [
      'I asked our product team about the {product}: the warranty also covers the zips and seams, not only the fabric.',
    ],
    articles: ['Warranty', 'Size guide'],
    tools: ['Product catalogue'],
  }),
] as const;

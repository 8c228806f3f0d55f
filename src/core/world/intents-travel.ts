/**
 * What travellers of a tour operator (SunCo Travel) write to support about; the slot is a booking reference. A data
 * table: longer than the house limit on purpose.
 */
import { intent } from './intent.js';

export const TRAVEL_INTENTS = [
  intent({
    id: 'booking-change',
    category: 'Booking',
    subCategory: 'Change booking dates',
    slot: 'booking',
    openers: [
      'Can I move my trip to a later date?',
      'I need to change the dates of booking {order}',
      'Is it possible to change the travel dates on the {product}?',
    ],
    answers: [
      'I found booking {order} for the {product}. You can move it free of charge up to 14 days before departure; I have sent the available dates to {email}.',
    ],
    followUps: [
      [
        'Does the price change?',
        'Only if the new dates cost more: you pay the difference, and if they cost less we refund it.',
      ],
    ],
    human: [
      'I have held seats on the later departure for booking {order}, so nobody takes them while you decide. Reply with the date you prefer and I will confirm it.',
    ],
    articles: ['Changing your booking', 'Booking conditions'],
    tools: ['Booking lookup', 'Change booking'],
  }),
  intent({
    id: 'booking-cancel',
    category: 'Booking',
    subCategory: 'Cancellation and refund',
    slot: 'booking',
    openers: ['I want to cancel booking {order}', 'How do I cancel my holiday and get a refund?'],
    answers: [
      'Booking {order} is more than 30 days before departure, so you get a full refund of {amount} minus the €50 cancellation fee, within {days} business days.',
    ],
    followUps: [
      [
        'Does my travel insurance cover the fee?',
        'Most policies do when you cancel for illness; your insurer will ask for our cancellation invoice, which I have sent to {email}.',
      ],
    ],
    human: [
      'I have cancelled booking {order} and, as a one-off, waived the €50 fee because the hotel changed your room type.',
    ],
    articles: ['Cancellation policy', 'Booking conditions'],
    tools: ['Booking lookup', 'Cancel booking'],
  }),
  intent({
    id: 'baggage',
    category: 'Travel',
    subCategory: 'Baggage allowance',
    slot: 'booking',
    openers: ['How much luggage can I take on booking {order}?', 'Is checked baggage included in my trip?'],
    answers: [
      'Booking {order} flies with {carrier} and includes one checked bag of 20 kg and one cabin bag of 10 kg per traveller.',
    ],
    followUps: [
      ['Can I add a second bag?', 'Yes, an extra 20 kg bag costs €45 each way when you add it before check-in.'],
    ],
    human: [
      'I have added a second checked bag to booking {order} at the online price, so you will not pay the airport rate.',
    ],
    articles: ['Baggage allowance'],
    tools: ['Booking lookup'],
  }),
  intent({
    id: 'check-in',
    category: 'Travel',
    subCategory: 'Check-in and documents',
    slot: 'booking',
    openers: ['When can I check in for booking {order}?', 'I have not received my boarding passes'],
    answers: [
      'Online check-in for booking {order} opens 30 hours before departure on the {carrier} website; your travel documents are in your SunCo account under My trips.',
    ],
    followUps: [['Do I need to print them?', 'No, the mobile boarding pass is enough; keep your passport with you.']],
    human: ['I have checked you in for booking {order} myself and sent the boarding passes to {email}.'],
    articles: ['Check-in and travel documents'],
    tools: ['Booking lookup', 'Send documents'],
  }),
  intent({
    id: 'payment-failed',
    category: 'Billing',
    subCategory: 'Payment failed',
    openers: ['My payment for the trip keeps failing', 'Why is my card declined when I book?'],
    answers: [
      'A declined payment usually means the card issuer blocked it. You can also pay with {payments}; the price stays held for 24 hours.',
    ],
    followUps: [
      ['Can I pay in instalments?', 'Yes: pay a 20% deposit now and the rest up to 6 weeks before departure.'],
    ],
    human: [
      'I have extended the hold on your price by another day and sent you a payment link that works with {payments}.',
    ],
    articles: ['Payment options'],
    tools: ['Payment lookup'],
  }),
  intent({
    id: 'account-access',
    category: 'Account',
    subCategory: 'Login problem',
    openers: ['I cannot log in to My trips', 'The password reset email never arrives'],
    answers: [
      'I have sent a new password reset link to {email}. It is valid for 30 minutes; please check your spam folder too.',
    ],
    followUps: [
      ['Can I see my booking without logging in?', 'Yes, use Find my booking with your booking reference and surname.'],
    ],
    human: ['I have verified your identity and unlocked your account; you can sign in with {email} again.'],
    articles: ['Your SunCo account'],
    tools: ['Account lookup', 'Send password reset'],
  }),
] as const;

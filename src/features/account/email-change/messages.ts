/** The e-mail address change has a namespace of its own (files: account/messages/<locale>/account-email.json). */
export const EMAIL_NS = 'account-email';

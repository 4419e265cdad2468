/** The authenticator app change has a namespace of its own (files: account/messages/<locale>/account-totp.json). */
export const TOTP_NS = 'account-totp';

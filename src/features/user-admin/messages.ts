/** The 'userAdmin' namespace: the account page, disabling, changing the role (files: messages/<locale>/userAdmin.json). */
export const USER_ADMIN_NS = 'userAdmin';

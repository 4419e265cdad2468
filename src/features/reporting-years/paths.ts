/** Where the centre's own records are listed (the case-records feature's page), below the language prefix. */
export const CASES_PATH = '/staff/cases';

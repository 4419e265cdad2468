import { z } from 'zod';

/** E-mail addresses as stored: trimmed, lower case (app_user.email requires it). */
export const emailSchema = z.string().trim().toLowerCase().min(3).max(254).pipe(z.email());

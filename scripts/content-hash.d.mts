import type { Hash } from 'node:crypto';

export function filesBelow(root: string, rel: string): string[];
export function contentHash(root: string, inputs: readonly string[], skip?: RegExp): Hash;

import type { z } from 'zod';
import type { SettingsError } from './cross-checks.ts';
import { SECRET_IN_SETTINGS } from './option-schema.ts';

/** A settings path as a person writes it: profiles[0].options.baseUrl. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/** Turns zod's issues into plain sentences, each with its path. */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
): SettingsError[] {
  return issues.flatMap((issue): SettingsError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: 'is not a known setting: check its spelling, or remove it',
      }));
    }
    return [
      { path: formatPath(issue.path) || '(top level)', message: describeIssue(issue, input) },
    ];
  });
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text in quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list [ … ]',
  object: 'an object { … }',
};

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const wanted = TYPE_WORDS[issue.expected] ?? issue.expected;
      return valueAt(input, issue.path) === undefined
        ? `is required (${wanted})`
        : `must be ${wanted}`;
    }
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) {
        return `must be one of: ${issue.options.map((v) => JSON.stringify(v)).join(', ')}`;
      }
      return issue.message;
    case 'too_small':
      if (issue.origin === 'array')
        return `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string')
        return issue.message.startsWith('Too small') ? 'must not be empty' : issue.message;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `must have at most ${issue.maximum} items`
        : `must be at most ${issue.maximum}`;
    case 'custom':
      if (issue.params?.kind === SECRET_IN_SETTINGS) return secretMessage(issue, input);
      return issue.message;
    default:
      return issue.message;
  }
}

function secretMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const profile = valueAt(input, issue.path.slice(0, 2)) as { id?: unknown } | undefined;
  const id = typeof profile?.id === 'string' ? profile.id : 'PROFILE';
  const field = String(issue.path.at(-1));
  return (
    'is a secret and does not belong in the settings file: remove it and store it in the ' +
    `keychain with \`call-courier secret set ${id} ${field}\``
  );
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

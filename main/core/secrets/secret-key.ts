const PROFILE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const FIELD_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** What is wrong with a profile id and secret field name, or null when both are well spelled. */
export function secretKeyError(profile: string, field: string): string | null {
  if (!PROFILE_PATTERN.test(profile)) {
    return `the profile id "${profile}" must be 1 to 40 letters, digits, - or _, starting with a letter or digit`;
  }
  if (!FIELD_PATTERN.test(field)) {
    return `the field name "${field}" must be 1 to 64 letters, digits, - or _, starting with a letter or digit`;
  }
  return null;
}

/** Throws when a profile id or field name is misspelled, so no store keys a secret ambiguously. */
export function assertSecretKey(profile: string, field: string): void {
  const problem = secretKeyError(profile, field);
  if (problem) throw new Error(problem);
}

/** How a secret is named in messages: `et/password`. */
export function secretLabel(profile: string, field: string): string {
  return `${profile}/${field}`;
}

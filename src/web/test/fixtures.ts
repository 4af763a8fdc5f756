/** The id of the caseworker that meFixture logs in as. */
export const meId = '2b7c6f55-3f0e-4c55-9a39-2f4f0b1e8a13';

/** The body of GET /api/auth/me for a caseworker with these permissions and language. */
export function meFixture(permissions: string[], language: 'ja' | 'en') {
  return {
    id: meId, email: 'cw@example.org', displayName: 'Caseworker', role: 'caseworker', language,
    permissions, organisationName: 'Office', csrfToken: 'csrf',
  };
}

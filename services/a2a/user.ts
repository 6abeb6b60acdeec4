import type { User } from '@a2a-js/sdk/server';

/** The caller, once the bearer check (which every route and RPC passes first) has let it through. */
export class BearerUser implements User {
  get isAuthenticated(): boolean {
    return true;
  }

  get userName(): string {
    return 'bearer';
  }
}

export const bearerUser = new BearerUser();

/**
 * The `wxCloudApiToken` of each running invocation. The SDK sends it with every wire request, which is how the
 * server knows which function (and which of its callers) made a database, callFunction or openapi request.
 */
import { randomBase64Url } from '../random';
import type { Caller } from '../types';

export interface TokenOwner {
  functionName: string;
  caller: Caller;
  requestId: string;
}

export class ApiTokenRegistry {
  private readonly owners = new Map<string, TokenOwner>();

  /** A fresh token, valid until `revoke` (the end of the invocation). */
  issue(owner: TokenOwner): string {
    const token = randomBase64Url(24);
    this.owners.set(token, owner);
    return token;
  }

  revoke(token: string): void {
    this.owners.delete(token);
  }

  ownerOf(token: string): TokenOwner | undefined {
    return this.owners.get(token);
  }
}

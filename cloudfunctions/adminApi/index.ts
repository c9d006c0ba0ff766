/** The merchant admin API behind CloudBase's HTTP access service at /api/admin (see routes.ts for the table). */
import { cloud } from '../_shared/platform/cloud';
import { answer, answerError, parseRequest, type HttpEvent, type IntegrationResponse } from './http';
import { dispatch } from './router';
import { ROUTES } from './routes';

export async function main(event: HttpEvent): Promise<IntegrationResponse> {
  // One reading of the clock per request: the emulator's virtual clock locally, the real one in production.
  const now = Date.now();
  try {
    return answer(await dispatch(ROUTES, parseRequest(event ?? {}, clientAddress()), now));
  } catch (error) {
    return answerError(error);
  }
}

/** The caller's address as the platform puts it in the function's context (empty when it does not). */
function clientAddress(): string {
  const context = cloud.getWXContext() as { CLIENTIP?: string; CLIENTIPV6?: string };
  return context.CLIENTIP || context.CLIENTIPV6 || '';
}
